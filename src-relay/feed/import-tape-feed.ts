import type { TapeImportProgress } from '../../src-shared/contract';
import type { DatabaseTarget } from '../config';
import type { RelayDb } from '../db/relay-database';
import { applyFeedRows, type AppliedFeed } from './apply-feed-rows';
import { FeedRejected } from './feed-rejected';
import { feedReplica, feedReplicaDir } from './feed-replica';
import { withReplicaLock } from './replica-lock';
import { runFeedHost, type TapeSummary } from './run-feed-host';

export interface TapeFeedContext {
  db: RelayDb;
  /** Which ledger, to find its replica. */
  target: DatabaseTarget;
  /** Where the feed host pulls the ledger from: this relay. */
  relayUrl: string;
}

export type ImportedTape = AppliedFeed & { summary: TapeSummary };

/** One import at a time per replica in this process: the replica is one SQLite file. */
const running = new Map<string, Promise<unknown>>();

function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const next = (running.get(key) ?? Promise.resolve()).then(work, work);
  const settled = next.catch(() => undefined);
  running.set(key, settled);
  void settled.then(() => {
    if (running.get(key) === settled) running.delete(key);
  });
  return next;
}

/**
 * Imports the loan tape in `tapeDir` (DESIGN §4) into the ledger: the desktop's importer checks
 * and writes it on the feed's replica (src-main/feed-host), and the rows it wrote are applied to
 * the ledger in one transaction, from where they reach the desktops by sync. A bad tape throws
 * `FeedRejected` with every `file:line: why`, and the ledger is untouched; re-importing a tape
 * writes nothing new.
 */
export function importTapeFeed(context: TapeFeedContext, tapeDir: string, onProgress?: (progress: TapeImportProgress) => void): Promise<ImportedTape> {
  const dir = feedReplicaDir(context.target);
  return oneAtATime(dir, () =>
    withReplicaLock(dir, async () => {
      const replica = await feedReplica(context.db, dir);
      const result = await runFeedHost(replica, context.relayUrl, tapeDir, onProgress);
      if (!result.ok) throw new FeedRejected('tape', result.errors);
      return { summary: result.summary, ...(await applyFeedRows(context.db, 'tape', result.changes)) };
    }),
  );
}
