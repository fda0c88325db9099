import { z } from 'zod';
import { AppError } from '../../src-shared/errors';
import { EVERYONE } from '../../src-shared/sync/partitions';
import { WEBHOOK_DELIVERY_STATUSES } from '../db/schema';
import { authenticateDevice, presentedToken } from '../devices/authenticate-device';
import { authenticateUser } from '../identity/authenticate-user';
import { parseFields } from '../http/read-form';
import { readJson } from '../http/read-json';
import { sendJson } from '../http/responses';
import type { RelayServices, Route, RouteRequest } from '../http/route';
import { log } from '../log';
import { listDeliveries } from './list-deliveries';
import { replayDeliveries } from './replay';
import { SubscriptionInput } from './subscription-input';
import { addSubscription, listSubscriptions, removeSubscription } from './subscriptions';

const RemoveRequest = z.object({ id: z.string().min(1).max(100) });
const ReplayRequest = z.union([z.object({ deliveryId: z.string().min(1).max(100) }).strict(), z.object({ eventId: z.string().min(1).max(100) }).strict()], {
  error: 'give either deliveryId or eventId',
});
const deliveriesQuery = z.object({
  eventId: z.string().max(100).optional(),
  subscriptionId: z.string().max(100).optional(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/**
 * `/api/webhooks/*`: the CLI's `webhook` commands over HTTP, for an administrator signed in on a
 * device (DESIGN §3, Trust: a device token is a machine, never a person). Webhooks see every
 * region's events, so only a device registered for every region (`*`) may manage them.
 */
export function webhookRoutes(services: RelayServices, wakeWorker: () => void): Route[] {
  const { db } = services.database;
  const admin = async ({ request, url }: RouteRequest) => {
    const device = await authenticateDevice(db, presentedToken(request, url, { allowQuery: false }));
    if (!device.partitions.includes(EVERYONE)) throw new AppError('forbidden', 'only a device registered for every region (*) may manage webhooks');
    const user = await authenticateUser(db, device, request, 'admin_settings');
    return { ...device, userId: user.id };
  };
  return [
    {
      method: 'GET',
      path: '/api/webhooks/subscriptions',
      async handle(input) {
        await admin(input);
        sendJson(input.response, 200, { ok: true, subscriptions: await listSubscriptions(db) });
      },
    },
    {
      method: 'POST',
      path: '/api/webhooks/subscriptions',
      async handle(input) {
        const device = await admin(input);
        const { subscription, secret } = await addSubscription(db, await readJson(input.request, SubscriptionInput));
        log.info('webhook subscription added', { id: subscription.id, host: new URL(subscription.url).host, events: subscription.eventTypes, deviceId: device.id, userId: device.userId });
        sendJson(input.response, 201, { ok: true, subscription, secret });
      },
    },
    {
      method: 'POST',
      path: '/api/webhooks/subscriptions/remove',
      async handle(input) {
        const device = await admin(input);
        const subscription = await removeSubscription(db, (await readJson(input.request, RemoveRequest)).id);
        log.info('webhook subscription removed', { id: subscription.id, deviceId: device.id, userId: device.userId });
        sendJson(input.response, 200, { ok: true, subscription });
      },
    },
    {
      method: 'GET',
      path: '/api/webhooks/deliveries',
      async handle(input) {
        await admin(input);
        const deliveries = await listDeliveries(db, parseFields(deliveriesQuery, Object.fromEntries(input.url.searchParams)));
        sendJson(input.response, 200, { ok: true, deliveries });
      },
    },
    {
      method: 'POST',
      path: '/api/webhooks/replay',
      async handle(input) {
        const device = await admin(input);
        const queued = await replayDeliveries(db, await readJson(input.request, ReplayRequest));
        log.info('webhook deliveries replayed', { deliveries: queued, deviceId: device.id, userId: device.userId });
        wakeWorker();
        sendJson(input.response, 200, { ok: true, queued });
      },
    },
  ];
}
