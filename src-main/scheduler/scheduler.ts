import { Cron } from 'croner';
import { businessDateAt } from '../../src-shared/dates';
import type { EventName, Events } from '../../src-shared/contract';
import { runDaily } from '../engine/daily-run';
import { writeSnapshot } from '../engine/write-snapshot';
import { log } from '../log/logger';
import type { RecoveryService } from '../recovery/recovery-service';
import type { Store } from '../store/open-store';
import { readSchedule, type JobName, type ScheduleConfig } from './schedule-config';

export interface Scheduler {
  config: ScheduleConfig;
  /** Runs a job now, as its timer would, and returns its summary. */
  run(job: JobName, now?: Date): Record<string, unknown>;
  nextRuns(from?: Date): Record<JobName, string | null>;
  stop(): void;
}

/**
 * The desktop's scheduler (croner), for a desktop without a relay: every job judges the business
 * date of its moment in the configured time zone. The daily run is idempotent and plans the
 * day's dunning steps, so the dunning slot, the promise check and the 15-minute case sync are the
 * same run again, picking up what changed since.
 */
export function startScheduler(
  store: Store,
  broadcast: <E extends EventName>(event: E, payload: Events[E]) => void,
  options: { paused?: boolean; recovery?: RecoveryService } = {},
): Scheduler {
  const config = readSchedule(store);
  const daily = (job: JobName) => (now: Date) => ({
    ...runDaily(store, businessDateAt(now, config.timeZone), (loansDone) => broadcast('engine.progress', { job, loansDone, finished: false })),
  });
  const jobs: Record<JobName, (now: Date) => Record<string, unknown>> = {
    delinquency: daily('delinquency'),
    dunning: daily('dunning'),
    promiseCheck: daily('promiseCheck'),
    caseSync: daily('caseSync'),
    snapshot: (now) => {
      const on = businessDateAt(now, config.timeZone);
      store.sqlite.transaction(() => writeSnapshot(store.sqlite, on))();
      return { snapshotOn: on };
    },
  };
  const run = (job: JobName, now = new Date()) => {
    const summary = jobs[job](now);
    broadcast('engine.progress', { job, loansDone: Number(summary.loans ?? 0), finished: true, summary });
    broadcast('cases.changed', { caseIds: [] });
    log.info('scheduled job finished', { job, summary });
    return summary;
  };
  // After the dunning run its planned steps go out; every case sync sends the deferred ones now due.
  const send = async (job: JobName) => {
    if (!options.recovery) return;
    if (job === 'dunning') log.info('dunning sent', await options.recovery.dispatchPlannedDunning());
    if (job === 'dunning' || job === 'caseSync') await options.recovery.runDueActions();
  };
  const timers = (Object.keys(jobs) as JobName[]).map(
    (job) =>
      [
        job,
        new Cron(config[job], { timezone: config.timeZone, paused: options.paused ?? false, protect: true, catch: (error) => log.error('scheduled job failed', { job, error: String(error) }) }, async () => {
          run(job);
          await send(job);
        }),
      ] as const,
  );
  return {
    config,
    run,
    nextRuns: (from = new Date()) => Object.fromEntries(timers.map(([job, timer]) => [job, timer.nextRun(from)?.toISOString() ?? null])) as Record<JobName, string | null>,
    stop: () => timers.forEach(([, timer]) => timer.stop()),
  };
}
