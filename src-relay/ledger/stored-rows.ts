import { sql } from 'drizzle-orm';
import { ledgerRows } from '../db/schema';
import type { RelayTx } from '../db/relay-database';
import type { LedgerRow } from './ledger-row';

/** Two bind parameters a row: far inside Postgres' limit of 65,535 per statement. */
const KEYS_PER_LOOKUP = 1000;

export interface RowRef {
  tbl: string;
  id: string;
}

/** One string per row, for maps of rows by table and key. */
export function refKey(ref: RowRef): string {
  return `${ref.tbl}\u001f${ref.id}`;
}

/** The ledger's rows with these keys, tombstones included, by `refKey`; a key the ledger never had is missing. */
export async function storedRows(tx: RelayTx, refs: readonly RowRef[]): Promise<Map<string, LedgerRow>> {
  const unique = [...new Map(refs.map((ref) => [refKey(ref), ref])).values()];
  const found = new Map<string, LedgerRow>();
  for (let start = 0; start < unique.length; start += KEYS_PER_LOOKUP) {
    const pairs = unique.slice(start, start + KEYS_PER_LOOKUP).map((ref) => sql`(${ref.tbl}, ${ref.id})`);
    const rows = await tx
      .select()
      .from(ledgerRows)
      .where(sql`(${ledgerRows.tbl}, ${ledgerRows.id}) IN (${sql.join(pairs, sql`, `)})`);
    for (const row of rows) found.set(refKey(row), { ...row, version: Number(row.version) });
  }
  return found;
}
