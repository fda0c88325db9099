import type Database from 'better-sqlite3';
import type { LedgerRowImage, RowChange } from '../../src-shared/sync/protocol';
import { rowShapeProblem } from '../../src-shared/sync/row-shape';
import { log } from '../log/logger';
import { syncedTable, type SyncedTable } from './synced-tables';

/** The key values of a row named by its ledger id: the key columns' values joined by `:`. */
function keyValues(table: SyncedTable, id: string, data: Readonly<Record<string, unknown>> | null): unknown[] {
  if (data && table.keyColumns.every((column) => data[column] !== undefined)) return table.keyColumns.map((column) => data[column]);
  // A tombstone may come without data: split the id (a single key column takes it whole).
  if (table.keyColumns.length === 1) return [id];
  return id.split(':');
}

/**
 * Writes row images into the store as they are, outside any command: what the relay says the
 * ledger holds, or the desktop's own pending changes laid back on top of it. Statements are
 * prepared once per table and column set.
 */
export function createRowWriter(sqlite: Database.Database) {
  const statements = new Map<string, Database.Statement>();
  const prepared = (cacheKey: string, sql: () => string) => {
    let statement = statements.get(cacheKey);
    if (!statement) {
      statement = sqlite.prepare(sql());
      statements.set(cacheKey, statement);
    }
    return statement;
  };
  const setVersion = sqlite.prepare('INSERT INTO sync_versions (tbl, key, version) VALUES (?, ?, ?) ON CONFLICT (tbl, key) DO UPDATE SET version = excluded.version');

  function upsert(table: SyncedTable, data: Readonly<Record<string, unknown>>): void {
    // Columns this build does not know (a newer relay's) are left out rather than failing the page.
    const columns = table.columns.filter((column) => data[column] !== undefined);
    const statement = prepared(`u:${table.name}:${columns.join(',')}`, () => {
      const quoted = columns.map((column) => `"${column}"`);
      const updates = columns.filter((column) => !table.keyColumns.includes(column)).map((column) => `"${column}" = excluded."${column}"`);
      const conflict = `ON CONFLICT (${table.keyColumns.map((column) => `"${column}"`).join(', ')}) DO ${updates.length > 0 ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`;
      return `INSERT INTO "${table.name}" (${quoted.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ${conflict}`;
    });
    statement.run(...columns.map((column) => toSqlite(data[column])));
  }

  function remove(table: SyncedTable, id: string, data: Readonly<Record<string, unknown>> | null): void {
    const statement = prepared(`d:${table.name}`, () => `DELETE FROM "${table.name}" WHERE ${table.keyColumns.map((column) => `"${column}" = ?`).join(' AND ')}`);
    statement.run(...keyValues(table, id, data).map(toSqlite));
  }

  return {
    /**
     * A row as the ledger holds it, with its version as the base of later local changes. Null once
     * written; else why this replica cannot take it, and the replica's copy stays as it was. The
     * row is checked against the schema first (cheaper than a savepoint per row, and it catches
     * what SQLite would take silently: text in a number column, an id naming another row); a
     * constraint SQLite still refuses (a unique index) undoes only that statement, so the rest of
     * the page stands.
     */
    applyLedgerRow(row: LedgerRowImage): string | null {
      const table = syncedTable(row.tbl);
      if (!table) {
        log.warn('sync: a row of a table this build does not know', { tbl: row.tbl });
        return null;
      }
      if (row.deleted || Object.keys(row.data).length === 0) remove(table, row.id, row.data);
      else {
        const problem = rowShapeProblem(row.tbl, row.id, row.data, { unknownColumns: 'ignore' });
        if (problem !== null) return problem;
        try {
          upsert(table, row.data);
        } catch (error) {
          if (!isConstraintError(error)) throw error;
          return `${row.tbl} ${row.id}: this desktop's schema refused it (${(error as Error).message})`;
        }
      }
      setVersion.run(row.tbl, row.id, row.version);
      return null;
    },
    /** A local change laid again over the ledger's rows until the relay has judged it; one that no longer fits waits for the relay's answer. */
    applyLocalChange(change: RowChange): void {
      const table = syncedTable(change.tbl);
      if (!table) return;
      try {
        if (change.op === 'delete') remove(table, change.id, change.base);
        else upsert(table, change.data);
      } catch (error) {
        if (!isConstraintError(error)) throw error;
        log.warn('sync: a pending local change no longer fits the pulled rows', { tbl: change.tbl, id: change.id, error: (error as Error).message });
      }
    },
  };
}

function isConstraintError(error: unknown): boolean {
  return typeof (error as { code?: unknown }).code === 'string' && (error as { code: string }).code.startsWith('SQLITE_CONSTRAINT');
}

/** JSON carries booleans that SQLite stores as 0/1, and nested values it stores as JSON text. */
function toSqlite(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value;
}
