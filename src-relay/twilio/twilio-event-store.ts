import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { twilioEvents } from '../db/schema';
import type { RelayDb, RelayTx } from '../db/relay-database';
import { eventKey, eventSubject, type StoredTwilioEvent, type TwilioEvent } from './twilio-event';

/** Keys per statement: far inside Postgres' 65,535 bind parameters. */
const KEYS_PER_STATEMENT = 1000;

function toStored(row: typeof twilioEvents.$inferSelect): StoredTwilioEvent {
  // The payload is the event exactly as it was stored here.
  return { key: row.key, event: row.payload as unknown as TwilioEvent, receivedAt: row.receivedAt, appliedAt: row.appliedAt, checkedAt: row.checkedAt };
}

function newRow(event: TwilioEvent) {
  return { key: eventKey(event), kind: event.kind, subject: eventSubject(event), payload: event };
}

/**
 * Stores verified callbacks for the applier in one statement (its own transaction, no ledger
 * lock): once this resolves they are on disk and may be acknowledged. Answers the keys it stored;
 * a replay (a key already stored) stores nothing. The events go in as four array parameters
 * however many there are: this is the webhook's hot path, and building a statement with four
 * parameters per row costs the relay more than the insert costs Postgres. clock_timestamp() (not
 * now(), the same for the whole statement) keeps their arrival order.
 */
export async function storeTwilioEvents(db: RelayDb, events: readonly TwilioEvent[]): Promise<Set<string>> {
  const rows = [...new Map(events.map((event) => [eventKey(event), newRow(event)])).values()];
  const column = (pick: (row: ReturnType<typeof newRow>) => string) => sql.param(rows.map(pick));
  const result = await db.execute(sql`
    INSERT INTO twilio_events (key, kind, subject, payload, received_at)
    SELECT key, kind, subject, payload::jsonb, clock_timestamp()
    FROM unnest(${column((row) => row.key)}::text[], ${column((row) => row.kind)}::text[], ${column((row) => row.subject)}::text[], ${column((row) => JSON.stringify(row.payload))}::text[])
      AS event(key, kind, subject, payload)
    ON CONFLICT (key) DO NOTHING
    RETURNING key`);
  return new Set((result as unknown as { rows: { key: string }[] }).rows.map((row) => row.key));
}

/** Stores an event that needs no applying (the IVR's key presses, kept for agents); false for a replay. */
export async function recordHandledTwilioEvent(tx: RelayTx, event: TwilioEvent): Promise<boolean> {
  const now = new Date();
  const inserted = await tx
    .insert(twilioEvents)
    .values({ ...newRow(event), appliedAt: now, checkedAt: now })
    .onConflictDoNothing()
    .returning({ key: twilioEvents.key });
  return inserted.length > 0;
}

/** Whether any stored event waits for an applier to look at it. */
export async function hasUncheckedEvents(db: RelayDb | RelayTx): Promise<boolean> {
  const rows = await db.select({ key: twilioEvents.key }).from(twilioEvents).where(isNull(twilioEvents.checkedAt)).limit(1);
  return rows.length > 0;
}

/** The oldest events no applier has looked at yet, in arrival order. */
export async function uncheckedEvents(tx: RelayTx, limit: number): Promise<StoredTwilioEvent[]> {
  const rows = await tx.select().from(twilioEvents).where(isNull(twilioEvents.checkedAt)).orderBy(asc(twilioEvents.receivedAt), asc(twilioEvents.key)).limit(limit);
  return rows.map(toStored);
}

/**
 * Records what applying a batch found: every event of it has been looked at, and those in
 * `applied` found their rows. Events whose stored state already says so are left alone, so a
 * push that re-applies status events writes nothing here.
 */
export async function settleEvents(tx: RelayTx, events: readonly StoredTwilioEvent[], applied: ReadonlySet<string>): Promise<void> {
  const changed = events.filter((stored) => stored.checkedAt === null || (applied.has(stored.key) && stored.appliedAt === null));
  const appliedKeys = changed.filter((stored) => applied.has(stored.key)).map((stored) => stored.key);
  const checkedOnly = changed.filter((stored) => !applied.has(stored.key)).map((stored) => stored.key);
  for (const [keys, set] of [
    [appliedKeys, { checkedAt: sql`coalesce(${twilioEvents.checkedAt}, now())`, appliedAt: sql`coalesce(${twilioEvents.appliedAt}, now())` }],
    [checkedOnly, { checkedAt: sql`coalesce(${twilioEvents.checkedAt}, now())` }],
  ] as const) {
    for (let start = 0; start < keys.length; start += KEYS_PER_STATEMENT) {
      await tx.update(twilioEvents).set(set).where(inArray(twilioEvents.key, keys.slice(start, start + KEYS_PER_STATEMENT)));
    }
  }
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
