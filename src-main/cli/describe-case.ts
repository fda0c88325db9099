import type { IsoDate } from '../../src-shared/dates';
import { bucketFor, severityFor, stageFor } from '../../src-shared/domain/classification';
import { settlementOptions } from '../../src-shared/domain/settlement';
import { evaluateLoanDay } from '../../src-shared/engine/loan-day';
import { AppError } from '../../src-shared/errors';
import { readLoanChunks } from '../engine/loan-facts-reader';
import { readEngineConfig } from '../engine/engine-config';
import type { Store } from '../store/open-store';

interface Described {
  dpd: number;
  amountPastDueMinor: number;
  balanceMinor: number;
  flags: { type: string; severity: string; details: unknown }[];
  nba: { action: string; confidence: number } | null;
  promises: { due_on: string; amount: number; status: string }[];
}

/** The loan as the last daily run left it in the store. */
function asStored(store: Store, loanId: string, loan: { dpd: number; amount_past_due_minor: number; balance_minor: number }): Described {
  const nba = store.sqlite.prepare('SELECT nba_action AS action, nba_confidence AS confidence FROM cases WHERE loan_id = ? AND active = 1 AND nba_action IS NOT NULL').get(loanId) as Described['nba'] | undefined;
  const flags = store.sqlite.prepare('SELECT type, severity, details FROM early_warning_flags WHERE loan_id = ? AND cleared_on IS NULL ORDER BY type').all(loanId) as { type: string; severity: string; details: string }[];
  return {
    dpd: loan.dpd,
    amountPastDueMinor: loan.amount_past_due_minor,
    balanceMinor: loan.balance_minor,
    flags: flags.map((flag) => ({ ...flag, details: JSON.parse(flag.details) as unknown })),
    nba: nba ?? null,
    promises: store.sqlite.prepare('SELECT due_on, amount_minor AS amount, status FROM promises WHERE loan_id = ? ORDER BY created_on, due_on, id').all(loanId) as Described['promises'],
  };
}

/** The loan judged afresh for `asOf`, through the same pure function as the daily run, writing nothing. */
function judgedFor(store: Store, loanId: string, asOf: IsoDate): Described {
  const [record] = [...readLoanChunks(store.sqlite, asOf, readEngineConfig(store.sqlite), { onlyLoanId: loanId })].flat();
  if (!record) throw new AppError('conflict', 'the loan is no longer active');
  const day = evaluateLoanDay(record.facts);
  const statuses = new Map(day.promiseChanges.map((change) => [change.id, change.status]));
  return {
    dpd: day.standing.dpd,
    amountPastDueMinor: day.standing.amountPastDueMinor,
    balanceMinor: day.standing.balanceMinor,
    flags: day.flags,
    nba: day.caseDay?.nba ?? null,
    promises: record.facts.promises.map((p) => ({ due_on: p.dueOn, amount: p.amountMinor, status: statuses.get(p.id) ?? p.status })),
  };
}

/** The `case` command's view of a loan (DESIGN §4): as of the last daily run, or judged for `asOf`. */
export function describeCase(store: Store, accountNumber: string, asOf?: IsoDate) {
  const loan = store.sqlite
    .prepare(`SELECT id, account_number, dpd, amount_past_due_minor, balance_minor, risk_status, (SELECT value FROM app_meta WHERE key = 'last_daily_run') AS last_run
              FROM loans WHERE account_number = ?`)
    .get(accountNumber) as { id: string; account_number: string; dpd: number; amount_past_due_minor: number; balance_minor: number; risk_status: string | null; last_run: IsoDate | null } | undefined;
  if (!loan) throw new AppError('not_found', `no loan with account number ${accountNumber}`);
  const described = asOf ? judgedFor(store, loan.id, asOf) : asStored(store, loan.id, loan);
  return {
    account_number: loan.account_number,
    as_of: asOf ?? loan.last_run,
    dpd: described.dpd,
    amount_past_due: described.amountPastDueMinor,
    balance: described.balanceMinor,
    bucket: bucketFor(described.dpd),
    stage: stageFor(described.dpd),
    severity: severityFor(described.dpd, loan.risk_status === 'BREACH'),
    flags: described.flags,
    nba: described.nba,
    promises: described.promises,
    settlement_options: settlementOptions(described.balanceMinor, described.dpd).map((option) => ({
      type: option.type,
      amount: option.amountMinor,
      discount_pct: option.discountPct,
      installments: option.installments,
      requires_approval: option.requiresApproval,
    })),
  };
}
