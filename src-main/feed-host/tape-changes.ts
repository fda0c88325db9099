import type { RowChange } from '../../src-shared/sync/protocol';
import { drainChanges, setCapturing } from '../sync/capture';
import type { Store } from '../store/open-store';
import { importTape, type ImportOptions, type ImportSummary } from '../tape/import-tape';

/**
 * The rows the desktop's own tape import would write to this replica, computed without keeping
 * them: the import runs with capture on inside a transaction that is rolled back, so the replica
 * stays an exact copy of the ledger and receives the rows by its next pull, once the relay has
 * written them. A bad tape throws the importer's `TapeError` (every `file:line: why`).
 */
export function tapeChanges(store: Store, dir: string, options: ImportOptions = {}): { summary: ImportSummary; changes: RowChange[] } {
  const { sqlite } = store;
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    setCapturing(sqlite, true);
    // Inside this transaction the importer's own one becomes a savepoint: all of it or none, as on a desktop.
    const summary = importTape(store, dir, options);
    return { summary, changes: drainChanges(sqlite) };
  } finally {
    sqlite.exec('ROLLBACK');
  }
}
