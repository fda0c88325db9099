import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import { twilioEvents } from '../db/schema';
import type { RelayTx } from '../db/relay-database';
import { eventKey, eventSubject, type StoredTwilioEvent, type TwilioEvent } from './twilio-event';

function toStored(row: typeof twilioEvents.$inferSelect): StoredTwilioEvent {
  // The payload is the event exactly as `recordTwilioEvent` wrote it.
  return { key: row.key, event: row.payload as unknown as TwilioEvent, receivedAt: row.receivedAt, appliedAt: row.appliedAt };
}

/** Stores a callback once; null when it was already stored (a replay). */
export async function recordTwilioEvent(tx: RelayTx, event: TwilioEvent, options: { applied?: boolean } = {}): Promise<StoredTwilioEvent | null> {
  const [row] = await tx
    .insert(twilioEvents)
    .values({ key: eventKey(event), kind: event.kind, subject: eventSubject(event), payload: event, appliedAt: options.applied ? new Date() : null })
    .onConflictDoNothing()
    .returning();
  return row ? toStored(row) : null;
}

export async function markApplied(tx: RelayTx, key: string): Promise<void> {
  await tx.update(twilioEvents).set({ appliedAt: new Date() }).where(eq(twilioEvents.key, key));
}

/**
 * Events that rows carrying these subjects may complete, in arrival order: every status event
 * (re-applying one only moves a status forward, so a row pushed with a stale status catches up)
 * and inbound messages not yet applied (each must create its message once).
 */
export async function eventsWaitingFor(tx: RelayTx, subjects: readonly string[]): Promise<StoredTwilioEvent[]> {
  const rows = await tx
    .select()
    .from(twilioEvents)
    .where(
      and(
        inArray(twilioEvents.subject, [...subjects]),
        or(inArray(twilioEvents.kind, ['message_status', 'call_status']), and(eq(twilioEvents.kind, 'inbound_message'), isNull(twilioEvents.appliedAt))),
      ),
    )
    .orderBy(asc(twilioEvents.receivedAt), asc(twilioEvents.key));
  return rows.map(toStored);
}
