import { sql } from 'drizzle-orm';
import { ledgerRows } from '../db/schema';
import { LEDGER_CHANNEL, type RelayTx } from '../db/relay-database';
import { takeVersions } from './ledger-clock';
import type { LedgerRow, LedgerRowInput } from './ledger-row';

/** Keeps Postgres' 65,535 bind parameters per statement out of reach (6 per row). */
const ROWS_PER_STATEMENT = 1000;

/** The last write of a row in one batch wins; Postgres refuses to upsert a row twice in one statement. */
function lastWriteOfEachRow(rows: readonly LedgerRowInput[]): LedgerRowInput[] {
  return [...new Map(rows.map((row) => [`${row.tbl}\u001f${row.id}`, row])).values()];
}

/**
 * Stores rows as the newest state of each, each with a new version, and tells every relay's
 * listeners once the transaction commits. Callers that may have Twilio events waiting for these
 * rows use `writeRows` instead.
 */
export async function upsertRows(tx: RelayTx, rows: readonly LedgerRowInput[]): Promise<LedgerRow[]> {
  const unique = lastWriteOfEachRow(rows);
  if (unique.length === 0) return [];
  const { first, last } = await takeVersions(tx, unique.length);
  const versioned = unique.map((row, index) => ({
    tbl: row.tbl,
    id: row.id,
    partition: row.partition,
    version: first + index,
    deleted: row.deleted ?? false,
    data: row.data,
  }));
  for (let start = 0; start < versioned.length; start += ROWS_PER_STATEMENT) {
    await tx
      .insert(ledgerRows)
      .values(versioned.slice(start, start + ROWS_PER_STATEMENT))
      .onConflictDoUpdate({
        target: [ledgerRows.tbl, ledgerRows.id],
        set: { partition: sql`excluded.partition`, version: sql`excluded.version`, deleted: sql`excluded.deleted`, data: sql`excluded.data` },
      });
  }
  await tx.execute(sql`SELECT pg_notify(${LEDGER_CHANNEL}, ${String(last)})`);
  return versioned;
}
