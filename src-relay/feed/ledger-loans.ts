import { and, eq, inArray, sql } from 'drizzle-orm';
import { epochDay, type IsoDate } from '../../src-shared/dates';
import { assessLoan, type InstallmentDue, type LoanPosition, type PaymentMade } from '../../src-shared/domain/allocation';
import { ledgerRows } from '../db/schema';
import type { RelayTx } from '../db/relay-database';

/** A loan as the ledger holds it, by the fields a payment is checked against. */
export interface LedgerLoan {
  id: string;
  accountNumber: string;
  currency: string;
  originatedOn: IsoDate;
}

export interface LedgerPayment {
  loanId: string;
  paidOn: IsoDate;
  amountMinor: number;
  reference: string;
}

const field = (name: string) => sql<string>`(${ledgerRows.data}->>${sql.raw(`'${name}'`)})`;

/** Live rows of `tbl` whose JSON `loan_id` is one of `loanIds`. */
function rowsOfLoans(tx: RelayTx, tbl: 'installments' | 'payments' | 'fee_records', loanIds: readonly string[]) {
  return tx
    .select({ data: ledgerRows.data })
    .from(ledgerRows)
    .where(and(eq(ledgerRows.tbl, tbl), eq(ledgerRows.deleted, false), inArray(field('loan_id'), [...loanIds])));
}

/** The live loans with these account numbers, by account number. */
export async function loansByAccount(tx: RelayTx, accountNumbers: readonly string[]): Promise<Map<string, LedgerLoan>> {
  if (accountNumbers.length === 0) return new Map();
  const rows = await tx
    .select({ id: ledgerRows.id, data: ledgerRows.data })
    .from(ledgerRows)
    .where(and(eq(ledgerRows.tbl, 'loans'), eq(ledgerRows.deleted, false), inArray(field('account_number'), [...new Set(accountNumbers)])));
  return new Map(
    rows.map(({ id, data }) => [
      String(data.account_number),
      { id, accountNumber: String(data.account_number), currency: String(data.currency), originatedOn: String(data.originated_on) as IsoDate },
    ]),
  );
}

/** Every payment the ledger holds for these loans. */
export async function paymentsOf(tx: RelayTx, loanIds: readonly string[]): Promise<LedgerPayment[]> {
  if (loanIds.length === 0) return [];
  return (await rowsOfLoans(tx, 'payments', loanIds)).map(({ data }) => ({
    loanId: String(data.loan_id),
    paidOn: String(data.paid_on) as IsoDate,
    amountMinor: Number(data.amount_minor),
    reference: String(data.reference),
  }));
}

/** What a loan's position is judged from: its schedule and assessed fees, and its payments. */
export interface LoanBook {
  installments: { seq: number; dueOn: IsoDate; principalMinor: number; interestMinor: number; feesMinor: number }[];
  fees: { seq: number; amountMinor: number; assessedOn: IsoDate }[];
  payments: LedgerPayment[];
}

/** The schedules, assessed fees and payments of these loans, by loan id. */
export async function loanBooks(tx: RelayTx, loanIds: readonly string[]): Promise<Map<string, LoanBook>> {
  const books = new Map<string, LoanBook>(loanIds.map((id) => [id, { installments: [], fees: [], payments: [] }]));
  if (loanIds.length === 0) return books;
  for (const { data } of await rowsOfLoans(tx, 'installments', loanIds)) {
    books.get(String(data.loan_id))?.installments.push({
      seq: Number(data.seq),
      dueOn: String(data.due_on) as IsoDate,
      principalMinor: Number(data.principal_due_minor),
      interestMinor: Number(data.interest_due_minor),
      feesMinor: Number(data.fees_due_minor),
    });
  }
  for (const { data } of await rowsOfLoans(tx, 'fee_records', loanIds)) {
    books.get(String(data.loan_id))?.fees.push({ seq: Number(data.installment_seq), amountMinor: Number(data.amount_minor), assessedOn: String(data.assessed_on) as IsoDate });
  }
  for (const payment of await paymentsOf(tx, loanIds)) books.get(payment.loanId)?.payments.push(payment);
  return books;
}

/**
 * The loan's position on `asOf` by the desktop's own allocation (src-shared/domain/allocation.ts):
 * fees assessed by then count on their installment, as the daily run counts them.
 */
export function positionOf(book: LoanBook, payments: readonly LedgerPayment[], asOf: IsoDate): LoanPosition {
  const installments: InstallmentDue[] = book.installments.map((installment) => ({
    seq: installment.seq,
    dueDay: epochDay(installment.dueOn),
    principalMinor: installment.principalMinor,
    interestMinor: installment.interestMinor,
    feesMinor: installment.feesMinor + book.fees.filter((fee) => fee.seq === installment.seq && fee.assessedOn <= asOf).reduce((sum, fee) => sum + fee.amountMinor, 0),
  }));
  const made: PaymentMade[] = payments.map((payment) => ({ paidDay: epochDay(payment.paidOn), amountMinor: payment.amountMinor }));
  return assessLoan(installments, made, asOf);
}
