import { and, eq, gt, inArray, isNotNull, not, sql } from 'drizzle-orm';
import { AppError } from '../../src-shared/errors';
import { webhookDeliveries, webhookSubscriptions } from '../db/schema';
import type { RelayDb } from '../db/relay-database';

export type ReplayTarget = { deliveryId: string } | { eventId: string };

/** Claimed by a worker whose request may still be in flight: replaying it now could send it twice at once. */
const inFlight = and(eq(webhookDeliveries.status, 'pending'), isNotNull(webhookDeliveries.leaseId), gt(webhookDeliveries.nextAttemptAt, sql`now()`))!;

/**
 * Queues deliveries again, now, for a fresh round of attempts: one delivery, or every delivery of
 * an event to its still-active subscriptions. The event, and so its id, is the same one, so a
 * receiver that already has it can tell. Returns the ids queued.
 */
export function replayDeliveries(db: RelayDb, target: ReplayTarget): Promise<string[]> {
  const which = 'deliveryId' in target ? eq(webhookDeliveries.id, target.deliveryId) : eq(webhookDeliveries.eventId, target.eventId);
  const named = 'deliveryId' in target ? `delivery ${target.deliveryId}` : `event ${target.eventId}`;
  return db.transaction(async (tx) => {
    const found = await tx
      .select({ id: webhookDeliveries.id, active: webhookSubscriptions.active })
      .from(webhookDeliveries)
      .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
      .where(which);
    if (found.length === 0) throw new AppError('not_found', `no webhook deliveries of ${named}`, 'deliveryId' in target ? 'deliveryId' : 'eventId');
    const live = found.filter((delivery) => delivery.active).map((delivery) => delivery.id);
    if (live.length === 0) throw new AppError('conflict', `the subscriptions of ${named} have been removed`);
    const queued = await tx
      .update(webhookDeliveries)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: sql`now()`, leaseId: null, deliveredAt: null })
      .where(and(inArray(webhookDeliveries.id, live), not(inFlight)))
      .returning({ id: webhookDeliveries.id });
    if (queued.length === 0) throw new AppError('conflict', `${named} is being sent right now; replay it once this attempt is recorded`);
    return queued.map((delivery) => delivery.id);
  });
}
