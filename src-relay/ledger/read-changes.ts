import { and, asc, gt, inArray } from 'drizzle-orm';
import { ledgerRows, type LedgerData } from '../db/schema';
import type { RelayDb } from '../db/relay-database';
import { currentVersion } from './ledger-clock';
import { EVERYONE } from './ledger-row';
import { publicData } from './public-image';

export interface ChangedRow {
  tbl: string;
  id: string;
  version: number;
  deleted: boolean;
  data: LedgerData;
}

export interface ChangesPage {
  rows: ChangedRow[];
  /** Pass back as the next `cursor`. */
  cursor: number;
  /** True when more changes follow this page right away. */
  hasMore: boolean;
  /** The ledger's newest version when the page was read, so a first sync can show how far along it is. */
  head: number;
}

/**
 * The changes after `cursor` in the given partitions and `'*'`, oldest first. The rows and the
 * clock are read in one snapshot: on the last page the cursor jumps to the clock, past changes in
 * other partitions, and no version at or below it can still commit (see `ledger-clock.ts`).
 */
export function readChanges(db: RelayDb, query: { cursor: number; partitions: readonly string[] | null; limit: number }): Promise<ChangesPage> {
  // null: every partition (a device serving every region), read straight down the version index.
  const partitions = query.partitions === null ? null : [...new Set([EVERYONE, ...query.partitions])];
  return db.transaction(
    async (tx) => {
      const found = await tx
        .select({ tbl: ledgerRows.tbl, id: ledgerRows.id, version: ledgerRows.version, deleted: ledgerRows.deleted, data: ledgerRows.data })
        .from(ledgerRows)
        .where(partitions === null ? gt(ledgerRows.version, query.cursor) : and(gt(ledgerRows.version, query.cursor), inArray(ledgerRows.partition, partitions)))
        .orderBy(asc(ledgerRows.version))
        .limit(query.limit + 1);
      const hasMore = found.length > query.limit;
      const rows = found.slice(0, query.limit).map((row) => ({ ...row, version: Number(row.version), data: publicData(row.tbl, row.data) }));
      const head = await currentVersion(tx);
      return { rows, cursor: hasMore ? rows[rows.length - 1]!.version : head, hasMore, head };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
