import { Cron } from 'croner';
import { DAILY_JOBS, type DailyJob, type ScheduleInput, type ScheduleView } from '../../src-shared/contract';
import { readSchedule, saveSchedule, type ScheduleConfig } from '../scheduler/schedule-config';
import type { Store } from '../store/open-store';

const DAILY_PATTERN = /^(\d{1,2}) (\d{1,2}) \* \* \*$/;
const EVERY_MINUTES = /^\*\/(\d{1,2}) \* \* \* \*$/;

/** `30 2 * * *` → `02:30`; null for any pattern that is not once a day at a fixed time. */
function timeOf(pattern: string): string | null {
  const match = DAILY_PATTERN.exec(pattern);
  if (!match) return null;
  return `${match[2]!.padStart(2, '0')}:${match[1]!.padStart(2, '0')}`;
}

function dailyPattern(time: string): string {
  const [hours, minutes] = time.split(':').map(Number);
  return `${minutes} ${hours} * * *`;
}

function minutesOf(pattern: string): number | null {
  if (pattern === '0 * * * *') return 60;
  const match = EVERY_MINUTES.exec(pattern);
  return match ? Number(match[1]) : null;
}

export function scheduleView(config: ScheduleConfig, from = new Date()): ScheduleView {
  const next = (pattern: string) => new Cron(pattern, { timezone: config.timeZone, paused: true }).nextRun(from)?.toISOString() ?? null;
  const jobs = [...DAILY_JOBS, 'caseSync'] as const;
  return {
    times: Object.fromEntries(DAILY_JOBS.map((job) => [job, timeOf(config[job])])) as Record<DailyJob, string | null>,
    patterns: Object.fromEntries(jobs.map((job) => [job, config[job]])) as ScheduleView['patterns'],
    caseSyncMinutes: minutesOf(config.caseSync),
    timeZone: config.timeZone,
    nextRuns: Object.fromEntries(jobs.map((job) => [job, next(config[job])])) as ScheduleView['nextRuns'],
  };
}

/** The administrator's times as the scheduler's cron patterns, saved and applied to the running scheduler. */
export function saveScheduleTimes(store: Store, input: ScheduleInput): ScheduleView {
  const saved = saveSchedule(store, {
    delinquency: dailyPattern(input.delinquency),
    dunning: dailyPattern(input.dunning),
    promiseCheck: dailyPattern(input.promiseCheck),
    snapshot: dailyPattern(input.snapshot),
    caseSync: input.caseSyncMinutes === 60 ? '0 * * * *' : `*/${input.caseSyncMinutes} * * * *`,
    timeZone: input.timeZone,
  });
  return scheduleView(saved);
}

export function currentSchedule(store: Store): ScheduleView {
  return scheduleView(readSchedule(store));
}
