import { Cron } from 'croner';
import { businessDateAt, type IsoDate } from '../../src-shared/dates';
import type { EventName, Events } from '../../src-shared/contract';
import { runDaily } from '../engine/daily-run';
import { writeSnapshot } from '../engine/write-snapshot';
import { asSystemCommands } from '../sync/system-commands';
import { log } from '../log/logger';
import type { Communications } from '../communications/communications';
import type { Store } from '../store/open-store';
import { onScheduleSaved, readSchedule, type JobName, type ScheduleConfig } from './schedule-config';

export interface Scheduler {
  /** The schedule the timers follow now; a saved schedule replaces it at once. */
  readonly config: ScheduleConfig;
  /** Runs a job now, as its timer would, and returns its summary. */
  run(job: JobName, now?: Date): Record<string, unknown>;
  nextRuns(from?: Date): Record<JobName, string | null>;
  stop(): void;
}

/**
 * The daily run as one of the scheduler's jobs, reporting its progress to the windows; skipped on a
 * desktop whose relay's engine host runs it.
 */
export function runDailyJob(
  store: Store,
  broadcast: <E extends EventName>(event: E, payload: Events[E]) => void,
  { job, asOf, mode }: { job: string; asOf: IsoDate; mode: 'local' | 'relay' | 'host' },
): Record<string, unknown> {
  if (mode === 'relay') return { skipped: 'the relay’s engine host runs the daily run' };
  const loansTotal = store.sqlite.prepare('SELECT count(*) FROM loans').pluck().get() as number;
  const onProgress = (loansDone: number) => broadcast('engine.progress', { job, loansDone, loansTotal, finished: false });
  return { ...runDaily(store, asOf, { push: mode === 'host', onProgress }) };
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
  options: {
    paused?: boolean;
    communications?: Communications;
    twilioPollPattern?: string;
    /**
     * Who runs the engine (DESIGN §3): `local` without a relay; `relay` on a desktop connected to
     * one (the relay's engine host runs it and the rows arrive by sync); `host` on that engine host,
     * which pushes what each run writes.
     */
    engineMode?: () => 'local' | 'relay' | 'host';
  } = {},
): Scheduler {
  let config = readSchedule(store);
  const daily = (job: JobName) => (now: Date): Record<string, unknown> =>
    runDailyJob(store, broadcast, { job, asOf: businessDateAt(now, config.timeZone), mode: options.engineMode?.() ?? 'local' });
  const jobs: Record<JobName, (now: Date) => Record<string, unknown>> = {
    delinquency: daily('delinquency'),
    dunning: daily('dunning'),
    promiseCheck: daily('promiseCheck'),
    caseSync: daily('caseSync'),
    snapshot: (now) => {
      const mode = options.engineMode?.() ?? 'local';
      if (mode === 'relay') return { skipped: 'the relay’s engine host writes the snapshot' };
      const on = businessDateAt(now, config.timeZone);
      const write = () => writeSnapshot(store.sqlite, on);
      store.sqlite.transaction(() => (mode === 'host' ? asSystemCommands(store, 'engine.snapshot', { on }, write) : write()))();
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
  // After the dunning run its planned steps and reminders go out; every case sync sends the deferred ones now due.
  // With a relay only its engine host acts as the system (DESIGN §3, Trust), so it alone sends them.
  const send = async (job: JobName) => {
    const recovery = options.communications?.recovery;
    if (!recovery || options.engineMode?.() === 'relay') return;
    if (job === 'dunning') log.info('dunning sent', await recovery.dispatchPlannedDunning());
    if (job === 'dunning' || job === 'caseSync') {
      await recovery.runDueActions();
      log.info('pre-delinquency reminders sent', await recovery.dispatchPreDelinquency());
      broadcast('cases.changed', { caseIds: [] });
    }
  };
  // Without Twilio calling a relay back, ask Twilio for delivery statuses and replies instead (DESIGN §3); asked each time, since settings change.
  const communications = options.communications;
  const poller = communications
    ? new Cron(options.twilioPollPattern ?? '*/10 * * * * *', { paused: options.paused ?? false, protect: true, catch: (error) => log.error('twilio poll failed', { error: String(error) }) }, async () => {
        if (communications.status().statusSource !== 'polling') return;
        const polled = await communications.pollTwilio();
        if (polled.statuses + polled.replies > 0) broadcast('cases.changed', { caseIds: [] });
      })
    : null;
  const startTimers = () =>
    (Object.keys(jobs) as JobName[]).map(
      (job) =>
        [
          job,
          new Cron(config[job], { timezone: config.timeZone, paused: options.paused ?? false, protect: true, catch: (error) => log.error('scheduled job failed', { job, error: String(error) }) }, async () => {
            run(job);
            await send(job);
          }),
        ] as const,
    );
  let timers = startTimers();
  // An administrator saved new times: the old timers stop and new ones start, without a restart.
  const unsubscribe = onScheduleSaved(store, (saved) => {
    timers.forEach(([, timer]) => timer.stop());
    config = saved;
    timers = startTimers();
    log.info('schedule changed', { schedule: saved });
  });
  return {
    get config() {
      return config;
    },
    run,
    nextRuns: (from = new Date()) => Object.fromEntries(timers.map(([job, timer]) => [job, timer.nextRun(from)?.toISOString() ?? null])) as Record<JobName, string | null>,
    stop: () => {
      unsubscribe();
      timers.forEach(([, timer]) => timer.stop());
      poller?.stop();
    },
  };
}
