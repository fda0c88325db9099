import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { AppError } from '../../src-shared/errors';
import { webhookDeliveries, webhookSubscriptions, type WebhookEventType } from '../db/schema';
import type { RelayDb, RelayTx } from '../db/relay-database';
import { checkReceiver, systemResolver, type ResolveHost } from './receiver-address';
import type { SubscriptionInput } from './subscription-input';

/** A subscription as admins see it: never its secret, which is shown once, when it is made. */
export type Subscription = Omit<typeof webhookSubscriptions.$inferSelect, 'secret'>;

const PUBLIC_COLUMNS = {
  id: webhookSubscriptions.id,
  url: webhookSubscriptions.url,
  eventTypes: webhookSubscriptions.eventTypes,
  active: webhookSubscriptions.active,
  createdAt: webhookSubscriptions.createdAt,
  removedAt: webhookSubscriptions.removedAt,
};

/**
 * Adds a subscription whose receiver is a public address (or this machine, by the localhost rule),
 * as `resolve` answers now; every send checks again.
 */
export async function addSubscription(db: RelayDb, input: SubscriptionInput, resolve: ResolveHost = systemResolver): Promise<{ subscription: Subscription; secret: string }> {
  await checkReceiver(input.url, resolve);
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const [subscription] = await db
    .insert(webhookSubscriptions)
    .values({ id: `whs_${randomUUID()}`, url: input.url, eventTypes: input.events, secret })
    .returning(PUBLIC_COLUMNS);
  return { subscription: subscription!, secret };
}

export function listSubscriptions(db: RelayDb): Promise<Subscription[]> {
  return db.select(PUBLIC_COLUMNS).from(webhookSubscriptions).orderBy(asc(webhookSubscriptions.createdAt), asc(webhookSubscriptions.id));
}

/**
 * Stops a subscription for good: nothing more is queued for it, and what was still waiting is
 * cancelled. Its deliveries and attempts stay on record.
 */
export function removeSubscription(db: RelayDb, id: string): Promise<Subscription> {
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .update(webhookSubscriptions)
      .set({ active: false, removedAt: new Date() })
      .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.active, true)))
      .returning(PUBLIC_COLUMNS);
    if (!removed) {
      const [existing] = await tx.select({ id: webhookSubscriptions.id }).from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
      throw existing ? new AppError('conflict', `webhook subscription ${id} is already removed`, 'id') : new AppError('not_found', `no webhook subscription ${id}`, 'id');
    }
    await tx
      .update(webhookDeliveries)
      .set({ status: 'cancelled', leaseId: null })
      .where(and(eq(webhookDeliveries.subscriptionId, id), eq(webhookDeliveries.status, 'pending')));
    return removed;
  });
}

/** What each live subscription wants, read by every ledger write that could make an event. */
export function activeSubscriptions(tx: RelayTx): Promise<{ id: string; eventTypes: WebhookEventType[] }[]> {
  return tx.select({ id: webhookSubscriptions.id, eventTypes: webhookSubscriptions.eventTypes }).from(webhookSubscriptions).where(eq(webhookSubscriptions.active, true));
}
