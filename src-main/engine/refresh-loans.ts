import type Database from 'better-sqlite3';
import type { IsoDate } from '../../src-shared/dates';
import { evaluateLoanDay } from '../../src-shared/engine/loan-day';
import { readEngineConfig } from './engine-config';
import { readLoanChunks } from './loan-facts-reader';
import { createLoanDayWriter, type RefreshSummary } from './loan-day-writer';

/** Judges every active loan for `asOf` (the pure `evaluateLoanDay`) and writes what changed. */
export function refreshLoans(sqlite: Database.Database, asOf: IsoDate, onProgress?: (done: number) => void): RefreshSummary {
  const writer = createLoanDayWriter(sqlite, asOf);
  for (const chunk of readLoanChunks(sqlite, asOf, readEngineConfig(sqlite))) {
    for (const record of chunk) writer.write(record, evaluateLoanDay(record.facts));
    onProgress?.(writer.summary.loans);
  }
  return writer.summary;
}
