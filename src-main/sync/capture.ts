import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { RowChange } from '../../src-shared/sync/protocol';
import { rowKey, SYNCED_TABLES, syncedTable, type SyncedTable } from './synced-tables';

const SIGNATURE_KEY = 'sync_capture_signature';

/** True in an update trigger when any column of the row differs from before. */
function changedSql(table: SyncedTable): string {
  return table.columns.map((column) => `OLD."${column}" IS NOT NEW."${column}"`).join(' OR ');
}

/** The triggers that note each row a command writes; they fire only while `sync_capture.capturing` is 1. */
function triggerSql(table: SyncedTable): string[] {
  // json_object takes at most 127 arguments in SQLite's default build: two per column. Generated columns follow from the rest.
  if (table.columns.length > 63) throw new Error(`table ${table.name} has too many columns to capture in one json_object`);
  const key = (row: 'NEW' | 'OLD') => `json_array(${table.keyColumns.map((column) => `${row}."${column}"`).join(', ')})`;
  const image = `json_object(${table.columns.map((column) => `'${column}', OLD."${column}"`).join(', ')})`;
  const when = 'WHEN (SELECT capturing FROM sync_capture WHERE id = 1) = 1';
  // Only the first note of a row is kept: its image from before the command touched it. NOT EXISTS
  // rather than OR IGNORE, which an upsert's own conflict clause overrides inside its triggers.
  const note = (row: 'NEW' | 'OLD', before: string) =>
    `INSERT INTO sync_pending (tbl, key, before) SELECT '${table.name}', ${key(row)}, ${before} WHERE NOT EXISTS (SELECT 1 FROM sync_pending WHERE tbl = '${table.name}' AND key = ${key(row)})`;
  return [
    `CREATE TRIGGER "sync_cap_${table.name}_i" AFTER INSERT ON "${table.name}" ${when} BEGIN ${note('NEW', 'NULL')}; END`,
    // A key that changes leaves its old row behind: the old key is noted too, and reads as a delete.
    // An update that leaves the row as it was (an upsert of the same values) is no change to push.
    `CREATE TRIGGER "sync_cap_${table.name}_u" AFTER UPDATE ON "${table.name}" ${when} AND (${changedSql(table)}) BEGIN ${note('NEW', image)}; ${note('OLD', image)}; END`,
    `CREATE TRIGGER "sync_cap_${table.name}_d" AFTER DELETE ON "${table.name}" ${when} BEGIN ${note('OLD', image)}; END`,
  ];
}

/**
 * Keeps the capture triggers in step with the schema: they are derived from the synced tables,
 * so a build whose schema changed replaces them all once, on open.
 */
export function ensureCaptureTriggers(sqlite: Database.Database): void {
  const statements = SYNCED_TABLES.flatMap(triggerSql);
  const signature = createHash('sha256').update(statements.join('\n')).digest('hex');
  if (sqlite.prepare('SELECT value FROM app_meta WHERE key = ?').pluck().get(SIGNATURE_KEY) === signature) return;
  sqlite.transaction(() => {
    const old = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_cap_%'`).pluck().all() as string[];
    for (const name of old) sqlite.exec(`DROP TRIGGER "${name}"`);
    for (const statement of statements) sqlite.exec(statement);
    sqlite.prepare('INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(SIGNATURE_KEY, signature);
  }).immediate();
}

export function setCapturing(sqlite: Database.Database, on: boolean): void {
  sqlite.prepare('UPDATE sync_capture SET capturing = ? WHERE id = 1').run(on ? 1 : 0);
}

export function isCapturing(sqlite: Database.Database): boolean {
  return sqlite.prepare('SELECT capturing FROM sync_capture WHERE id = 1').pluck().get() === 1;
}

/**
 * Reads each row noted since the last drain: its image now (absent: deleted) and before the
 * command (absent: created), with the ledger version it was based on; then clears the notes.
 * The relay merges the columns the command changed onto its own row, so two desktops editing
 * different columns of one row both keep their edit.
 */
export function drainChanges(sqlite: Database.Database): RowChange[] {
  const noted = sqlite.prepare('SELECT tbl, key, before FROM sync_pending ORDER BY seq').all() as { tbl: string; key: string; before: string | null }[];
  const version = sqlite.prepare('SELECT version FROM sync_versions WHERE tbl = ? AND key = ?').pluck();
  const changes = noted.map(({ tbl, key, before }) => {
    const table = syncedTable(tbl)!;
    const values = JSON.parse(key) as unknown[];
    const row = sqlite.prepare(`SELECT * FROM "${tbl}" WHERE ${table.keyColumns.map((column) => `"${column}" = ?`).join(' AND ')}`).get(...values) as
      | Record<string, unknown>
      | undefined;
    const id = rowKey(table, Object.fromEntries(table.keyColumns.map((column, index) => [column, values[index]])));
    const baseVersion = (version.get(tbl, id) as number | undefined) ?? null;
    const base = before === null ? null : (JSON.parse(before) as Record<string, unknown>);
    return row ? { tbl, id, op: 'upsert' as const, data: row, base, baseVersion } : { tbl, id, op: 'delete' as const, base, baseVersion };
  });
  sqlite.prepare('DELETE FROM sync_pending').run();
  return changes;
}
