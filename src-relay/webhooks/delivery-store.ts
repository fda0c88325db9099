import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { outboundEvents, webhookAttempts, webhookDeliveries, webhookSubscriptions, type WebhookDeliveryStatus } from '../db/schema';
import type { RelayDb } from '../db/relay-database';
import { nextRetryDelay, type RetryPolicy } from './retry-schedule';
import type { AttemptOutcome, OutgoingDelivery } from './send-delivery';

/** A delivery this worker holds the lease of, with the attempt it is about to make. */
export interface ClaimedDelivery extends OutgoingDelivery {
  subscriptionId: string;
  leaseId: string;
  attempt: number;
}

/** `now() + ms`, on the database's clock, which every relay sharing it reads alike. */
const fromNow = (ms: number) => sql`now() + make_interval(secs => ${ms / 1000})`;

/**
 * Takes up to `limit` due deliveries for this worker. `SKIP LOCKED` lets relays sharing a
 * Postgres claim at once without waiting on or taking each other's rows; the claim commits at
 * once and pushes `next_attempt_at` a lease ahead, so no transaction stays open while the
 * request is in flight (PGlite has one connection, which every ledger write needs too) and a
 * relay that dies mid-send leaves its deliveries due again once the lease runs out. The attempt
 * is counted here, so a delivery that crashes the relay cannot be retried without end.
 */
export function claimDueDeliveries(db: RelayDb, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  const leaseId = randomUUID();
  return db.transaction(async (tx) => {
    const due = tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, sql`now()`)))
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    const claimed = await tx
      .update(webhookDeliveries)
      .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, leaseId, nextAttemptAt: fromNow(leaseMs) })
      .where(inArray(webhookDeliveries.id, due))
      .returning({ id: webhookDeliveries.id });
    if (claimed.length === 0) return [];
    const rows = await tx
      .select({
        deliveryId: webhookDeliveries.id,
        attempt: webhookDeliveries.attempts,
        subscriptionId: webhookSubscriptions.id,
        url: webhookSubscriptions.url,
        secret: webhookSubscriptions.secret,
        eventId: outboundEvents.id,
        type: outboundEvents.type,
        occurredAt: outboundEvents.occurredAt,
        ledgerVersion: outboundEvents.ledgerVersion,
        payload: outboundEvents.payload,
      })
      .from(webhookDeliveries)
      .innerJoin(outboundEvents, eq(outboundEvents.id, webhookDeliveries.eventId))
      .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
      .where(inArray(webhookDeliveries.id, claimed.map((row) => row.id)));
    return rows.map((row) => ({ ...row, ledgerVersion: Number(row.ledgerVersion), leaseId }));
  });
}

/**
 * Records the attempt, and settles the delivery if this worker still holds its lease: delivered,
 * due again after the retry schedule's wait, or failed once the round is spent. A replay that
 * came in meanwhile took the lease away; the attempt is still recorded, the state is the replay's.
 */
export function settleAttempt(db: RelayDb, claimed: ClaimedDelivery, outcome: AttemptOutcome, by: { worker: string; policy: RetryPolicy }): Promise<WebhookDeliveryStatus | null> {
  return db.transaction(async (tx) => {
    await tx.insert(webhookAttempts).values({
      deliveryId: claimed.deliveryId,
      attempt: claimed.attempt,
      worker: by.worker,
      attemptedAt: outcome.attemptedAt,
      httpStatus: outcome.httpStatus,
      error: outcome.error,
      durationMs: outcome.durationMs,
    });
    const delay = outcome.delivered ? null : nextRetryDelay(by.policy, claimed.attempt);
    const status: WebhookDeliveryStatus = outcome.delivered ? 'delivered' : delay === null ? 'failed' : 'pending';
    const [settled] = await tx
      .update(webhookDeliveries)
      .set({ status, leaseId: null, ...(delay === null ? {} : { nextAttemptAt: fromNow(delay) }), ...(outcome.delivered ? { deliveredAt: sql`now()` } : {}) })
      .where(and(eq(webhookDeliveries.id, claimed.deliveryId), eq(webhookDeliveries.leaseId, claimed.leaseId)))
      .returning({ status: webhookDeliveries.status });
    return settled?.status ?? null;
  });
}

/** Milliseconds until the soonest waiting delivery falls due (0 if one already has), or null when none waits. */
export async function msUntilNextDue(db: RelayDb): Promise<number | null> {
  const [next] = await db
    .select({ ms: sql<number | null>`extract(epoch from min(${webhookDeliveries.nextAttemptAt}) - now()) * 1000`.mapWith(Number) })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.status, 'pending'));
  return next?.ms == null ? null : Math.max(0, Math.ceil(next.ms));
}
