import type Database from 'better-sqlite3';
import { addDays, isoDate, type IsoDate } from '../../src-shared/dates';
import { AppError } from '../../src-shared/errors';

/** The dates every dashboard figure is computed for. */
export interface DashboardPeriod {
  businessDate: IsoDate;
  from: IsoDate;
  to: IsoDate;
  /** The day whose end is the period's start for roll and cure rates. */
  startOn: IsoDate;
  monthStart: IsoDate;
}

/**
 * Resolves the asked range against the business date (the last daily run): by default the
 * business date's month to date; `to` never past the business date, since nothing is known
 * beyond it. The start state is the end of the day before `from`, or the first snapshot's day
 * when history begins later (bucket history starts with the first daily run).
 */
export function resolvePeriod(sqlite: Database.Database, asked: { from?: string | undefined; to?: string | undefined }): DashboardPeriod {
  const lastRun = sqlite.prepare(`SELECT value FROM app_meta WHERE key = 'last_daily_run'`).pluck().get() as string | undefined;
  const businessDate = isoDate(lastRun ?? new Date().toISOString().slice(0, 10));
  const monthStart = isoDate(`${businessDate.slice(0, 8)}01`);
  const from = isoDate(asked.from ?? monthStart);
  if (from > businessDate) throw new AppError('validation', `the period starts after the business date ${businessDate}`, 'from');
  const to = asked.to === undefined || asked.to > businessDate ? businessDate : isoDate(asked.to);
  const firstSnapshot = sqlite.prepare('SELECT min(snapshot_on) FROM dashboard_snapshots').pluck().get() as IsoDate | null;
  const dayBefore = addDays(from, -1);
  const startOn = firstSnapshot !== null && dayBefore < firstSnapshot ? (firstSnapshot < to ? firstSnapshot : to) : dayBefore;
  return { businessDate, from, to, startOn, monthStart };
}

/** The first instant after a business date, for comparing ISO timestamps against a day range. */
export function dayAfter(date: IsoDate): IsoDate {
  return addDays(date, 1);
}
