import { isoDate } from '../../src-shared/dates';
import { stableId } from '../../src-shared/ids';
import { outboundEvents, webhookDeliveries, type WebhookEventType } from '../db/schema';
import type { RelayTx } from '../db/relay-database';
import { lockLedgerClock } from '../ledger/ledger-clock';
import type { LedgerRow, LedgerRowInput } from '../ledger/ledger-row';
import { refKey, storedRows } from '../ledger/stored-rows';
import { deriveEvents, EVENT_TABLES } from './derive-events';
import { activeSubscriptions } from './subscriptions';

/** Events and deliveries per insert: far inside Postgres' 65,535 bind parameters (7 per event). */
const ROWS_PER_STATEMENT = 1000;

type RecordEvents = (written: readonly LedgerRow[]) => Promise<void>;

const NOTHING: RecordEvents = async () => {};

async function insertInChunks<T>(items: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += ROWS_PER_STATEMENT) await insert(items.slice(start, start + ROWS_PER_STATEMENT));
}

/**
 * Call before a ledger write, in its transaction; call what it returns with the written rows. It
 * reads each row's state before the write, derives the events the change means and queues one
 * delivery per event and subscription, all in the writer's transaction: a write that rolls back
 * leaves no event, and one that commits cannot lose its events.
 *
 * An event no live subscription wants is not recorded: a bootstrap of a whole book of cases
 * would otherwise fill the table with events nobody will be sent.
 */
export async function prepareOutboundEvents(tx: RelayTx, rows: readonly LedgerRowInput[]): Promise<RecordEvents> {
  const candidates = rows.filter((row) => !row.deleted && EVENT_TABLES[row.tbl] !== undefined);
  if (candidates.length === 0) return NOTHING;
  const subscriptions = await activeSubscriptions(tx);
  const wanted = new Set(subscriptions.flatMap((subscription) => subscription.eventTypes));
  const tables = new Set(candidates.filter((row) => EVENT_TABLES[row.tbl]!.some((type) => wanted.has(type))).map((row) => row.tbl));
  if (tables.size === 0) return NOTHING;

  // The state before must be the one this write replaces: holding the clock (which the write
  // takes next anyway) keeps another writer from changing these rows in between.
  await lockLedgerClock(tx);
  const before = await storedRows(tx, candidates.filter((row) => tables.has(row.tbl)));

  return async (written) => {
    const occurredAt = new Date();
    const asOf = isoDate(occurredAt.toISOString().slice(0, 10));
    const events = written.flatMap((row) => {
      if (!tables.has(row.tbl) || row.deleted) return [];
      const previous = before.get(refKey(row));
      const derived = deriveEvents(row.tbl, previous && !previous.deleted ? previous.data : null, row.data, asOf);
      return derived
        .filter((event) => wanted.has(event.type))
        .map((event) => ({
          id: stableId('evt', row.version, row.tbl, row.id, event.type),
          type: event.type,
          tbl: row.tbl,
          rowId: row.id,
          ledgerVersion: row.version,
          occurredAt,
          payload: event.data,
        }));
    });
    if (events.length === 0) return;
    const recorded: { id: string; type: WebhookEventType }[] = [];
    await insertInChunks(events, async (chunk) => {
      recorded.push(...(await tx.insert(outboundEvents).values(chunk).onConflictDoNothing().returning({ id: outboundEvents.id, type: outboundEvents.type })));
    });
    const deliveries = recorded.flatMap((event) =>
      subscriptions
        .filter((subscription) => subscription.eventTypes.includes(event.type))
        .map((subscription) => ({ id: stableId('whd', event.id, subscription.id), eventId: event.id, subscriptionId: subscription.id })),
    );
    await insertInChunks(deliveries, (chunk) => tx.insert(webhookDeliveries).values(chunk).onConflictDoNothing());
  };
}
