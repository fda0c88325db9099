import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError } from '../../src-shared/errors';
import type { RelayConfig } from '../config';
import { WEBHOOK_DELIVERY_STATUSES } from '../db/schema';
import { openRelayDatabase } from '../db/open-database';
import { parseInput } from '../http/read-body';
import { listDeliveries, type DeliverySummary } from '../webhooks/list-deliveries';
import { replayDeliveries } from '../webhooks/replay';
import { splitList, SubscriptionInput } from '../webhooks/subscription-input';
import { addSubscription, listSubscriptions, removeSubscription, type Subscription } from '../webhooks/subscriptions';

export const WEBHOOK_USAGE =
  'webhook add --url https://… --events delinquency.changed,case.opened | webhook list | webhook remove --id ID | webhook deliveries [--event ID] [--status failed] | webhook replay --delivery ID | --event ID';

const ACTIONS = ['add', 'list', 'remove', 'deliveries', 'replay'] as const;

function describeSubscription(subscription: Subscription): string {
  const removed = subscription.removedAt ? `  removed ${subscription.removedAt.toISOString()}` : '';
  return `${subscription.id}  ${subscription.url}  ${subscription.eventTypes.join(',')}  added ${subscription.createdAt.toISOString()}${removed}`;
}

function describeDelivery(delivery: DeliverySummary): string {
  const last = delivery.lastAttempt;
  const answer = last ? `  last ${last.httpStatus ?? last.error} at ${last.at.toISOString()}` : '';
  const next = delivery.nextAttemptAt ? `  next ${delivery.nextAttemptAt.toISOString()}` : '';
  return `${delivery.id}  ${delivery.eventType}  ${delivery.eventId}  ${delivery.subscriptionId}  ${delivery.status}  attempts ${delivery.attempts}${answer}${next}`;
}

/**
 * `webhook add|list|remove|deliveries|replay`, directly on the ledger database. A running relay
 * sends what a replay queued within its poll interval.
 */
export async function runWebhookCommand(args: string[], config: RelayConfig, print: (line: string) => void): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { url: { type: 'string' }, events: { type: 'string' }, id: { type: 'string' }, delivery: { type: 'string' }, event: { type: 'string' }, status: { type: 'string' } },
  });
  const action = ACTIONS.find((known) => known === positionals[0]);
  if (!action) throw new AppError('validation', `usage: npm run relay -- ${WEBHOOK_USAGE}`);
  const input = action === 'add' ? parseInput(SubscriptionInput, { url: values.url, events: splitList(values.events ?? '') }) : null;
  if (action === 'remove' && !values.id) throw new AppError('validation', 'webhook remove needs --id', 'id');
  if (action === 'replay' && !values.delivery === !values.event) throw new AppError('validation', 'webhook replay needs --delivery ID or --event ID', 'delivery');
  const status = parseInput(z.enum(WEBHOOK_DELIVERY_STATUSES).optional(), values.status);

  const database = await openRelayDatabase(config.database);
  try {
    const { db } = database;
    if (input) {
      const { subscription, secret } = await addSubscription(db, input);
      print(`Added ${describeSubscription(subscription)}`);
      print('Its signing secret, shown only this once; the receiver checks X-Recourse-Signature with it:');
      print(secret);
    } else if (action === 'list') {
      const subscriptions = await listSubscriptions(db);
      if (subscriptions.length === 0) print('No webhook subscriptions yet.');
      for (const subscription of subscriptions) print(describeSubscription(subscription));
    } else if (action === 'remove') {
      print(`Removed ${describeSubscription(await removeSubscription(db, values.id!))}`);
    } else if (action === 'deliveries') {
      const deliveries = await listDeliveries(db, { eventId: values.event, status, limit: 100 });
      if (deliveries.length === 0) print('No deliveries.');
      for (const delivery of deliveries) print(describeDelivery(delivery));
    } else {
      const queued = await replayDeliveries(db, values.delivery ? { deliveryId: values.delivery } : { eventId: values.event! });
      for (const id of queued) print(`Queued ${id} again`);
    }
  } finally {
    await database.close();
  }
}
