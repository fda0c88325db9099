import { AppError } from '../../src-shared/errors';
import type { Permission } from '../../src-shared/roles';
import type { RowChange } from '../../src-shared/sync/protocol';
import type { RelayDb, RelayTx } from '../db/relay-database';
import { writeRows } from '../ledger';
import { currentVersion, lockLedgerClock } from '../ledger/ledger-clock';
import { partitionsOf } from '../ledger/partition-of';
import { storedRows } from '../ledger/stored-rows';
import { log } from '../log';
import { referenceProblem } from '../sync/check-references';
import { planChanges } from '../sync/plan-changes';

/**
 * What the feed may change: the loan book, and the product codes a tape names for the first time
 * (configuration, so it needs the admin's permission). Every other table rule binds it as it binds
 * a desktop's command: lifecycle statuses only move forward, records are written once.
 */
const FEED_PERMISSIONS: readonly Permission[] = ['admin_settings'];

export interface AppliedFeed {
  /** Rows that changed in the ledger; rows the feed left as they were get no new version. */
  rowsWritten: number;
  /** The ledger's version after the feed; desktops pulling past it have every row. */
  version: number;
}

/**
 * Applies the feed's row changes in one transaction holding the ledger clock, the way a pushed
 * command is applied (merged onto the ledger's rows, checked against the replica's schema and
 * references, judged by the table rules, placed in their borrowers' regions, versioned), but all
 * of them at once: a feed is all or nothing however many rows it carries. A change the rules
 * refuse refuses the feed and nothing is written.
 */
export function applyFeedRows(db: RelayDb, source: string, changes: readonly RowChange[]): Promise<AppliedFeed> {
  return db.transaction(async (tx) => {
    await lockLedgerClock(tx);
    return writeFeedChanges(tx, source, changes);
  });
}

/** `applyFeedRows` inside the caller's transaction, which already holds the ledger clock. */
export async function writeFeedChanges(tx: RelayTx, source: string, changes: readonly RowChange[]): Promise<AppliedFeed> {
  const stored = await storedRows(tx, changes);
  const plan = planChanges(changes, stored, FEED_PERMISSIONS, null);
  if (!plan.ok) throw new AppError('conflict', `the ledger refused the ${source}: ${plan.reason}`);
  const unresolved = await referenceProblem(tx, plan.writes);
  if (unresolved !== null) throw new AppError('conflict', `the ledger refused the ${source}: ${unresolved}`);
  const partitions = await partitionsOf(tx, plan.writes);
  const written = await writeRows(tx, plan.writes.map((write, index) => ({ ...write, partition: partitions[index]! })));
  const version = await currentVersion(tx);
  log.info('feed applied', { source, changes: changes.length, rowsWritten: written.length, version });
  return { rowsWritten: written.length, version };
}
