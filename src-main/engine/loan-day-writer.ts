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
  dunningPlanned: number;
  dunningSuppressed: number;
  preDelinquencyFired: number;
  feesAssessed: number;
  nonAccrualEntered: number;
  nonAccrualCleared: number;
}

const CASE_COLUMNS = ['severity', 'stage', 'bucket', 'dpd', 'amount_past_due_minor', 'balance_minor', 'nba_action', 'nba_confidence', 'priority_score',
  'first_contact_due_at', 'next_follow_up_due_at', 'sla_breached', 'dispute_flag', 'vulnerability_flag', 'hardship_flag'] as const;

/**
 * Writes one loan's judged day: only rows whose values change are written, and every derived
 * row's id and date come from the loan and as-of, so reruns and other machines write the same.
 */
export function createLoanDayWriter(sqlite: Database.Database, asOf: IsoDate) {
  const summary: RefreshSummary = { loans: 0, delinquent: 0, casesOpened: 0, casesClosed: 0, bucketChanges: 0, promisesJudged: 0, flagsRaised: 0, flagsCleared: 0, dunningPlanned: 0, dunningSuppressed: 0, preDelinquencyFired: 0, feesAssessed: 0, nonAccrualEntered: 0, nonAccrualCleared: 0 };
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
  const insertDunning = sqlite.prepare(`INSERT OR IGNORE INTO dunning_events (id, loan_id, case_id, step_id, kind, installment_seq, planned_on, status, reason)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertTask = sqlite.prepare('INSERT OR IGNORE INTO tasks (id, case_id, loan_id, assigned_to, due_on, title, source) VALUES (?, ?, ?, ?, ?, ?, ?)');
  // Seed 000's escalation goes to a supervisor: the first active one, so every machine picks the same.
  const escalationSupervisor = sqlite.prepare(`SELECT id FROM users WHERE role = 'supervisor' AND active = 1 ORDER BY id LIMIT 1`).pluck().get() as string | undefined;
  const insertFee = sqlite.prepare(`INSERT OR IGNORE INTO fee_records (id, loan_id, installment_seq, kind, amount_minor, assessed_on) VALUES (?, ?, ?, 'late_fee', ?, ?)`);
  const setNonAccrual = sqlite.prepare('UPDATE loans SET is_non_accrual = ? WHERE id = ?');
  const insertGl = sqlite.prepare(`INSERT OR IGNORE INTO gl_entries (id, loan_id, posted_on, debit_account, credit_account, amount_minor, currency, memo) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
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
    for (const fee of day.newFees) insertFee.run(stableId('fee', facts.loanId, fee.seq, 'late_fee'), facts.loanId, fee.seq, fee.amountMinor, fee.assessedOn);
    summary.feesAssessed += day.newFees.length;
    if (day.nonAccrual.enter) {
      setNonAccrual.run(1, facts.loanId);
      summary.nonAccrualEntered += 1;
      const reversed = day.nonAccrual.enter.reversedInterestMinor;
      if (reversed > 0) {
        insertGl.run(stableId('gl', 'non_accrual', facts.loanId, asOf), facts.loanId, asOf, 'interest_income', 'interest_receivable', reversed, stored.currency,
          `non-accrual at ${standing.dpd} DPD: uncollected interest on past-due installments reversed`);
      }
    } else if (day.nonAccrual.clear) {
      setNonAccrual.run(0, facts.loanId);
      summary.nonAccrualCleared += 1;
    }
    for (const reminder of day.preDelinquency) {
      const id = stableId('pre_delinquency', facts.loanId, reminder.ruleId, reminder.seq);
      // A task reminder is done once its task exists; a message waits for the sender.
      insertDunning.run(id, facts.loanId, null, reminder.ruleId, 'pre_delinquency', reminder.seq, asOf, reminder.action === 'create_task' ? 'sent' : 'planned', null);
      if (reminder.action === 'create_task') insertTask.run(id, null, facts.loanId, null, asOf, `Installment ${reminder.seq} falls due on ${reminder.dueOn}: remind the borrower`, 'pre_delinquency');
      summary.preDelinquencyFired += 1;
    }
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
    for (const decision of caseDay.dunning) {
      insertDunning.run(stableId('dunning', caseDay.id, decision.stepId), facts.loanId, caseDay.id, decision.stepId, 'dunning', null, asOf, decision.status, decision.reason);
      if (decision.status === 'planned') summary.dunningPlanned += 1;
      if (decision.status === 'suppressed') summary.dunningSuppressed += 1;
      if (decision.escalate) {
        insertTask.run(stableId('task', 'escalation', caseDay.id), caseDay.id, facts.loanId, escalationSupervisor ?? null, asOf, `Escalated at ${standing.dpd} days past due: review the case`, 'strategy');
      }
    }
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
