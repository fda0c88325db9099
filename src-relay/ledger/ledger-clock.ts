import { sql } from 'drizzle-orm';
import { ledgerClock } from '../db/schema';
import type { RelayDb, RelayTx } from '../db/relay-database';

/**
 * Versions come from one counter row. Bumping it takes the row's lock until the transaction
 * ends, so a second writer (on any relay) waits for the first to commit before it gets a version:
 * versions are handed out in commit order and a reader paging by version can never miss a row
 * that commits later with a lower one (DESIGN §3).
 */
export async function takeVersions(tx: RelayTx, count: number): Promise<{ first: number; last: number }> {
  const [clock] = await tx
    .update(ledgerClock)
    .set({ version: sql`${ledgerClock.version} + ${count}` })
    .returning({ version: ledgerClock.version });
  const last = Number(clock!.version);
  return { first: last - count + 1, last };
}

/**
 * Takes the clock's lock before a transaction reads the rows it may change. A Twilio callback
 * that finds no row must not commit after a concurrent write of that row has looked for waiting
 * events, or each would miss the other; holding the clock orders them.
 */
export async function lockLedgerClock(tx: RelayTx): Promise<void> {
  await tx.select({ version: ledgerClock.version }).from(ledgerClock).for('update');
}

export async function currentVersion(db: RelayDb | RelayTx): Promise<number> {
  const [clock] = await db.select({ version: ledgerClock.version }).from(ledgerClock);
  return Number(clock?.version ?? 0);
}
