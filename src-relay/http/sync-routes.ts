import { z } from 'zod';
import { authenticateDevice, presentedToken } from '../devices/authenticate-device';
import { readChanges } from '../ledger/read-changes';
import { parseFields } from './read-form';
import { sendJson } from './responses';
import type { RelayServices, Route } from './route';

const pullQuery = z.object({
  cursor: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  partitions: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((partition) => partition.trim()).filter((partition) => partition !== ''))
    .pipe(z.array(z.string().max(200)).max(100)),
});

/** `/api/sync/*`: only registered, unrevoked devices. */
export function syncRoutes(services: RelayServices): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/sync/pull',
      async handle({ request, response, url }) {
        await authenticateDevice(services.database.db, presentedToken(request, url, { allowQuery: false }));
        const query = parseFields(pullQuery, Object.fromEntries(url.searchParams));
        const page = await readChanges(services.database.db, query);
        sendJson(response, 200, { ok: true, ...page });
      },
    },
  ];
}
