import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIPv6 } from 'node:net';
import { AppError } from '../../src-shared/errors';
import { EVERYONE } from '../../src-shared/sync/partitions';
import type { DatabaseTarget } from '../config';
import { authenticateDevice, presentedToken } from '../devices/authenticate-device';
import { readBody } from '../http/read-body';
import { sendError, sendJson } from '../http/responses';
import type { RelayServices, Route, RouteRequest } from '../http/route';
import { log } from '../log';
import { FeedRejected } from './feed-rejected';
import { importTapeFeed } from './import-tape-feed';
import { MAX_PAYMENTS_PER_REQUEST, parsePayments } from './payment-input';
import { recordPayments } from './record-payments';
import { DEFAULT_TAPE_LIMITS, receiveTape, TapeTooLarge, type TapeUploadLimits } from './tape-upload';

/** A batch of payments is a few hundred bytes a payment. */
const MAX_PAYMENTS_BYTES = MAX_PAYMENTS_PER_REQUEST * 2048;

/** 422 with every problem, one line each: the request was understood and refused as a whole. */
async function answeringRefusals(response: ServerResponse, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof FeedRejected)) throw error;
    sendJson(response, 422, { ok: false, error: error.toData(), errors: error.errors });
  }
}

/** How this relay reaches itself: on the address and port a request came in on, whatever `RELAY_HOST` is. */
function ownUrl(request: IncomingMessage): string {
  const { localAddress, localPort } = request.socket;
  const host = localAddress && isIPv6(localAddress) && !localAddress.startsWith('::ffff:') ? `[${localAddress}]` : (localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  return `http://${host}:${localPort}`;
}

/**
 * `/api/feed/*`: the core-banking system's way into the ledger. It writes any region's loans, so
 * only a device registered for every region (`*`) may use it: `npm run relay -- device add --name
 * "Core banking"` gives its token, sent as `Authorization: Bearer <token>`.
 */
export function feedRoutes(services: RelayServices, target: DatabaseTarget, tapeLimits: TapeUploadLimits = DEFAULT_TAPE_LIMITS): Route[] {
  const { db } = services.database;
  const feedDevice = async ({ request, url }: RouteRequest) => {
    const device = await authenticateDevice(db, presentedToken(request, url, { allowQuery: false }));
    if (!device.partitions.includes(EVERYONE)) throw new AppError('forbidden', 'only a device registered for every region (*) may feed the ledger');
    // A feed writes as the system (payments, loans): a desk's token is a desk, never the book's source.
    if (!device.engineHost) throw new AppError('forbidden', `only a device that acts as the system (registered with --engine-host) may feed the ledger; device ${device.name} is a desk`);
    return device;
  };
  return [
    {
      method: 'POST',
      path: '/api/feed/tape',
      async handle(input) {
        const device = await feedDevice(input);
        let tape: Awaited<ReturnType<typeof receiveTape>>;
        try {
          tape = await receiveTape(input.request, tapeLimits);
        } catch (error) {
          if (!(error instanceof TapeTooLarge)) throw error;
          // The rest of the body is not read: the connection closes after the answer.
          input.response.setHeader('connection', 'close');
          sendError(input.response, error, 413);
          return;
        }
        try {
          // The feed host pulls the replica from this very relay.
          const relayUrl = ownUrl(input.request);
          await answeringRefusals(input.response, async () => {
            const imported = await importTapeFeed({ db, target, relayUrl }, tape.dir);
            log.info('tape imported', { deviceId: device.id, files: tape.files, rowsWritten: imported.rowsWritten });
            sendJson(input.response, 200, { ok: true, ...imported });
          });
        } finally {
          tape.cleanup();
        }
      },
    },
    {
      method: 'POST',
      path: '/api/feed/payments',
      async handle(input) {
        const device = await feedDevice(input);
        const type = input.request.headers['content-type'] ?? '';
        if (!type.toLowerCase().startsWith('application/json')) throw new AppError('validation', 'expected an application/json body', 'content-type');
        let body: unknown;
        try {
          body = JSON.parse(await readBody(input.request, MAX_PAYMENTS_BYTES));
        } catch (error) {
          if (error instanceof AppError) throw error;
          throw new AppError('validation', 'the body is not valid JSON');
        }
        await answeringRefusals(input.response, async () => {
          const payments = await recordPayments(db, parsePayments(body));
          log.info('payments recorded', { deviceId: device.id, payments: payments.length, replayed: payments.filter((payment) => payment.replayed).length });
          sendJson(input.response, 200, { ok: true, payments });
        });
      },
    },
  ];
}
