import type Database from 'better-sqlite3';
import { addDays, type IsoDate } from '../../src-shared/dates';
import { loanStanding } from '../../src-shared/domain/standing';
import { bucketFor, severityFor, stageFor } from '../../src-shared/domain/classification';
import { priorityScore } from '../../src-shared/domain/priority';
import { stableId } from '../../src-shared/ids';
import { loanChunks } from './load-loan-chunk';

export interface DelinquencySummary {
  loans: number;
  delinquent: number;
  casesOpened: number;
  casesClosed: number;
  bucketChanges: number;
}

interface OpenCase {
  id: string;
  loan_id: string;
  pending_promises: number;
  severity: string | null;
  stage: string | null;
  bucket: string;
  dpd: number;
  amount_past_due_minor: number;
  balance_minor: number;
  priority_score: number;
}

type CaseFields = { severity: string | null; stage: string | null; bucket: string; dpd: number; pastDue: number; balance: number; score: number };

function caseChanged(open: OpenCase, next: CaseFields): boolean {
  return (
    open.severity !== next.severity || open.stage !== next.stage || open.bucket !== next.bucket || open.dpd !== next.dpd ||
    open.amount_past_due_minor !== next.pastDue || open.balance_minor !== next.balance || open.priority_score !== next.score
  );
}

/**
 * Recomputes every active loan as of `asOf` and keeps one case per delinquency episode: opened
 * when DPD reaches 1 (or a covenant breach stands), closed as cured when DPD is back to 0 with no
 * breach and no pending promise. Ids and dates come from the loan and as-of only, so every
 * machine that runs this on the same ledger writes the same rows.
 */
export function refreshDelinquency(sqlite: Database.Database, asOf: IsoDate): DelinquencySummary {
  const summary: DelinquencySummary = { loans: 0, delinquent: 0, casesOpened: 0, casesClosed: 0, bucketChanges: 0 };
  const updateLoan = sqlite.prepare(`UPDATE loans SET dpd = ?, amount_past_due_minor = ?, balance_minor = ?, bucket = ?, entered_delinquency_on = ? WHERE id = ?`);
  const insertBucketEvent = sqlite.prepare(`INSERT OR IGNORE INTO bucket_events (id, loan_id, from_bucket, to_bucket, dpd, on_date) VALUES (?, ?, ?, ?, ?, ?)`);
  const openCasesBetween = sqlite.prepare(`
    SELECT c.id, c.loan_id, c.severity, c.stage, c.bucket, c.dpd, c.amount_past_due_minor, c.balance_minor, c.priority_score,
      (SELECT count(*) FROM promises p WHERE p.case_id = c.id AND p.status = 'pending') AS pending_promises
    FROM cases c WHERE c.active = 1 AND c.loan_id >= ? AND c.loan_id <= ?`);
  const insertCase = sqlite.prepare(`
    INSERT INTO cases (id, loan_id, episode_started_on, account_number, borrower_name, currency, status, default_type, severity, stage, bucket, dpd,
      amount_past_due_minor, balance_minor, priority, priority_score, reason_code, opened_on, created_by)
    VALUES (@id, @loanId, @episode, @account, @name, @currency, 'open', @defaultType, @severity, @stage, @bucket, @dpd, @pastDue, @balance, 'LOW', @score, 'PAST_DUE', @asOf, 'engine')
    ON CONFLICT(id) DO NOTHING`);
  const updateCase = sqlite.prepare(`
    UPDATE cases SET severity = @severity, stage = @stage, bucket = @bucket, dpd = @dpd, amount_past_due_minor = @pastDue, balance_minor = @balance,
      priority_score = @score WHERE id = @id`);
  // Promises imported without a case join the case of their loan's current episode.
  const attachPromises = sqlite.prepare(`UPDATE promises SET case_id = ? WHERE loan_id = ? AND case_id IS NULL AND status = 'pending'`);
  const unattachedBetween = sqlite.prepare(`SELECT DISTINCT loan_id FROM promises WHERE case_id IS NULL AND loan_id >= ? AND loan_id <= ?`).pluck();
  const closeCase = sqlite.prepare(`
    UPDATE cases SET status = 'closed', close_reason = 'cured', closed_on = @asOf, severity = NULL, stage = NULL, bucket = 'current', dpd = 0,
      amount_past_due_minor = 0, balance_minor = @balance, nba_action = NULL, nba_confidence = NULL WHERE id = @id`);

  for (const chunk of loanChunks(sqlite, asOf)) {
    const openCases = new Map<string, OpenCase>();
    const [first, last] = [chunk[0]!.id, chunk[chunk.length - 1]!.id];
    for (const open of openCasesBetween.all(first, last) as OpenCase[]) openCases.set(open.loan_id, open);
    const withUnattachedPromises = new Set(unattachedBetween.all(first, last) as string[]);
    for (const loan of chunk) {
      summary.loans += 1;
      const position = loanStanding(loan.installments, loan.payments, asOf);
      const bucket = bucketFor(position.dpd);
      const episodeStart = position.oldestPastDueOn ? addDays(position.oldestPastDueOn, 1) : null;
      const entered = position.dpd > 0 ? (loan.stored.enteredDelinquencyOn ?? episodeStart) : null;
      const stored = loan.stored;
      if (stored.dpd !== position.dpd || stored.amountPastDueMinor !== position.amountPastDueMinor || stored.balanceMinor !== position.balanceMinor || stored.bucket !== bucket || stored.enteredDelinquencyOn !== entered) {
        updateLoan.run(position.dpd, position.amountPastDueMinor, position.balanceMinor, bucket, entered, loan.id);
      }
      if (bucket !== stored.bucket) {
        summary.bucketChanges += 1;
        insertBucketEvent.run(stableId('bucket_event', loan.id, asOf), loan.id, stored.bucket, bucket, position.dpd, asOf);
      }
      const inDefault = position.dpd > 0 || loan.covenantBreach;
      if (position.dpd > 0) summary.delinquent += 1;
      const open = openCases.get(loan.id);
      if (open && withUnattachedPromises.has(loan.id)) open.pending_promises += attachPromises.run(open.id, loan.id).changes;
      const fields: CaseFields = {
        severity: severityFor(position.dpd, loan.covenantBreach),
        stage: stageFor(position.dpd),
        bucket,
        dpd: position.dpd,
        pastDue: position.amountPastDueMinor,
        balance: position.balanceMinor,
        score: priorityScore({ dpd: position.dpd, balanceMinor: position.balanceMinor, brokenPromises: 0, slaBreached: false }),
      };
      if (open && !inDefault && open.pending_promises === 0) {
        closeCase.run({ id: open.id, balance: position.balanceMinor, asOf });
        summary.casesClosed += 1;
      } else if (open) {
        if (caseChanged(open, fields)) updateCase.run({ ...fields, id: open.id });
      } else if (inDefault) {
        const episode = episodeStart ?? asOf;
        const caseId = stableId('case', loan.id, episode);
        insertCase.run({
          ...fields,
          asOf,
          id: caseId,
          loanId: loan.id,
          episode,
          account: loan.accountNumber,
          name: loan.borrowerName,
          currency: loan.currency,
          defaultType: position.dpd > 0 ? 'payment_default' : 'covenant_breach',
        });
        if (withUnattachedPromises.has(loan.id)) attachPromises.run(caseId, loan.id);
        summary.casesOpened += 1;
      }
    }
  }
  return summary;
}
