import { z } from 'zod';
import { defineChannel } from './define-channel';

/**
 * When the scheduler's jobs run on this desktop (a per-install setting: with a relay, the engine
 * host beside it runs the daily jobs on its own schedule).
 */

export const DAILY_JOBS = ['delinquency', 'dunning', 'promiseCheck', 'snapshot'] as const;
export type DailyJob = (typeof DAILY_JOBS)[number];
/** How often the case sync may run: minute steps that divide the hour evenly. */
export const CASE_SYNC_MINUTES = [5, 10, 15, 20, 30, 60] as const;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'is a 24-hour time such as 02:30');

export const ScheduleInput = z
  .object({
    delinquency: clock,
    dunning: clock,
    promiseCheck: clock,
    snapshot: clock,
    caseSyncMinutes: z.number().int().refine((minutes) => (CASE_SYNC_MINUTES as readonly number[]).includes(minutes), `is one of ${CASE_SYNC_MINUTES.join(', ')} minutes`),
    timeZone: z.string().min(1).max(64),
  })
  .strict();
export type ScheduleInput = z.infer<typeof ScheduleInput>;

export interface ScheduleView {
  /** Each daily job's local time, or null when its stored pattern is not a once-a-day time (set by hand). */
  times: Record<DailyJob, string | null>;
  /** The stored cron patterns, as the scheduler runs them. */
  patterns: Record<DailyJob | 'caseSync', string>;
  caseSyncMinutes: number | null;
  timeZone: string;
  /** When each job runs next (ISO instants). */
  nextRuns: Record<DailyJob | 'caseSync', string | null>;
}

export const settingsScheduleChannels = {
  'settings.schedule': defineChannel<ScheduleView>()({ input: z.object({}).strict(), permission: 'view_dashboard', kind: 'query' }),
  /** Saves the times; the running scheduler moves its timers at once. */
  'settings.saveSchedule': defineChannel<ScheduleView>()({ input: ScheduleInput, permission: 'admin_settings', kind: 'command' }),
};
