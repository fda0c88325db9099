import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { outboundEvents, webhookAttempts, webhookDeliveries, type WebhookDeliveryStatus, type WebhookEventType } from '../db/schema';
import type { RelayDb } from '../db/relay-database';

export interface DeliveryFilter {
  eventId?: string | undefined;
  subscriptionId?: string | undefined;
  status?: WebhookDeliveryStatus | undefined;
  limit: number;
}

export interface DeliverySummary {
  id: string;
  eventId: string;
  eventType: WebhookEventType;
  subscriptionId: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  /** The newest attempt's answer: an HTTP status, or the network error in its place. */
  lastAttempt: { at: Date; httpStatus: number | null; error: string | null; durationMs: number } | null;
}

/** Deliveries newest first, each with its latest attempt: what an admin looks at before replaying. */
export async function listDeliveries(db: RelayDb, filter: DeliveryFilter): Promise<DeliverySummary[]> {
  const conditions: SQL[] = [];
  if (filter.eventId) conditions.push(eq(webhookDeliveries.eventId, filter.eventId));
  if (filter.subscriptionId) conditions.push(eq(webhookDeliveries.subscriptionId, filter.subscriptionId));
  if (filter.status) conditions.push(eq(webhookDeliveries.status, filter.status));
  const deliveries = await db
    .select({
      id: webhookDeliveries.id, eventId: webhookDeliveries.eventId, eventType: outboundEvents.type, subscriptionId: webhookDeliveries.subscriptionId,
      status: webhookDeliveries.status, attempts: webhookDeliveries.attempts, nextAttemptAt: webhookDeliveries.nextAttemptAt, deliveredAt: webhookDeliveries.deliveredAt,
    })
    .from(webhookDeliveries)
    .innerJoin(outboundEvents, eq(outboundEvents.id, webhookDeliveries.eventId))
    .where(and(...conditions))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(filter.limit);
  if (deliveries.length === 0) return [];
  const attempts = await db
    .select()
    .from(webhookAttempts)
    .where(inArray(webhookAttempts.deliveryId, deliveries.map((delivery) => delivery.id)))
    .orderBy(desc(webhookAttempts.id));
  const latest = new Map<string, typeof webhookAttempts.$inferSelect>();
  for (const attempt of attempts) if (!latest.has(attempt.deliveryId)) latest.set(attempt.deliveryId, attempt);
  return deliveries.map((delivery) => {
    const last = latest.get(delivery.id);
    return {
      ...delivery,
      nextAttemptAt: delivery.status === 'pending' ? delivery.nextAttemptAt : null,
      lastAttempt: last ? { at: last.attemptedAt, httpStatus: last.httpStatus, error: last.error, durationMs: last.durationMs } : null,
    };
  });
}
