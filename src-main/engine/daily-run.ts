import type { IsoDate } from '../../src-shared/dates';
import { asSystemCommands } from '../sync/system-commands';
import { settleAcceptedOffers } from '../settlements/settle-accepted';
import type { Store } from '../store/open-store';
import { assignQueues } from './assign-queues';
import { rankPriorities } from './rank-priorities';
import type { RefreshSummary } from './loan-day-writer';
import { refreshLoans } from './refresh-loans';
import { writeSnapshot } from './write-snapshot';

export interface DailyRunSummary extends RefreshSummary {
  asOf: IsoDate;
  queueAssignments: number;
  settlementsSettled: number;
  settlementsExpired: number;
}

export interface DailyRunOptions {
  onProgress?: (loansDone: number) => void;
  /**
   * The engine host of a relay (DESIGN §3: with a relay, the relay runs the engine): every row the
   * run writes is captured and queued as the system's `engine.dailyRun` commands, in parts, so the
   * derived rows reach the ledger and every desktop by sync.
   */
  push?: boolean;
}

/**
 * The daily run for one as-of date, in one transaction: a crash leaves the previous day's state
 * whole. It depends only on the ledger and the date, so running it twice changes nothing.
 */
export function runDaily(store: Store, asOf: IsoDate, options: DailyRunOptions = {}): DailyRunSummary {
  const { onProgress } = options;
  const run = (): DailyRunSummary => {
    const delinquency = refreshLoans(store.sqlite, asOf, onProgress);
    const settlements = settleAcceptedOffers(store.sqlite, asOf);
    const queueAssignments = assignQueues(store.sqlite);
    rankPriorities(store.sqlite);
    writeSnapshot(store.sqlite, asOf);
    store.sqlite.prepare(`INSERT INTO app_meta (key, value) VALUES ('last_daily_run', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(asOf);
    return { asOf, ...delinquency, queueAssignments, settlementsSettled: settlements.settled, settlementsExpired: settlements.expired };
  };
  return store.sqlite.transaction(() => (options.push ? asSystemCommands(store, 'engine.dailyRun', { asOf }, run) : run())).immediate();
}

