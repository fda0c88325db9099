import { getTableConfig, SQLiteTable, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { ReplicaColumn, ReplicaTable } from '../../src-shared/sync/replica-schema';
import * as schema from '../store/schema';
import { SYNCED_TABLES } from './synced-tables';

/** Where `npm run schema:replica` writes the description, from the repository's root. */
export const REPLICA_SCHEMA_PATH = 'src-shared/sync/replica-schema.ts';

const TABLES = new Map(
  (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable => value instanceof SQLiteTable).map((table) => [getTableConfig(table).name, table]),
);

function storage(column: SQLiteColumn): ReplicaColumn['type'] {
  const type = column.getSQLType();
  if (type === 'text' || type === 'integer' || type === 'real') return type;
  throw new Error(`column ${column.name} is stored as ${type}, which row images do not carry`);
}

function modeOf(column: SQLiteColumn): ReplicaColumn['mode'] {
  if (column.columnType === 'SQLiteBoolean') return 'boolean';
  if (column.columnType === 'SQLiteTextJson') return 'json';
  return undefined;
}

/**
 * Every synced table as the desktop's SQLite holds it: the tables and key columns are the sync's
 * own (`synced-tables.ts`), the rest is read off the drizzle schema. A foreign key must name its
 * parent's key columns, the only way the ledger finds a row.
 */
export function describeReplica(): ReplicaTable[] {
  const keysOf = new Map(SYNCED_TABLES.map((table) => [table.name, table.keyColumns]));
  return SYNCED_TABLES.map(({ name, keyColumns }) => {
    const config = getTableConfig(TABLES.get(name)!);
    const references = config.foreignKeys.map((foreignKey) => {
      const reference = foreignKey.reference();
      const parent = getTableConfig(reference.foreignTable).name;
      const parentKey = keysOf.get(parent);
      const foreignColumns = reference.foreignColumns.map((column) => column.name);
      if (!parentKey || parentKey.join(',') !== foreignColumns.join(',')) {
        throw new Error(`${name} references ${parent} (${foreignColumns.join(', ')}), which is not the key of a synced table`);
      }
      return { columns: reference.columns.map((column) => column.name), table: parent };
    });
    const columns = config.columns.map((column): ReplicaColumn => {
      const single = references.find((reference) => reference.columns.length === 1 && reference.columns[0] === column.name);
      return {
        name: column.name,
        type: storage(column),
        ...(modeOf(column) ? { mode: modeOf(column) } : {}),
        notNull: column.notNull,
        hasDefault: column.default !== undefined,
        ...(column.enumValues ? { enum: [...column.enumValues] } : {}),
        ...(single ? { references: { table: single.table, column: keysOf.get(single.table)![0]! } } : {}),
        ...(column.generated ? { generated: true } : {}),
      };
    });
    const composite = references.filter((reference) => reference.columns.length > 1);
    return { name, key: [...keyColumns], columns, ...(composite.length > 0 ? { compositeReferences: composite } : {}) };
  });
}

const HEADER = `/**
 * The desktop replica's schema as every process may read it (DESIGN §3, Trust): each synced table,
 * its key columns and, per column, how SQLite stores it and what it refuses. The relay checks rows
 * against it before they enter the ledger, and desktops before they write a pulled row.
 *
 * Generated from the drizzle schema in src-main/store/schema by \`npm run schema:replica\`; do not
 * edit by hand (src-main/sync/replica-schema.test.ts fails when it is out of date).
 */

export interface ReplicaColumn {
  name: string;
  /** SQLite's storage type. */
  type: 'text' | 'integer' | 'real';
  /** Stored as 0/1 (drizzle's boolean mode) or as JSON text (json mode). */
  mode?: 'boolean' | 'json';
  notNull: boolean;
  /** SQLite fills the column when an insert leaves it out. */
  hasDefault: boolean;
  /** The values the app writes to it (SQLite itself does not enforce them). */
  enum?: readonly string[];
  /** The parent row a value names: the parent's (single) key column. */
  references?: { table: string; column: string };
  /** Computed by SQLite from other columns: never written, so never checked. */
  generated?: true;
}

export interface ReplicaTable {
  name: string;
  /** The columns whose values, joined by \`:\`, are the row's id in the ledger. */
  key: readonly string[];
  columns: readonly ReplicaColumn[];
  /** Foreign keys of several columns, naming the parent's whole key in its order. */
  compositeReferences?: readonly { columns: readonly string[]; table: string }[];
}
`;

const literal = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{ ${Object.entries(value).map(([key, item]) => `${/^[a-z_][a-z0-9_]*$/i.test(key) ? key : JSON.stringify(key)}: ${literal(item)}`).join(', ')} }`;
  }
  return typeof value === 'string' ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : String(value);
};

/** The text of `replica-schema.ts`: one line per column, so a schema change reads as a small diff. */
export function replicaSchemaSource(tables: readonly ReplicaTable[] = describeReplica()): string {
  const body = tables.map((table) => {
    const lines = [
      '  {',
      `    name: ${literal(table.name)},`,
      `    key: ${literal(table.key)},`,
      '    columns: [',
      ...table.columns.map((column) => `      ${literal(column)},`),
      '    ],',
      ...(table.compositeReferences ? [`    compositeReferences: ${literal(table.compositeReferences)},`] : []),
      '  },',
    ];
    return lines.join('\n');
  });
  return `${HEADER}\nexport const REPLICA_TABLES: readonly ReplicaTable[] = [\n${body.join('\n')}\n];\n`;
}
