import type Database from 'better-sqlite3';
import { AppError } from '../../src-shared/errors';

export interface CaseRecord {
  id: string;
  loan_id: string;
  status: string;
  active: number;
  dpd: number;
  balance_minor: number;
  currency: string;
  assigned_agent_id: string | null;
  episode_started_on: string;
}

/** The case a command acts on, or a not_found error naming the field. */
export function requireCase(sqlite: Database.Database, caseId: string, field = 'caseId'): CaseRecord & Record<string, unknown> {
  const row = sqlite.prepare('SELECT * FROM cases WHERE id = ?').get(caseId) as (CaseRecord & Record<string, unknown>) | undefined;
  if (!row) throw new AppError('not_found', `no case ${caseId}`, field);
  return row;
}

/** Refuses a change to a case that is no longer active (closed, settled, written off). */
export function requireActiveCase(sqlite: Database.Database, caseId: string, field = 'caseId'): CaseRecord & Record<string, unknown> {
  const row = requireCase(sqlite, caseId, field);
  if (!row.active) throw new AppError('conflict', `case ${caseId} is ${row.status}; reopen it first`, field);
  return row;
}
