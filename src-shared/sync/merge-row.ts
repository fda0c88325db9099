/** One row image as JSON, keyed by its snake_case column names (see `protocol.ts`). */
export type RowData = Record<string, unknown>;

/** What a pushed command did to one row: its image after (`data`; absent for a delete) and before (`base`; null when it created the row). */
export type RowEdit = { op: 'upsert'; data: RowData; base: RowData | null } | { op: 'delete'; base: RowData | null };

/** The row as it should stand in the ledger after the command (null: absent or deleted), or why it cannot. */
export type MergeResult = { ok: true; after: RowData | null } | { ok: false; reason: string };

/**
 * Equality of JSON values: object keys in any order (Postgres `jsonb` does not keep the desktop's
 * order), arrays in order, `undefined` the same as a missing key.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((value, index) => jsonEqual(value, other[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) if (!jsonEqual(left[key], right[key])) return false;
  return true;
}

/**
 * The three-way merge of one row (DESIGN §3). The server's row S stands; the command's own edit,
 * the columns where its after-image A differs from its before-image B, is laid over it. Two
 * desktops editing different columns of one row both keep their edit, and a column the command did
 * not touch never goes back to the desktop's stale copy.
 * - created (B null) onto no S: A. Onto an existing S: refused, the second of two desktops making
 *   the same deterministic id must not overwrite the first.
 * - updated (B set) onto no S: refused, the row is gone or never reached the ledger.
 * - deleted: nothing to do when S is absent; otherwise absent afterwards (the table rules decide
 *   whether that is allowed).
 */
export function mergeRow(server: RowData | null, edit: RowEdit): MergeResult {
  if (edit.op === 'delete') return { ok: true, after: null };
  if (edit.base === null) return server === null ? { ok: true, after: edit.data } : { ok: false, reason: 'it was created here, but already exists in the ledger' };
  if (server === null) return { ok: false, reason: 'it was changed here, but is not in the ledger' };
  const merged: RowData = { ...server };
  const columns = new Set([...Object.keys(edit.base), ...Object.keys(edit.data)]);
  for (const column of columns) {
    if (jsonEqual(edit.data[column], edit.base[column])) continue;
    if (Object.hasOwn(edit.data, column)) merged[column] = edit.data[column];
    else delete merged[column];
  }
  return { ok: true, after: merged };
}
