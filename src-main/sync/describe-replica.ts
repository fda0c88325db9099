import { getTableConfig, SQLiteTable, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { ReplicaColumn, ReplicaTable } from '../../src-shared/sync/replica-types';
import * as schema from '../store/schema';
import * as cases from '../store/schema/cases';
import * as communications from '../store/schema/communications';
import * as ledger from '../store/schema/ledger';
import * as loans from '../store/schema/loans';
import * as operations from '../store/schema/operations';
import * as people from '../store/schema/people';
import * as templates from '../store/schema/templates';
import { SYNCED_TABLES } from './synced-tables';

/** Where `npm run schema:replica` writes the description, from the repository's root. */
export const REPLICA_SCHEMA_PATH = 'src-shared/sync/replica-schema.ts';
export const REPLICA_TABLES_DIR = 'src-shared/sync/replica-tables';

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

import type { ReplicaColumn, ReplicaTable } from './replica-types';
export type { ReplicaColumn, ReplicaTable };
`;

const literal = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{ ${Object.entries(value).map(([key, item]) => `${/^[a-z_][a-z0-9_]*$/i.test(key) ? key : JSON.stringify(key)}: ${literal(item)}`).join(', ')} }`;
  }
  return typeof value === 'string' ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : String(value);
};

/** The desktop schema's modules: each gets its own generated file of tables, so none grows past a page or two. */
const MODULES: Readonly<Record<string, Record<string, unknown>>> = { people, loans, cases, operations, communications, ledger, templates };

function moduleOf(tableName: string): string {
  const found = Object.entries(MODULES).find(([, members]) => Object.values(members).some((member) => member instanceof SQLiteTable && getTableConfig(member).name === tableName));
  if (!found) throw new Error(`table ${tableName} is in no module of src-main/store/schema`);
  return found[0];
}

function tablesSource(tables: readonly ReplicaTable[]): string {
  return tables
    .map((table) =>
      [
        '  {',
        `    name: ${literal(table.name)},`,
        `    key: ${literal(table.key)},`,
        '    columns: [',
        ...table.columns.map((column) => `      ${literal(column)},`),
        '    ],',
        ...(table.compositeReferences ? [`    compositeReferences: ${literal(table.compositeReferences)},`] : []),
        '  },',
      ].join('\n'),
    )
    .join('\n');
}

/**
 * Every generated file by its path: `replica-schema.ts`, which gathers the tables in name order,
 * and one file per desktop schema module, one line per column, so a schema change reads as a
 * small diff.
 */
export function replicaSchemaFiles(tables: readonly ReplicaTable[] = describeReplica()): Record<string, string> {
  const byModule = new Map<string, ReplicaTable[]>();
  for (const table of tables) {
    const name = moduleOf(table.name);
    byModule.set(name, [...(byModule.get(name) ?? []), table]);
  }
  const modules = [...byModule.keys()].sort();
  const files: Record<string, string> = {};
  for (const name of modules) {
    files[`${REPLICA_TABLES_DIR}/${name}.ts`] =
      `/** The synced tables of src-main/store/schema/${name}.ts, generated by \`npm run schema:replica\` (see ../replica-schema.ts). */\n\nimport type { ReplicaTable } from '../replica-types';\n\nexport const TABLES: readonly ReplicaTable[] = [\n${tablesSource(byModule.get(name)!)}\n];\n`;
  }
  const imports = modules.map((name) => `import { TABLES as ${name} } from './replica-tables/${name}';`).join('\n');
  files[REPLICA_SCHEMA_PATH] = `${HEADER}${imports}\n\nexport const REPLICA_TABLES: readonly ReplicaTable[] = [${modules.map((name) => `...${name}`).join(', ')}].sort((a, b) => a.name.localeCompare(b.name));\n`;
  return files;
}
