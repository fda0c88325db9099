import { and, eq, inArray, or } from 'drizzle-orm';
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
 * is missing. One statement per chunk of keys, `(tbl = … AND id = ANY(…)) OR …` with a term per
 * table: the planner takes each term straight down the primary key (a list of (tbl, id) pairs can
 * turn into a scan), and a command's few rows over a few tables cost one round trip.
 */
export async function storedRows(tx: RelayTx, refs: readonly RowRef[]): Promise<Map<string, LedgerRow>> {
  const unique = [...new Map(refs.map((ref) => [refKey(ref), ref])).values()];
  const found = new Map<string, LedgerRow>();
  for (let start = 0; start < unique.length; start += KEYS_PER_LOOKUP) {
    const idsByTable = new Map<string, string[]>();
    for (const ref of unique.slice(start, start + KEYS_PER_LOOKUP)) {
      const ids = idsByTable.get(ref.tbl);
      if (ids) ids.push(ref.id);
      else idsByTable.set(ref.tbl, [ref.id]);
    }
    const terms = [...idsByTable].map(([tbl, ids]) => and(eq(ledgerRows.tbl, tbl), inArray(ledgerRows.id, ids)));
    const rows = await tx.select().from(ledgerRows).where(terms.length === 1 ? terms[0] : or(...terms));
    for (const row of rows) found.set(refKey(row), { ...row, version: Number(row.version) });
  }
  return found;
}
