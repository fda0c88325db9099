import type Database from 'better-sqlite3';
import type { LedgerRowImage } from '../../src-shared/sync/protocol';
import { replicaTable } from '../../src-shared/sync/row-shape';
import type { createRowWriter } from './apply-rows';
import { createOrphanFinder, keyValues, REFERRING_TABLES, type KeyValues } from './orphans';
import { setAsideOf } from './set-aside';

const rowRef = (row: { tbl: string; id: string }) => `${row.tbl}\u001f${row.id}`;

/**
 * The ledger's rows as this replica takes them (DESIGN §3, Trust: no row can break a replica). A
 * row this build cannot write is set aside with the reason and the rest of the page goes on. Rows
 * are written with foreign keys off, since a page may carry a child before its parent; once a pull
 * is done (`settle`), the rows set aside are tried again, and every row the sync wrote that names a
 * parent the replica does not hold is moved aside too, with the rows naming it in turn.
 */
export function createPulledRows(sqlite: Database.Database, writer: ReturnType<typeof createRowWriter>) {
  const setAside = setAsideOf(sqlite);
  const orphans = createOrphanFinder(sqlite);
  /** Keys written since the last check, per table with foreign keys. */
  let unchecked = new Map<string, KeyValues[]>();
  /** Rows deleted since the last check: their children would be orphans. */
  let gone: { tbl: string; data: Record<string, unknown> }[] = [];
  /** The next check reads every row rather than those written (a first sync, or one cut short). */
  let everything = false;
  /** Entries written during this pull: trying them again at its end would only fail again. */
  let fresh = new Set<string>();
  setAside.load();

  function track(row: LedgerRowImage): void {
    if (everything || !REFERRING_TABLES.has(row.tbl)) return;
    let keys = unchecked.get(row.tbl);
    if (!keys) unchecked.set(row.tbl, (keys = []));
    keys.push(keyValues(replicaTable(row.tbl)!.key, row.data));
  }

  return {
    /** Before a pull's first page; `everyRow`: check every row's references when it is done. */
    begin(everyRow: boolean): void {
      setAside.load();
      everything = everyRow;
      fresh = new Set();
    },
    /** One pulled row, inside the caller's transaction. */
    write(row: LedgerRowImage): void {
      const reason = writer.applyLedgerRow(row);
      if (reason !== null) {
        setAside.put(row, reason);
        fresh.add(rowRef(row));
        return;
      }
      // A newer version that applies supersedes the one set aside.
      if (setAside.has(row.tbl, row.id)) setAside.clear(row.tbl, row.id);
      if (!row.deleted) track(row);
      else if (!everything && Object.keys(row.data).length > 0) gone.push({ tbl: row.tbl, data: row.data });
    },
    /** Whether `settle` has anything to do: rows to check, or rows set aside to try again. */
    unsettled: (): boolean => everything || unchecked.size > 0 || gone.length > 0 || setAside.count() > 0,
    /**
     * After the pull's last page, inside the caller's transaction with foreign keys off: tries the
     * rows set aside again (their parent may have arrived), then moves out every row written that
     * names a missing parent, and the rows naming those, until none does.
     */
    settle(): void {
      const retried: LedgerRowImage[] = [];
      for (const row of setAside.rows()) {
        if (fresh.has(rowRef(row))) continue;
        const reason = writer.applyLedgerRow(row);
        if (reason !== null) setAside.put(row, reason);
        else {
          retried.push(row);
          track(row);
        }
      }
      let found = everything ? orphans.everywhere() : [...orphans.amongKeys(unchecked), ...orphans.childrenOf(gone)];
      const moved = new Set<string>();
      while (found.length > 0) {
        for (const orphan of found) {
          setAside.moveAside(orphan, orphan.reason);
          moved.add(rowRef(orphan));
        }
        found = orphans.childrenOf(found);
      }
      for (const row of retried) if (!moved.has(rowRef(row))) setAside.clear(row.tbl, row.id);
      unchecked = new Map();
      gone = [];
      everything = false;
    },
    setAsideCount: setAside.count,
    setAsideRows: setAside.list,
  };
}
