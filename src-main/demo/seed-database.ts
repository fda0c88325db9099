import { addDays, type IsoDate } from '../../src-shared/dates';
import { runDaily, type DailyRunSummary } from '../engine/daily-run';
import { prepareAgentWork } from '../seed/agent-work';
import { generatePortfolio } from '../seed/generate-portfolio';
import type { Store } from '../store/open-store';

export const SNAPSHOT_DAYS = 30;

export interface SeedOptions {
  loans: number;
  seed: number;
  asOf: IsoDate;
  onProgress?: (message: string) => void;
}

/**
 * Fills an empty store with the demo portfolio and runs the daily run for each of the 30 days up
 * to as-of, so the store is left as after that day's run with 30 days of snapshots behind it.
 * The agents' calls and promises of each day before as-of are logged before that day's run, so
 * the engine judges the promises as the days pass, as it would real ones.
 */
export function seedDatabase(store: Store, options: SeedOptions): { portfolio: ReturnType<typeof generatePortfolio>; lastRun: DailyRunSummary } {
  const existing = store.sqlite.prepare('SELECT count(*) FROM loans').pluck().get() as number;
  if (existing > 0) throw new Error(`${store.path} already holds ${existing} loans; seed an empty database`);
  const portfolio = generatePortfolio(store, { loans: options.loans, seed: options.seed, asOf: options.asOf });
  options.onProgress?.(`generated ${portfolio.loans} loans`);
  const workDay = prepareAgentWork(store.sqlite, options.seed);
  let lastRun: DailyRunSummary | undefined;
  for (let day = SNAPSHOT_DAYS - 1; day >= 0; day -= 1) {
    const asOf = addDays(options.asOf, -day);
    // Not on the as-of day itself: a demo is seeded as of today, and today's calls would lie
    // ahead of the clock (newest first in the activity log, counted by the gate before they happen).
    const worked = day > 0 ? workDay(asOf) : { calls: 0, promises: 0 };
    lastRun = runDaily(store, asOf);
    options.onProgress?.(`daily run ${lastRun.asOf}: ${worked.calls} agent calls, ${worked.promises} promises, ${lastRun.delinquent} delinquent`);
  }
  return { portfolio, lastRun: lastRun! };
}

export function todayUtc(): IsoDate {
  return new Date().toISOString().slice(0, 10) as IsoDate;
}
