import { and, eq, inArray } from 'drizzle-orm';
import { REPLICA_TABLES } from '../../src-shared/sync/replica-schema';
import { foreignKeysOf, replicaTable, rowShapeProblem } from '../../src-shared/sync/row-shape';
import { ledgerRows, type LedgerData } from '../db/schema';
import type { RelayTx } from '../db/relay-database';
import { refKey } from '../ledger/stored-rows';
import type { LedgerRow } from '../ledger/ledger-row';
import type { ChangesPlan } from './plan-changes';

/** Ids a query: far inside Postgres' limit of bind parameters per statement. */
const KEYS_PER_LOOKUP = 1000;

/** A row about to be written: its image, or a tombstone. */
interface Written {
  tbl: string;
  id: string;
  data: LedgerData;
  deleted?: boolean;
}

/** Each table some foreign key names, with the tables whose rows name it. */
const REFERRERS: ReadonlyMap<string, readonly string[]> = (() => {
  const referrers = new Map<string, string[]>();
  for (const table of REPLICA_TABLES) {
    for (const reference of foreignKeysOf(table)) {
      const list = referrers.get(reference.table) ?? [];
      if (!list.includes(table.name)) list.push(table.name);
      referrers.set(reference.table, list);
    }
  }
  return referrers;
})();

/** "activities a-1: column case_id names cases c-9": how a reason about a missing parent starts. */
function naming(write: Written, columns: readonly string[], parent: { tbl: string; id: string }): string {
  const one = columns.length === 1;
  return `${write.tbl} ${write.id}: ${one ? 'column' : 'columns'} ${columns.join(', ')} ${one ? 'names' : 'name'} ${parent.tbl} ${parent.id}`;
}

/** The rows of `tbl` among `ids` that the ledger holds and has not deleted: one query per chunk of ids. */
async function liveIds(tx: RelayTx, tbl: string, ids: readonly string[]): Promise<Set<string>> {
  const live = new Set<string>();
  for (let start = 0; start < ids.length; start += KEYS_PER_LOOKUP) {
    const chunk = ids.slice(start, start + KEYS_PER_LOOKUP);
    const rows = await tx
      .select({ id: ledgerRows.id })
      .from(ledgerRows)
      .where(and(eq(ledgerRows.tbl, tbl), inArray(ledgerRows.id, chunk), eq(ledgerRows.deleted, false)));
    for (const row of rows) live.add(row.id);
  }
  return live;
}

/**
 * Why writing these rows would leave a row naming a parent nobody has, or null (DESIGN §3, Trust:
 * a desktop checks its foreign keys when a sync completes, and one row naming nothing stopped every
 * replica's first sync). Every non-null foreign key of a live row must name a live row of the
 * ledger or one of these writes; the ledger is asked once per parent table, not once per row. A
 * table that rows refer to is never deleted from: the ledger could only find the rows naming one
 * by scanning them, and no table rule allows it today (`DELETABLE_TABLES` names only tables nothing
 * refers to), so a delete there is refused outright.
 */
export async function referenceProblem(tx: RelayTx, writes: readonly Written[], known: ReadonlyMap<string, LedgerRow> = new Map()): Promise<string | null> {
  const live = new Set(writes.filter((write) => !write.deleted).map(refKey));
  /** Parent ids to look up per table, each with the first write naming it. */
  const wanted = new Map<string, Map<string, { at: number; columns: readonly string[] }>>();
  for (const [at, write] of writes.entries()) {
    if (write.deleted) {
      const referrers = REFERRERS.get(write.tbl);
      if (referrers) return `${write.tbl} ${write.id}: ${referrers.join(', ')} rows name ${write.tbl} rows, so one is never deleted`;
      continue;
    }
    const table = replicaTable(write.tbl);
    if (!table) continue;
    for (const reference of foreignKeysOf(table)) {
      const values = reference.columns.map((column) => write.data[column]);
      // As in SQLite, a foreign key with a null column names nothing.
      if (values.some((value) => value === null || value === undefined)) continue;
      const parent = { tbl: reference.table, id: values.map(String).join(':') };
      if (live.has(refKey(parent))) continue;
      // A parent the caller already read from the ledger needs no second look.
      const read = known.get(refKey(parent));
      if (read && !read.deleted) continue;
      const ids = wanted.get(parent.tbl) ?? new Map<string, { at: number; columns: readonly string[] }>();
      if (!ids.has(parent.id)) ids.set(parent.id, { at, columns: reference.columns });
      wanted.set(parent.tbl, ids);
    }
  }
  let first: { at: number; reason: string } | null = null;
  for (const [tbl, ids] of wanted) {
    const found = await liveIds(tx, tbl, [...ids.keys()]);
    for (const [id, { at, columns }] of ids) {
      if (found.has(id) || (first !== null && first.at <= at)) continue;
      first = { at, reason: `${naming(writes[at]!, columns, { tbl, id })}, which is not in the ledger` };
    }
  }
  return first?.reason ?? null;
}

/** The push path's step: a plan whose rows name parents nobody has is refused with the reason. */
export async function checkReferences(tx: RelayTx, plan: ChangesPlan, known?: ReadonlyMap<string, LedgerRow>): Promise<ChangesPlan> {
  if (!plan.ok) return plan;
  const reason = await referenceProblem(tx, plan.writes, known);
  return reason === null ? plan : { ok: false, reason };
}

/**
 * Rows that enter the ledger without a command (a bootstrap page): each must fit the replica's
 * schema, and name only parents the ledger or the same rows hold (the publisher sends parents
 * first). Null when they may be written, else why not.
 */
export async function rowsProblem(tx: RelayTx, rows: readonly Written[]): Promise<string | null> {
  for (const row of rows) {
    const problem = rowShapeProblem(row.tbl, row.id, row.data);
    if (problem !== null) return problem;
  }
  return referenceProblem(tx, rows);
}
