import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_HOST, DEFAULT_PORT, type DatabaseTarget } from './config';
import { openRelayDatabase } from './db/open-database';
import type { RelayDatabase } from './db/relay-database';
import { authenticateDevice, presentedToken } from './devices/authenticate-device';
import { feedRoutes } from './feed/feed-routes';
import { healthRoute } from './http/health-route';
import { createRequestHandler } from './http/request-handler';
import type { RelayServices } from './http/route';
import { syncRoutes } from './http/sync-routes';
import { twilioRoutes } from './http/twilio-routes';
import { log } from './log';
import { resolveSelfServiceSecret } from './self-service/self-service-secret';
import { selfServiceRoutes } from './self-service/self-service-routes';
import { attachLedgerSocket } from './realtime/ledger-socket';
import { DEFAULT_APPLIER_OPTIONS, startTwilioApplier, type TwilioApplier, type TwilioApplierOptions } from './twilio/twilio-applier';
import { createTwilioEventInbox } from './twilio/twilio-event-inbox';
import { DEFAULT_WORKER_OPTIONS, startDeliveryWorker, type WebhookWorkerOptions } from './webhooks/delivery-worker';
import { webhookRoutes } from './webhooks/webhook-routes';
import { authRoutes } from './identity/auth-routes';

export interface RelayOptions {
  database: DatabaseTarget;
  /** The address to listen on; default 127.0.0.1 (this machine only). */
  host?: string;
  /** Default 8787; 0 picks a free port. */
  port?: number;
  /** The origin Twilio calls; default the address and port it listens on (127.0.0.1 for every interface). */
  publicUrl?: string | null;
  /** Without it the Twilio endpoints answer 503. */
  twilioAuthToken?: string | null;
  /** Webhook delivery timing and retries; tests shorten them. */
  webhooks?: Partial<WebhookWorkerOptions>;
  /** Batching of stored Twilio callbacks into the ledger. */
  twilioApplier?: Partial<TwilioApplierOptions>;
  /** Signs borrowers' self-service links; unset, a PGlite relay generates one in its data folder and a Postgres relay serves no pages. */
  selfServiceSecret?: string;
}

export interface RunningRelay {
  /** Where this process listens, e.g. `http://127.0.0.1:54321`. */
  url: string;
  /** The ledger this relay serves, for in-process callers that seed or inspect it (tests). */
  database: RelayDatabase;
  /** Applies this relay's stored Twilio callbacks; `settled()` waits until none is left unchecked. */
  twilioApplier: Pick<TwilioApplier, 'settled'>;
  close(): Promise<void>;
}

/** How this machine reaches the listening socket: on every interface, through loopback. */
function urlOf({ address, family, port }: AddressInfo): string {
  if (address === '0.0.0.0' || address === '::') return `http://127.0.0.1:${port}`;
  return family === 'IPv6' ? `http://[${address}]:${port}` : `http://${address}:${port}`;
}

/**
 * Opens (and migrates) the ledger, then serves HTTP and the sync WebSocket. Several relays may run
 * against one Postgres: each hears every relay's changes through `LISTEN`.
 */
export async function startRelay(options: RelayOptions): Promise<RunningRelay> {
  const database = await openRelayDatabase(options.database);
  const server = createServer();
  const localUrl = () => urlOf(server.address() as AddressInfo);
  const services: RelayServices = {
    database,
    twilioAuthToken: options.twilioAuthToken ?? null,
    publicUrl: () => options.publicUrl ?? localUrl(),
  };
  const webhooks = startDeliveryWorker(database.db, { ...DEFAULT_WORKER_OPTIONS, ...options.webhooks });
  // It starts with a sweep: callbacks a killed relay stored but never applied go in first.
  const twilioApplier = startTwilioApplier(database.db, { ...DEFAULT_APPLIER_OPTIONS, ...options.twilioApplier });
  const handle = createRequestHandler([healthRoute(services), ...authRoutes(services), ...syncRoutes(services), ...twilioRoutes(services, createTwilioEventInbox(database.db, twilioApplier.wake)), ...webhookRoutes(services, webhooks.wake), ...feedRoutes(services, options.database), ...selfServiceRoutes(services, resolveSelfServiceSecret(options.selfServiceSecret, options.database))]);
  server.on('request', (request, response) => void handle(request, response));
  const socket = attachLedgerSocket(server, (request, url) => authenticateDevice(database.db, presentedToken(request, url, { allowQuery: true })));
  // A ledger change is when webhook events are made, on this relay or another sharing the database.
  const listener = await database.listenForLedgerChanges({
    onVersion(version) {
      socket.broadcast(version);
      webhooks.wake();
    },
    onDeviceRevoked: (deviceId) => socket.closeDevice(deviceId),
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? DEFAULT_PORT, options.host ?? DEFAULT_HOST, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    socket.close();
    await twilioApplier.stop();
    await webhooks.stop();
    await listener.stop();
    await database.close();
    throw error;
  }
  const url = localUrl();
  log.info('relay listening', { url, publicUrl: services.publicUrl(), database: database.kind, twilioWebhooks: services.twilioAuthToken !== null });

  let closing: Promise<void> | undefined;
  return {
    url,
    database,
    twilioApplier,
    close: () =>
      (closing ??= (async () => {
        socket.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await twilioApplier.stop();
        await webhooks.stop();
        await listener.stop();
        await database.close();
      })()),
  };
}
