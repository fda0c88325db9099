import type { Permission } from '../../src-shared/roles';
import { jsonEqual, mergeRow, type RowData } from '../../src-shared/sync/merge-row';
import type { RowChange } from '../../src-shared/sync/protocol';
import { checkRowChange } from '../../src-shared/sync/row-rules';
import { replicaTable, rowShapeProblem } from '../../src-shared/sync/row-shape';
import { writeSetProblem } from '../../src-shared/sync/write-sets';
import type { LedgerRow, LedgerRowInput } from '../ledger/ledger-row';
import { EVERYONE } from '../../src-shared/sync/partitions';
import { refKey } from '../ledger/stored-rows';

export type ChangesPlan = { ok: true; writes: LedgerRowInput[] } | { ok: false; reason: string };

const liveData = (row: LedgerRow | undefined): RowData | null => (row && !row.deleted ? row.data : null);

/**
 * Whether the row the change leaves could be written on every replica (DESIGN §3, Trust): a row
 * image must fit the desktop schema and be keyed by its change's id, since desktops write by the
 * key in the data. A delete only needs a table desktops sync. Null, or the reason naming table,
 * row, column and rule.
 */
function shapeProblem(change: RowChange, after: RowData | null): string | null {
  if (after !== null) return rowShapeProblem(change.tbl, change.id, after);
  return replicaTable(change.tbl) ? null : `${change.tbl} ${change.id}: ${change.tbl} is not a table desktops sync`;
}

/**
 * What a command's row changes make of the ledger: each is merged onto the server's row, checked
 * against the replica's schema and judged by the table rules; the first that fails refuses the
 * whole command, naming its table, row and rule. A command's changes must also lie within its
 * write-set (`src-shared/sync/write-sets.ts`). A row a command touches twice is merged onto its
 * own first result. Rows that end as they started are not written, so they get no new version.
 */
export function planChanges(changes: readonly RowChange[], stored: ReadonlyMap<string, LedgerRow>, permissions: readonly Permission[], command: { name: string; actorId: string } | null): ChangesPlan {
  const current = new Map<string, { tbl: string; id: string; data: RowData | null }>();
  for (const change of changes) {
    const key = refKey(change);
    const before = current.has(key) ? current.get(key)!.data : liveData(stored.get(key));
    const merged = mergeRow(before, change.op === 'upsert' ? { op: 'upsert', data: change.data, base: change.base } : { op: 'delete', base: change.base });
    // A row left as the ledger holds it is not written, so it cannot break anything new.
    if (merged.ok && !jsonEqual(before, merged.after)) {
      const shape = shapeProblem(change, merged.after);
      if (shape !== null) return { ok: false, reason: shape };
      // What the command may change, by its name (a feed is judged by the table rules alone).
      const outside = command === null ? null : writeSetProblem(command.name, { tbl: change.tbl, before, after: merged.after }, command.actorId);
      if (outside !== null) return { ok: false, reason: `${change.tbl} ${change.id}: ${outside}` };
    }
    const reason = merged.ok ? checkRowChange({ tbl: change.tbl, before, after: merged.after, permissions }) : merged.reason;
    if (reason !== null) return { ok: false, reason: `${change.tbl} ${change.id}: ${reason}` };
    if (merged.ok) current.set(key, { tbl: change.tbl, id: change.id, data: merged.after });
  }
  const writes: LedgerRowInput[] = [];
  for (const [key, { tbl, id, data }] of current) {
    const original = liveData(stored.get(key));
    if (jsonEqual(original, data)) continue;
    // A deletion keeps the row's last data as its tombstone, so pulls can still say what went.
    // Partitions are placed by the caller, which can read the rows' owners from the ledger.
    if (data === null) writes.push({ tbl, id, partition: EVERYONE, data: original!, deleted: true });
    else writes.push({ tbl, id, partition: EVERYONE, data });
  }
  return { ok: true, writes };
}
