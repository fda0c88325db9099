import type { LedgerData } from '../db/schema';
import { ledgerRows } from '../db/schema';

/** The partition every device may pull. */
export { EVERYONE } from '../../src-shared/sync/partitions';

/** A row as stored in the ledger, with the version its last change got. */
export type LedgerRow = typeof ledgerRows.$inferSelect;

/**
 * A row to write: `tbl` is the desktop table, `data` the whole row with its snake_case column
 * names. A deletion keeps its data as a tombstone so pulls can carry it.
 */
export interface LedgerRowInput {
  tbl: string;
  id: string;
  partition: string;
  data: LedgerData;
  deleted?: boolean;
}
