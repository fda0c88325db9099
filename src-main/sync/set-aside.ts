import type Database from 'better-sqlite3';
import type { SetAsideRowView } from '../../src-shared/contract/sync';
import type { LedgerRowImage } from '../../src-shared/sync/protocol';
import { replicaTable } from '../../src-shared/sync/row-shape';

const rowRef = (tbl: string, key: string) => `${tbl}\u001f${key}`;

/**
 * Pulled rows this desktop could not write (DESIGN §3, Trust: a replica that cannot apply a row
 * sets it aside and keeps syncing), in `sync_set_aside`: the ledger's image and version, and why.
 * The sync tries them again at every sync, since a parent may arrive later, and a newer version of
 * the row that applies clears its entry.
 */
export function setAsideOf(sqlite: Database.Database) {
  // A row that fails again for the same reason keeps the time it was first set aside.
  const put = sqlite.prepare(`
    INSERT INTO sync_set_aside (tbl, key, version, image, reason, set_aside_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (tbl, key) DO UPDATE SET version = excluded.version, image = excluded.image, reason = excluded.reason,
      set_aside_at = CASE WHEN sync_set_aside.version = excluded.version AND sync_set_aside.reason = excluded.reason THEN sync_set_aside.set_aside_at ELSE excluded.set_aside_at END`);
  const remove = sqlite.prepare('DELETE FROM sync_set_aside WHERE tbl = ? AND key = ?');
  const versionOf = sqlite.prepare('SELECT version FROM sync_versions WHERE tbl = ? AND key = ?').pluck();
  const forgetVersion = sqlite.prepare('DELETE FROM sync_versions WHERE tbl = ? AND key = ?');
  const deletes = new Map<string, Database.Statement>();
  /** The entries' keys, read when a sync starts, so rows that apply cost no lookup unless they were aside. */
  let held = new Set<string>();

  function deleteLive(tbl: string, data: Readonly<Record<string, unknown>>): void {
    const key = replicaTable(tbl)!.key;
    let statement = deletes.get(tbl);
    if (!statement) {
      statement = sqlite.prepare(`DELETE FROM "${tbl}" WHERE ${key.map((column) => `"${column}" = ?`).join(' AND ')}`);
      deletes.set(tbl, statement);
    }
    statement.run(...key.map((column) => data[column]));
  }

  const store = {
    /** Reads which rows are aside; call when a sync starts. */
    load(): void {
      held = new Set((sqlite.prepare('SELECT tbl, key FROM sync_set_aside').all() as { tbl: string; key: string }[]).map(({ tbl, key }) => rowRef(tbl, key)));
    },
    has: (tbl: string, key: string): boolean => held.size > 0 && held.has(rowRef(tbl, key)),
    /** Keeps a pulled row this desktop could not write; the replica's own copy, if any, stays as it was. */
    put(row: Pick<LedgerRowImage, 'tbl' | 'id' | 'version' | 'data'>, reason: string): void {
      put.run(row.tbl, row.id, row.version, JSON.stringify(row.data), reason, new Date().toISOString());
      held.add(rowRef(row.tbl, row.id));
    },
    clear(tbl: string, key: string): void {
      if (!held.delete(rowRef(tbl, key))) return;
      remove.run(tbl, key);
    },
    /**
     * Moves a row out of the replica into the entries: one that names a parent this desktop does
     * not hold. Its children, if any, are then orphans in turn.
     */
    moveAside(row: { tbl: string; id: string; data: Readonly<Record<string, unknown>> }, reason: string): void {
      const version = (versionOf.get(row.tbl, row.id) as number | undefined) ?? 0;
      store.put({ tbl: row.tbl, id: row.id, version, data: { ...row.data } }, reason);
      deleteLive(row.tbl, row.data);
      forgetVersion.run(row.tbl, row.id);
    },
    /** Every entry as the ledger row it holds, oldest version first, to try again. */
    rows(): LedgerRowImage[] {
      const entries = sqlite.prepare('SELECT tbl, key, version, image FROM sync_set_aside ORDER BY version').all() as { tbl: string; key: string; version: number; image: string }[];
      return entries.map((entry) => ({ tbl: entry.tbl, id: entry.key, version: entry.version, deleted: false, data: JSON.parse(entry.image) as Record<string, unknown> }));
    },
    count: (): number => sqlite.prepare('SELECT count(*) FROM sync_set_aside').pluck().get() as number,
    list: (): SetAsideRowView[] =>
      sqlite.prepare('SELECT tbl, key, version, reason, set_aside_at AS setAsideAt FROM sync_set_aside ORDER BY set_aside_at DESC, tbl, key LIMIT 500').all() as SetAsideRowView[],
  };
  return store;
}

export type SetAside = ReturnType<typeof setAsideOf>;
