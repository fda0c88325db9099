import { and, eq, inArray } from 'drizzle-orm';
import { ledgerRows } from '../db/schema';
import type { RelayTx } from '../db/relay-database';
import type { LedgerRow } from './ledger-row';

/** Ids a query: far inside Postgres' limit of 65,535 bind parameters per statement. */
const KEYS_PER_LOOKUP = 1000;

export interface RowRef {
  tbl: string;
  id: string;
}

/** One string per row, for maps of rows by table and key. */
export function refKey(ref: RowRef): string {
  return `${ref.tbl}\u001f${ref.id}`;
}

/**
 * The ledger's rows with these keys, tombstones included, by `refKey`; a key the ledger never had
 * is missing. One `tbl = … AND id = ANY(…)` query per table and chunk: the planner takes that
 * straight down the primary key, where a list of (tbl, id) pairs can turn into a scan.
 */
export async function storedRows(tx: RelayTx, refs: readonly RowRef[]): Promise<Map<string, LedgerRow>> {
  const idsByTable = new Map<string, Set<string>>();
  for (const ref of refs) {
    let ids = idsByTable.get(ref.tbl);
    if (!ids) idsByTable.set(ref.tbl, (ids = new Set()));
    ids.add(ref.id);
  }
  const found = new Map<string, LedgerRow>();
  for (const [tbl, idSet] of idsByTable) {
    const ids = [...idSet];
    for (let start = 0; start < ids.length; start += KEYS_PER_LOOKUP) {
      const chunk = ids.slice(start, start + KEYS_PER_LOOKUP);
      const rows = await tx.select().from(ledgerRows).where(and(eq(ledgerRows.tbl, tbl), inArray(ledgerRows.id, chunk)));
      for (const row of rows) found.set(refKey(row), { ...row, version: Number(row.version) });
    }
  }
  return found;
}
