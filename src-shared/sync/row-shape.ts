import { REPLICA_TABLES, type ReplicaColumn, type ReplicaTable } from './replica-schema';

/** A column's value as a row image carries it. */
type RowData = Readonly<Record<string, unknown>>;

interface TableShape {
  table: ReplicaTable;
  byName: ReadonlyMap<string, ReplicaColumn>;
  /** Columns checked on every row: all but the generated ones. */
  written: readonly (ReplicaColumn & { allowed?: ReadonlySet<string> })[];
  generated: readonly string[];
}

const SHAPES: ReadonlyMap<string, TableShape> = new Map(
  REPLICA_TABLES.map((table) => [
    table.name,
    {
      table,
      byName: new Map(table.columns.map((column) => [column.name, column])),
      written: table.columns.filter((column) => !column.generated).map((column) => (column.enum ? { ...column, allowed: new Set(column.enum) } : column)),
      generated: table.columns.filter((column) => column.generated).map((column) => column.name),
    },
  ]),
);

/** A synced table's description, or undefined for a table desktops do not sync. */
export function replicaTable(name: string): ReplicaTable | undefined {
  return SHAPES.get(name)?.table;
}

/** The parents a row of `table` names: each foreign key's columns and the table whose key they hold. */
export function foreignKeysOf(table: ReplicaTable): { columns: readonly string[]; table: string }[] {
  const single = table.columns.flatMap((column) => (column.references ? [{ columns: [column.name], table: column.references.table }] : []));
  return [...single, ...(table.compositeReferences ?? [])];
}

/** The row's id in the ledger: its key columns' values joined by `:` (as the desktop's `rowKey`). */
export function keyOf(table: Pick<ReplicaTable, 'key'>, data: RowData): string {
  return table.key.length === 1 ? String(data[table.key[0]!]) : table.key.map((column) => String(data[column])).join(':');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Why a non-null value does not fit the column, or null. */
function valueProblem(column: ReplicaColumn & { allowed?: ReadonlySet<string> }, value: unknown): string | null {
  if (column.mode === 'boolean') return value === 0 || value === 1 || value === true || value === false ? null : `must be 0, 1, true or false, not ${describe(value)}`;
  if (column.mode === 'json') {
    if (typeof value === 'string') return parsesAsJson(value) ? null : `must be JSON text, and ${describe(value)} does not parse`;
    return typeof value === 'object' ? null : `must be JSON text, an object or an array, not ${describe(value)}`;
  }
  if (column.type === 'integer') return Number.isSafeInteger(value) ? null : `must be a whole number, not ${describe(value)}`;
  if (column.type === 'real') return typeof value === 'number' && Number.isFinite(value) ? null : `must be a finite number, not ${describe(value)}`;
  if (typeof value !== 'string') return `must be text, not ${describe(value)}`;
  return column.allowed && !column.allowed.has(value) ? `is ${describe(value)}, not one of ${column.enum!.join(', ')}` : null;
}

export interface RowShapeOptions {
  /**
   * The relay refuses columns its schema does not know (`refuse`, the default); a desktop leaves
   * out those of a newer build (`ignore`) rather than set the row aside.
   */
  unknownColumns?: 'refuse' | 'ignore';
}

/**
 * Whether a row image (the whole row as it stands after a change) fits the desktop replica's
 * schema: null when it does, else a sentence naming the table, row, column and rule. Generated
 * columns are never written, so they are passed over.
 *
 * A NOT NULL column with a default may be absent: SQLite fills it on insert and an update leaves
 * it as it was. A column added by a later migration always has one (SQLite cannot add a NOT NULL
 * column without), so images from desktops still on the build before it remain writable. It may
 * never be null: SQLite applies a default only to a column left out, never to an explicit NULL.
 */
export function rowShapeProblem(tbl: string, id: string, data: RowData, options: RowShapeOptions = {}): string | null {
  const shape = SHAPES.get(tbl);
  const at = `${tbl} ${id}`;
  if (!shape) return `${at}: ${tbl} is not a table desktops sync`;
  // Desktops write a pulled row by the key in its data, so an id naming another row would overwrite that one.
  if (shape.table.key.every((column) => data[column] !== undefined && data[column] !== null)) {
    const key = keyOf(shape.table, data);
    if (key !== id) return `${at}: the change's id must be the row's key, but its data names ${key}`;
  }
  let known = 0;
  for (const name of shape.generated) if (data[name] !== undefined) known += 1;
  for (const column of shape.written) {
    const value = data[column.name];
    if (value === undefined) {
      if (column.notNull && !column.hasDefault) return `${at}: column ${column.name} is required (NOT NULL) but absent`;
      continue;
    }
    known += 1;
    if (value === null) {
      if (column.notNull) return `${at}: column ${column.name} is NOT NULL but null`;
      continue;
    }
    const problem = valueProblem(column, value);
    if (problem !== null) return `${at}: column ${column.name} ${problem}`;
  }
  if (options.unknownColumns !== 'ignore' && known !== Object.keys(data).length) {
    const unknown = Object.keys(data).find((name) => !shape.byName.has(name) && data[name] !== undefined);
    if (unknown !== undefined) return `${at}: ${unknown} is not a column of ${tbl}`;
  }
  return null;
}
