import type Database from 'better-sqlite3';
import type { IsoDate } from '../../src-shared/dates';
import type { SlaConfigs } from '../../src-shared/engine/case-timers';
import { evaluateLoanDay } from '../../src-shared/engine/loan-day';
import { readLoanChunks } from './loan-facts-reader';
import { createLoanDayWriter, type RefreshSummary } from './loan-day-writer';

export function slaConfigs(sqlite: Database.Database): SlaConfigs {
  const rows = sqlite.prepare('SELECT stage, first_contact_hours, follow_up_hours FROM sla_configs').all() as { stage: string; first_contact_hours: number; follow_up_hours: number }[];
  return Object.fromEntries(rows.map((row) => [row.stage, { firstContactHours: row.first_contact_hours, followUpHours: row.follow_up_hours }]));
}

/** Judges every active loan for `asOf` (the pure `evaluateLoanDay`) and writes what changed. */
export function refreshLoans(sqlite: Database.Database, asOf: IsoDate, onProgress?: (done: number) => void): RefreshSummary {
  const writer = createLoanDayWriter(sqlite, asOf);
  for (const chunk of readLoanChunks(sqlite, asOf, slaConfigs(sqlite))) {
    for (const record of chunk) writer.write(record, evaluateLoanDay(record.facts));
    onProgress?.(writer.summary.loans);
  }
  return writer.summary;
}
