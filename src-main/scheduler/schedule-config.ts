import { Cron } from 'croner';
import { z } from 'zod';
import { AppError } from '../../src-shared/errors';
import type { Store } from '../store/open-store';

/**
 * When the scheduled jobs run (cron, in the business time zone). Seed 002/003's times: the
 * delinquency run at 02:30, dunning at 04:00, the promise check at 08:30, the snapshot at 23:55,
 * and the case sync every 15 minutes.
 */
export const DEFAULT_SCHEDULE = {
  delinquency: '30 2 * * *',
  dunning: '0 4 * * *',
  promiseCheck: '30 8 * * *',
  snapshot: '55 23 * * *',
  caseSync: '*/15 * * * *',
} as const;

export type JobName = keyof typeof DEFAULT_SCHEDULE;

const cron = z.string().refine((pattern) => {
  try {
    new Cron(pattern, { paused: true });
    return true;
  } catch {
    return false;
  }
}, 'is not a valid cron pattern');

export const scheduleSchema = z
  .object({
    delinquency: cron,
    dunning: cron,
    promiseCheck: cron,
    snapshot: cron,
    caseSync: cron,
    timeZone: z.string().refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'is not an IANA time zone'),
  })
  .strict();

export type ScheduleConfig = z.infer<typeof scheduleSchema>;

/** The schedule stored under `app_meta.schedule`, over the defaults and this machine's time zone. */
export function readSchedule(store: Store): ScheduleConfig {
  const stored = store.sqlite.prepare(`SELECT value FROM app_meta WHERE key = 'schedule'`).pluck().get() as string | undefined;
  const merged = { ...DEFAULT_SCHEDULE, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, ...(stored ? (JSON.parse(stored) as object) : {}) };
  const parsed = scheduleSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('validation', `the stored schedule is invalid: ${issue.path.join('.')} ${issue.message}`, issue.path.join('.'));
  }
  return parsed.data;
}

type ScheduleListener = (config: ScheduleConfig) => void;
const listeners = new WeakMap<Store, Set<ScheduleListener>>();

/** Calls `listener` with the new schedule each time one is saved in this store; returns the unsubscribe. */
export function onScheduleSaved(store: Store, listener: ScheduleListener): () => void {
  const set = listeners.get(store) ?? new Set<ScheduleListener>();
  listeners.set(store, set);
  set.add(listener);
  return () => set.delete(listener);
}

/** Stores a schedule (checked whole first) under `app_meta.schedule` and tells the running scheduler. */
export function saveSchedule(store: Store, config: ScheduleConfig): ScheduleConfig {
  const parsed = scheduleSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('validation', `${issue.path.join('.')} ${issue.message}`, issue.path.join('.'));
  }
  store.sqlite.prepare(`INSERT INTO app_meta (key, value) VALUES ('schedule', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(JSON.stringify(parsed.data));
  listeners.get(store)?.forEach((listener) => listener(parsed.data));
  return parsed.data;
}
