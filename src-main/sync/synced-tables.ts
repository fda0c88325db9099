import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from '../store/schema';

/** A table the ledger and the desktops share, and the columns that identify one of its rows. */
export interface SyncedTable {
  name: string;
  keyColumns: readonly string[];
  /** The columns a row image writes: generated ones (a case's `active`) follow from the others. */
  columns: readonly string[];
}

/**
 * Tables that stay on this desktop: its settings and sync bookkeeping, and its audit log, whose
 * hash chain is this desktop's own record of what was done here (the relay keeps its own).
 */
const LOCAL_TABLES: ReadonlySet<string> = new Set(['app_meta', 'audit_events', 'outbox', 'sync_pending', 'sync_capture', 'sync_versions', 'user_credentials', 'sync_set_aside']);

function keyColumnsOf(table: SQLiteTable): string[] {
  const config = getTableConfig(table);
  const primary = config.columns.filter((column) => column.primary).map((column) => column.name);
  if (primary.length > 0) return primary;
  const composite = config.primaryKeys[0]?.columns.map((column) => column.name);
  if (composite) return composite;
  // A table without a primary key is identified by its unique index.
  const unique = config.indexes.find((index) => index.config.unique);
  if (!unique) throw new Error(`table ${config.name} has no primary key or unique index to sync by`);
  return unique.config.columns.map((column) => (column as { name: string }).name);
}

/** Every synced table, from the store's drizzle schema, in a fixed order. */
export const SYNCED_TABLES: readonly SyncedTable[] = (Object.values(schema) as unknown[])
  .filter((value): value is SQLiteTable => value instanceof SQLiteTable)
  .map((table) => ({ table, config: getTableConfig(table) }))
  .filter(({ config }) => !LOCAL_TABLES.has(config.name))
  .map(({ table, config }) => ({ name: config.name, keyColumns: keyColumnsOf(table), columns: config.columns.filter((column) => !column.generated).map((column) => column.name) }))
  .sort((a, b) => a.name.localeCompare(b.name));

const BY_NAME = new Map(SYNCED_TABLES.map((table) => [table.name, table]));

export function syncedTable(name: string): SyncedTable | undefined {
  return BY_NAME.get(name);
}

/** The row's identity in the ledger: its key values joined by `:` (one value for most tables). */
export function rowKey(table: SyncedTable, row: Readonly<Record<string, unknown>>): string {
  return table.keyColumns.map((column) => String(row[column])).join(':');
}
