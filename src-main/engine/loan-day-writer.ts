import type Database from 'better-sqlite3';
import type { IsoDate } from '../../src-shared/dates';
import type { LoanDay } from '../../src-shared/engine/loan-day';
import { stableId } from '../../src-shared/ids';
import type { LoanRecord } from './loan-facts-reader';

export interface RefreshSummary {
  loans: number;
  delinquent: number;
  casesOpened: number;
  casesClosed: number;
  bucketChanges: number;
  promisesJudged: number;
  flagsRaised: number;
  flagsCleared: number;
}

const CASE_COLUMNS = ['severity', 'stage', 'bucket', 'dpd', 'amount_past_due_minor', 'balance_minor', 'nba_action', 'nba_confidence', 'priority_score',
  'first_contact_due_at', 'next_follow_up_due_at', 'sla_breached', 'dispute_flag', 'vulnerability_flag', 'hardship_flag'] as const;

/**
 * Writes one loan's judged day: only rows whose values change are written, and every derived
 * row's id and date come from the loan and as-of, so reruns and other machines write the same.
 */
export function createLoanDayWriter(sqlite: Database.Database, asOf: IsoDate) {
  const summary: RefreshSummary = { loans: 0, delinquent: 0, casesOpened: 0, casesClosed: 0, bucketChanges: 0, promisesJudged: 0, flagsRaised: 0, flagsCleared: 0 };
  const updateLoan = sqlite.prepare('UPDATE loans SET dpd = ?, amount_past_due_minor = ?, balance_minor = ?, bucket = ?, entered_delinquency_on = ? WHERE id = ?');
  const insertBucketEvent = sqlite.prepare('INSERT OR IGNORE INTO bucket_events (id, loan_id, from_bucket, to_bucket, dpd, on_date) VALUES (?, ?, ?, ?, ?, ?)');
  const setPromiseStatus = sqlite.prepare('UPDATE promises SET status = ?, status_changed_on = ? WHERE id = ?');
  const attachPromises = sqlite.prepare('UPDATE promises SET case_id = ? WHERE loan_id = ? AND case_id IS NULL');
  const raiseFlag = sqlite.prepare('INSERT OR IGNORE INTO early_warning_flags (id, loan_id, type, severity, details, raised_on) VALUES (?, ?, ?, ?, ?, ?)');
  const updateFlag = sqlite.prepare('UPDATE early_warning_flags SET severity = ?, details = ? WHERE id = ?');
  const clearFlag = sqlite.prepare('UPDATE early_warning_flags SET cleared_on = ? WHERE id = ?');
  const insertCase = sqlite.prepare(`
    INSERT INTO cases (id, loan_id, episode_started_on, account_number, borrower_name, currency, status, default_type, reason_code, priority, opened_on, created_by,
      ${CASE_COLUMNS.join(', ')})
    VALUES (@id, @loan_id, @episode_started_on, @account_number, @borrower_name, @currency, 'open', @default_type, 'PAST_DUE', 'LOW', @as_of, 'engine',
      ${CASE_COLUMNS.map((column) => `@${column}`).join(', ')})
    ON CONFLICT(id) DO NOTHING`);
  const updateCase = sqlite.prepare(`UPDATE cases SET ${CASE_COLUMNS.map((column) => `${column} = @${column}`).join(', ')} WHERE id = @id`);
  const closeCase = sqlite.prepare(`
    UPDATE cases SET status = 'closed', close_reason = 'cured', closed_on = ?, severity = NULL, stage = NULL, bucket = 'current', dpd = 0,
      amount_past_due_minor = 0, balance_minor = ?, nba_action = NULL, nba_confidence = NULL, first_contact_due_at = NULL, next_follow_up_due_at = NULL,
      sla_breached = 0 WHERE id = ?`);

  function write({ facts, stored }: LoanRecord, day: LoanDay): void {
    const { standing, bucket } = day;
    summary.loans += 1;
    if (standing.dpd > 0) summary.delinquent += 1;
    const entered = standing.dpd > 0 ? (stored.enteredDelinquencyOn ?? day.caseDay?.episodeStartedOn ?? asOf) : null;
    if (stored.dpd !== standing.dpd || stored.amountPastDueMinor !== standing.amountPastDueMinor || stored.balanceMinor !== standing.balanceMinor || stored.bucket !== bucket || stored.enteredDelinquencyOn !== entered) {
      updateLoan.run(standing.dpd, standing.amountPastDueMinor, standing.balanceMinor, bucket, entered, facts.loanId);
    }
    if (bucket !== stored.bucket) {
      summary.bucketChanges += 1;
      insertBucketEvent.run(stableId('bucket_event', facts.loanId, asOf), facts.loanId, stored.bucket, bucket, standing.dpd, asOf);
    }
    for (const change of day.promiseChanges) setPromiseStatus.run(change.status, asOf, change.id);
    summary.promisesJudged += day.promiseChanges.length;
    writeFlags(facts.loanId, stored, day);
    if (day.closesCaseId) {
      closeCase.run(asOf, standing.balanceMinor, day.closesCaseId);
      summary.casesClosed += 1;
    }
    const caseDay = day.caseDay;
    if (!caseDay) return;
    const row = {
      id: caseDay.id,
      severity: caseDay.severity,
      stage: caseDay.stage,
      bucket: caseDay.bucket,
      dpd: standing.dpd,
      amount_past_due_minor: standing.amountPastDueMinor,
      balance_minor: standing.balanceMinor,
      nba_action: caseDay.nba?.action ?? null,
      nba_confidence: caseDay.nba?.confidence ?? null,
      priority_score: caseDay.score,
      first_contact_due_at: caseDay.sla.firstContactDueAt,
      next_follow_up_due_at: caseDay.sla.nextFollowUpDueAt,
      sla_breached: caseDay.sla.breached ? 1 : 0,
      dispute_flag: caseDay.flags.dispute ? 1 : 0,
      vulnerability_flag: caseDay.flags.vulnerability ? 1 : 0,
      hardship_flag: caseDay.flags.hardship ? 1 : 0,
    };
    if (caseDay.opens) {
      insertCase.run({
        ...row, loan_id: facts.loanId, episode_started_on: caseDay.episodeStartedOn, account_number: stored.accountNumber, borrower_name: stored.borrowerName,
        currency: stored.currency, default_type: caseDay.defaultType, as_of: asOf,
      });
      summary.casesOpened += 1;
    } else if (CASE_COLUMNS.some((column) => stored.openCase?.[column] !== row[column])) {
      updateCase.run(row);
    }
    if (facts.promises.some((p) => p.caseId === null)) attachPromises.run(caseDay.id, facts.loanId);
  }

  function writeFlags(loanId: string, stored: LoanRecord['stored'], day: LoanDay): void {
    const raised = new Set(day.flags.map((flag) => flag.type));
    for (const flag of day.flags) {
      const details = JSON.stringify(flag.details);
      const standing = stored.standingFlags.get(flag.type);
      if (!standing) {
        raiseFlag.run(stableId('flag', loanId, flag.type, asOf), loanId, flag.type, flag.severity, details, asOf);
        summary.flagsRaised += 1;
      } else if (standing.severity !== flag.severity || standing.details !== details) {
        updateFlag.run(flag.severity, details, standing.id);
      }
    }
    for (const [type, standing] of stored.standingFlags) {
      if (raised.has(type)) continue;
      clearFlag.run(asOf, standing.id);
      summary.flagsCleared += 1;
    }
  }

  return { write, summary };
}
