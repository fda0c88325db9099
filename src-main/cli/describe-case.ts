import type { IsoDate } from '../../src-shared/dates';
import { assessLoan, type InstallmentDue, type PaymentMade } from '../../src-shared/domain/allocation';
import { bucketFor, severityFor, stageFor } from '../../src-shared/domain/classification';
import { AppError } from '../../src-shared/errors';
import type { Store } from '../store/open-store';

/**
 * The `case` command's view of a loan (DESIGN §4): as of the last daily run, or recomputed for
 * `asOf` without writing anything.
 */
export function describeCase(store: Store, accountNumber: string, asOf?: IsoDate) {
  const loan = store.sqlite.prepare(`SELECT id, account_number, dpd, amount_past_due_minor, balance_minor, bucket, risk_status,
    (SELECT value FROM app_meta WHERE key = 'last_daily_run') AS as_of FROM loans WHERE account_number = ?`).get(accountNumber) as
    | { id: string; account_number: string; dpd: number; amount_past_due_minor: number; balance_minor: number; bucket: string; risk_status: string | null; as_of: IsoDate | null }
    | undefined;
  if (!loan) throw new AppError('not_found', `no loan with account number ${accountNumber}`);
  const openCase = store.sqlite.prepare('SELECT id, nba_action, nba_confidence FROM cases WHERE loan_id = ? ORDER BY active DESC, opened_on DESC LIMIT 1').get(loan.id) as
    | { id: string; nba_action: string | null; nba_confidence: number | null }
    | undefined;
  let position = { dpd: loan.dpd, amountPastDueMinor: loan.amount_past_due_minor, balanceMinor: loan.balance_minor };
  if (asOf) {
    const installments = store.sqlite
      .prepare(`SELECT seq, unixepoch(due_on) / 86400 AS dueDay, principal_due_minor AS principalMinor, interest_due_minor AS interestMinor,
        fees_due_minor + coalesce((SELECT sum(f.amount_minor) FROM fee_records f WHERE f.installment_id = installments.id AND f.assessed_on <= ?), 0) AS feesMinor
        FROM installments WHERE loan_id = ?`)
      .all(asOf, loan.id) as InstallmentDue[];
    const payments = store.sqlite.prepare('SELECT unixepoch(paid_on) / 86400 AS paidDay, amount_minor AS amountMinor FROM payments WHERE loan_id = ?').all(loan.id) as PaymentMade[];
    position = assessLoan(installments, payments, asOf);
  }
  const breach = loan.risk_status === 'BREACH';
  const flags = store.sqlite
    .prepare('SELECT type, severity, details FROM early_warning_flags WHERE loan_id = ? AND cleared_on IS NULL ORDER BY type')
    .all(loan.id) as { type: string; severity: string; details: string }[];
  const promises = store.sqlite.prepare('SELECT due_on, amount_minor AS amount, status FROM promises WHERE loan_id = ? ORDER BY created_on, due_on, id').all(loan.id);
  return {
    account_number: loan.account_number,
    as_of: asOf ?? loan.as_of,
    dpd: position.dpd,
    amount_past_due: position.amountPastDueMinor,
    balance: position.balanceMinor,
    bucket: bucketFor(position.dpd),
    stage: stageFor(position.dpd),
    severity: severityFor(position.dpd, breach),
    flags: flags.map((flag) => ({ type: flag.type, severity: flag.severity, details: JSON.parse(flag.details) as unknown })),
    nba: openCase?.nba_action ? { action: openCase.nba_action, confidence: openCase.nba_confidence } : null,
    promises,
    settlement_options: [],
  };
}
