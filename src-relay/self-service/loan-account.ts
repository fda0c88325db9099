import { and, eq, sql } from 'drizzle-orm';
import type { IsoDate } from '../../src-shared/dates';
import { ledgerRows } from '../db/schema';
import type { RelayDb, RelayTx } from '../db/relay-database';
import { loanBooks, positionOf } from '../feed/ledger-loans';
import { findRowsBy, getRow } from '../ledger/ledger-lookups';
import type { LedgerRow } from '../ledger/ledger-row';

const ACTIVE_CASE_STATUSES: readonly unknown[] = ['open', 'in_progress', 'on_hold', 'legal'];
const LIVE_OFFER_STATUSES: readonly unknown[] = ['draft', 'pending_approval', 'approved', 'offered'];

/** What the pages show and the submissions change: the rows of one loan and its borrower, nothing else. */
export interface LoanAccount {
  loan: LedgerRow;
  borrower: LedgerRow;
  /** The loan's open delinquency episode; null when the loan is not in collections. */
  openCase: LedgerRow | null;
  phones: LedgerRow[];
  /** The borrower's opt-outs of texting, by number (`text_opt_outs`). */
  textOptOuts: LedgerRow[];
  emails: LedgerRow[];
  /** The open case's offers still in play (drafted up to offered): a borrower asks for one plan at a time. */
  liveOffers: LedgerRow[];
  balance: BalanceBreakdown;
}

export interface BalanceBreakdown {
  currency: string;
  principalMinor: number;
  interestMinor: number;
  feesMinor: number;
  balanceMinor: number;
  amountPastDueMinor: number;
  dpd: number;
}

/** Live rows of `tbl` of one borrower or case: a few per borrower, looked up only here (`field` is a constant of this file). */
function rowsOf(tx: RelayTx, tbl: 'phones' | 'text_opt_outs' | 'emails' | 'settlement_offers', field: 'borrower_id' | 'case_id', value: string): Promise<LedgerRow[]> {
  return tx
    .select()
    .from(ledgerRows)
    .where(and(eq(ledgerRows.tbl, tbl), eq(ledgerRows.deleted, false), sql`${ledgerRows.data}->>${sql.raw(`'${field}'`)} = ${value}`))
    .orderBy(ledgerRows.id);
}

const amount = (value: unknown) => (typeof value === 'number' ? value : Number(value ?? 0));

/**
 * The outstanding balance split the way the desktop allocates payments (fees, interest, principal
 * oldest first), counted on every installment; past due and DPD are the daily run's, from the case
 * (or the loan when it has none), so the page agrees with what the agent sees.
 */
async function breakdownOf(tx: RelayTx, loan: LedgerRow, openCase: LedgerRow | null): Promise<BalanceBreakdown> {
  const book = (await loanBooks(tx, [loan.id])).get(loan.id)!;
  const dates = [...book.installments.map((installment) => installment.dueOn), ...book.payments.map((payment) => payment.paidOn), ...book.fees.map((fee) => fee.assessedOn)];
  const lastDate = dates.reduce<string>((latest, date) => (date > latest ? date : latest), new Date().toISOString().slice(0, 10)) as IsoDate;
  const position = positionOf(book, book.payments, lastDate);
  const sum = (pick: (installment: (typeof position.installments)[number]) => number) => position.installments.reduce((total, installment) => total + pick(installment), 0);
  const source = openCase ?? loan;
  return {
    currency: String(loan.data.currency),
    principalMinor: sum((installment) => installment.principalMinor - installment.paidPrincipalMinor),
    interestMinor: sum((installment) => installment.interestMinor - installment.paidInterestMinor),
    feesMinor: sum((installment) => installment.feesMinor - installment.paidFeesMinor),
    balanceMinor: amount(source.data.balance_minor),
    amountPastDueMinor: amount(source.data.amount_past_due_minor),
    dpd: amount(source.data.dpd),
  };
}

export async function readLoanAccount(tx: RelayTx, loanId: string): Promise<LoanAccount | null> {
  const loan = await getRow(tx, 'loans', loanId);
  if (!loan) return null;
  const borrower = await getRow(tx, 'borrowers', String(loan.data.borrower_id));
  if (!borrower) return null;
  const cases = (await findRowsBy(tx, 'cases', 'loan_id', loanId)).filter((row) => ACTIVE_CASE_STATUSES.includes(row.data.status));
  const openCase = cases.sort((a, b) => String(b.data.opened_on ?? '').localeCompare(String(a.data.opened_on ?? '')))[0] ?? null;
  return {
    loan,
    borrower,
    openCase,
    phones: await rowsOf(tx, 'phones', 'borrower_id', borrower.id),
    textOptOuts: await rowsOf(tx, 'text_opt_outs', 'borrower_id', borrower.id),
    emails: await rowsOf(tx, 'emails', 'borrower_id', borrower.id),
    liveOffers: openCase ? (await rowsOf(tx, 'settlement_offers', 'case_id', openCase.id)).filter((offer) => LIVE_OFFER_STATUSES.includes(offer.data.status)) : [],
    balance: await breakdownOf(tx, loan, openCase),
  };
}

/** `readLoanAccount` in a read transaction of its own, for the pages. */
export function loadLoanAccount(db: RelayDb, loanId: string): Promise<LoanAccount | null> {
  return db.transaction((tx) => readLoanAccount(tx, loanId));
}
