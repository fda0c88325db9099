import type { Permission } from '../../src-shared/roles';
import { jsonEqual, mergeRow, type RowData } from '../../src-shared/sync/merge-row';
import type { RowChange } from '../../src-shared/sync/protocol';
import { checkRowChange } from '../../src-shared/sync/row-rules';
import type { LedgerRow, LedgerRowInput } from '../ledger/ledger-row';
import { EVERYONE } from '../../src-shared/sync/partitions';
import { refKey } from '../ledger/stored-rows';

export type ChangesPlan = { ok: true; writes: LedgerRowInput[] } | { ok: false; reason: string };

const liveData = (row: LedgerRow | undefined): RowData | null => (row && !row.deleted ? row.data : null);

/**
 * What a command's row changes make of the ledger: each is merged onto the server's row and
 * judged by the table rules; the first that fails refuses the whole command, naming its table, row
 * and rule. A row a command touches twice is merged onto its own first result. Rows that end as
 * they started are not written, so they get no new version.
 */
export function planChanges(changes: readonly RowChange[], stored: ReadonlyMap<string, LedgerRow>, permissions: readonly Permission[]): ChangesPlan {
  const current = new Map<string, { tbl: string; id: string; data: RowData | null }>();
  for (const change of changes) {
    const key = refKey(change);
    const before = current.has(key) ? current.get(key)!.data : liveData(stored.get(key));
    const merged = mergeRow(before, change.op === 'upsert' ? { op: 'upsert', data: change.data, base: change.base } : { op: 'delete', base: change.base });
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
