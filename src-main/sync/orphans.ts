import type Database from 'better-sqlite3';
import { REPLICA_TABLES, type ReplicaTable } from '../../src-shared/sync/replica-schema';
import { foreignKeysOf, keyOf } from '../../src-shared/sync/row-shape';

type RowData = Record<string, unknown>;
interface ForeignKey {
  columns: readonly string[];
  table: string;
}

/** A replica row naming a parent the replica does not hold, and which one, in words. */
export interface Orphan {
  tbl: string;
  id: string;
  data: RowData;
  reason: string;
}

/** Key values as the restriction lists carry them: one value per row, or an array for a composite key. */
export type KeyValues = unknown;

const TABLES = new Map(REPLICA_TABLES.map((table) => [table.name, table]));
/** Tables with foreign keys: only their rows can be orphans. */
export const REFERRING_TABLES: ReadonlySet<string> = new Set(REPLICA_TABLES.filter((table) => foreignKeysOf(table).length > 0).map((table) => table.name));
/** For each table, the foreign keys of other tables that name it. */
const NAMED_BY = new Map<string, { child: ReplicaTable; reference: ForeignKey }[]>();
for (const child of REPLICA_TABLES) {
  for (const reference of foreignKeysOf(child)) NAMED_BY.set(reference.table, [...(NAMED_BY.get(reference.table) ?? []), { child, reference }]);
}

/** The key values a restriction list holds for a row, as `json_each` yields them. */
export function keyValues(columns: readonly string[], data: Readonly<RowData>): KeyValues {
  return columns.length === 1 ? data[columns[0]!] : columns.map((column) => data[column]);
}

/** `c.a = j.value`, or `c.a = json_extract(j.value, '$[0]') AND …` for several columns. */
function matchJson(columns: readonly string[]): string {
  if (columns.length === 1) return `c."${columns[0]}" = j.value`;
  return columns.map((column, index) => `c."${column}" = json_extract(j.value, '$[${index}]')`).join(' AND ');
}

/**
 * Finds replica rows that name parents the replica does not hold. Written with foreign keys off
 * (a page may carry a child before its parent), a pulled book is checked once its pull is done:
 * only the rows the pull wrote (`amongKeys`), or every row (`everywhere`, after a first sync or an
 * interrupted one). Each query takes one foreign key of one table for a whole list of rows, by
 * their keys, through `json_each`.
 */
export function createOrphanFinder(sqlite: Database.Database) {
  const statements = new Map<string, Database.Statement>();

  /** Rows of `child` whose `reference` names nothing, among the rows whose `restrict` columns are in the list (all rows: no restriction). */
  function orphansBy(child: ReplicaTable, reference: ForeignKey, restrict: readonly string[] | null, list: readonly KeyValues[] | null): Orphan[] {
    const parent = TABLES.get(reference.table)!;
    const cacheKey = `${child.name}|${reference.columns.join(',')}|${restrict?.join(',') ?? '*'}`;
    let statement = statements.get(cacheKey);
    if (!statement) {
      const join = restrict ? `JOIN json_each(?) j ON ${matchJson(restrict)}` : '';
      const named = reference.columns.map((column) => `c."${column}" IS NOT NULL`).join(' AND ');
      const found = reference.columns.map((column, index) => `p."${parent.key[index]}" = c."${column}"`).join(' AND ');
      statement = sqlite.prepare(`SELECT c.* FROM "${child.name}" c ${join} WHERE ${named} AND NOT EXISTS (SELECT 1 FROM "${parent.name}" p WHERE ${found})`);
      statements.set(cacheKey, statement);
    }
    const rows = (list ? statement.all(JSON.stringify(list)) : statement.all()) as RowData[];
    return rows.map((data) => {
      const id = keyOf(child, data);
      const names = reference.columns.map((column) => String(data[column])).join(':');
      const what = reference.columns.length === 1 ? `column ${reference.columns[0]} names` : `columns ${reference.columns.join(', ')} name`;
      return { tbl: child.name, id, data, reason: `${child.name} ${id}: ${what} ${parent.name} ${names}, which this desktop does not hold (set aside, or not in the ledger)` };
    });
  }

  /** One orphan per row, the first reason found. */
  function unique(orphans: Orphan[]): Orphan[] {
    return [...new Map(orphans.map((orphan) => [`${orphan.tbl}\u001f${orphan.id}`, orphan])).values()];
  }

  return {
    /** Orphans among the rows of each table with these keys (as `keyValues` of the key columns). */
    amongKeys(keys: ReadonlyMap<string, readonly KeyValues[]>): Orphan[] {
      const found: Orphan[] = [];
      for (const [tbl, list] of keys) {
        const child = TABLES.get(tbl);
        if (!child || list.length === 0) continue;
        for (const reference of foreignKeysOf(child)) found.push(...orphansBy(child, reference, child.key, list));
      }
      return unique(found);
    },
    /** Every orphan of the replica: `PRAGMA foreign_key_check` says which tables hold any, and each of their foreign keys is then read. */
    everywhere(): Orphan[] {
      const broken = new Set((sqlite.pragma('foreign_key_check') as { table: string }[]).map((violation) => violation.table));
      const found: Orphan[] = [];
      for (const tbl of broken) {
        const child = TABLES.get(tbl);
        if (child) for (const reference of foreignKeysOf(child)) found.push(...orphansBy(child, reference, null, null));
      }
      return unique(found);
    },
    /** Rows naming any of these rows, which have just left the replica. */
    childrenOf(gone: readonly { tbl: string; data: Readonly<RowData> }[]): Orphan[] {
      const byTable = new Map<string, KeyValues[]>();
      for (const row of gone) {
        if (!NAMED_BY.has(row.tbl)) continue;
        let list = byTable.get(row.tbl);
        if (!list) byTable.set(row.tbl, (list = []));
        list.push(keyValues(TABLES.get(row.tbl)!.key, row.data));
      }
      const found: Orphan[] = [];
      for (const [tbl, list] of byTable) {
        for (const { child, reference } of NAMED_BY.get(tbl)!) found.push(...orphansBy(child, reference, reference.columns, list));
      }
      return unique(found);
    },
  };
}
