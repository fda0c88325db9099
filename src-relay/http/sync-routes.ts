import { z } from 'zod';
import { BootstrapRequest, ClaimRequest, PushRequest } from '../../src-shared/sync/protocol';
import { authenticateDevice, presentedToken } from '../devices/authenticate-device';
import { readChanges } from '../ledger/read-changes';
import { EVERYONE } from '../../src-shared/sync/partitions';
import { bootstrapLedger } from '../sync/bootstrap-ledger';
import { listRejections } from '../sync/command-log';
import { claimContact } from '../sync/contact-claims';
import { isOwnClientId, ownClientId } from '../sync/client-owners';
import { AppError } from '../../src-shared/errors';
import { pushCommands } from '../sync/push-commands';
import { parseFields } from './read-form';
import { readJson } from './read-json';
import { sendJson } from './responses';
import type { RelayServices, Route, RouteRequest } from './route';

const pullQuery = z.object({
  cursor: z.coerce.number().int().min(0).default(0),
  // Big pages keep a first sync of a whole book to a few hundred round trips.
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  /** The desktop's outbox id: a desk names it from its first pull on, so it is that device's before it is ever seen elsewhere. */
  clientId: z.string().min(1).max(64).optional(),
  partitions: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((partition) => partition.trim()).filter((partition) => partition !== ''))
    .pipe(z.array(z.string().max(200)).max(100)),
});

const rejectionsQuery = z.object({
  clientId: z.string().min(1).max(64),
  afterSeq: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** `/api/sync/*`: only registered, unrevoked devices. */
export function syncRoutes(services: RelayServices): Route[] {
  const { db } = services.database;
  const device = ({ request, url }: RouteRequest) => authenticateDevice(db, presentedToken(request, url, { allowQuery: false }));
  return [
    {
      method: 'GET',
      path: '/api/sync/pull',
      async handle(input) {
        const asking = await device(input);
        const served = asking.partitions;
        const query = parseFields(pullQuery, Object.fromEntries(input.url.searchParams));
        if (query.clientId !== undefined) await ownClientId(db, query.clientId, asking);
        // A device reads only the regions it serves; asking for some narrows further, never wider.
        const asked = query.partitions.length > 0 ? query.partitions : null;
        const partitions = served.includes(EVERYONE) ? asked : (asked ?? served).filter((partition) => served.includes(partition));
        const page = await readChanges(db, { ...query, partitions });
        sendJson(input.response, 200, { ok: true, ...page });
      },
    },
    {
      method: 'POST',
      path: '/api/sync/push',
      async handle(input) {
        const pushed = await pushCommands(db, await device(input), await readJson(input.request, PushRequest));
        sendJson(input.response, 200, { ok: true, ...pushed });
      },
    },
    {
      method: 'GET',
      path: '/api/sync/rejections',
      async handle(input) {
        const asking = await device(input);
        const query = parseFields(rejectionsQuery, Object.fromEntries(input.url.searchParams));
        // A client's rejections carry the rows it touched: they are its owner's to read, no one else's.
        if (!(await isOwnClientId(db, query.clientId, asking))) throw new AppError('forbidden', `client id ${query.clientId} is not this device's`, 'clientId');
        const rejections = await listRejections(db, query);
        sendJson(input.response, 200, { ok: true, rejections });
      },
    },
    {
      method: 'POST',
      path: '/api/sync/claim',
      async handle(input) {
        const claim = await claimContact(db, await device(input), await readJson(input.request, ClaimRequest));
        sendJson(input.response, 200, { ok: true, ...claim });
      },
    },
    {
      method: 'POST',
      path: '/api/sync/bootstrap',
      async handle(input) {
        const outcome = await bootstrapLedger(db, await device(input), await readJson(input.request, BootstrapRequest));
        sendJson(input.response, 200, { ok: true, ...outcome });
      },
    },
  ];
}
