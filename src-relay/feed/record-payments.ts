import { addDays, isoDate, type IsoDate } from '../../src-shared/dates';
import type { RowChange } from '../../src-shared/sync/protocol';
import type { RelayDb, RelayTx } from '../db/relay-database';
import { lockLedgerClock } from '../ledger/ledger-clock';
import { refKey, storedRows } from '../ledger/stored-rows';
import { writeFeedChanges } from './apply-feed-rows';
import { FeedRejected } from './feed-rejected';
import { loanBooks, loansByAccount, positionOf, type LedgerLoan, type LedgerPayment } from './ledger-loans';
import type { PaymentInput } from './payment-input';

/** What became of one payment: the ledger row it is, how the desktop's allocation applies it, and where that leaves the loan. */
export interface RecordedPayment {
  accountNumber: string;
  reference: string;
  loanId: string;
  /** The ledger row's id and version: a replay answers the same ones. */
  id: string;
  version: number;
  paidOn: IsoDate;
  amountMinor: number;
  currency: string;
  /** True when the reference was already recorded and this request changed nothing. */
  replayed: boolean;
  /** This payment's share, taken after every payment dated on or before it: fees, then interest, then principal, oldest installment first. */
  allocation: { feesMinor: number; interestMinor: number; principalMinor: number; unappliedMinor: number };
  /** The loan on the payment's date with every payment the ledger holds. */
  position: { asOf: IsoDate; balanceMinor: number; amountPastDueMinor: number; dpd: number };
}

/** A payment's ledger row id: the desktop keys payments by (loan, reference), so a reference is idempotent per loan. */
function paymentRowId(loanId: string, reference: string): string {
  return `${loanId}:${reference}`;
}

/** The payment rows the ledger holds (tombstones aside) under these ids. */
async function recordedPayments(tx: RelayTx, ids: readonly string[]) {
  const rows = await storedRows(tx, ids.map((id) => ({ tbl: 'payments', id })));
  return (id: string) => {
    const row = rows.get(refKey({ tbl: 'payments', id }));
    return row && !row.deleted ? row : undefined;
  };
}

/**
 * Every problem with the batch against the ledger, and the rows to write when there is none. A
 * date after tomorrow (in any time zone, it is not yet paid) is a typo the daily run would ignore
 * until that day comes.
 */
async function checkAgainstLedger(tx: RelayTx, payments: readonly PaymentInput[], loans: ReadonlyMap<string, LedgerLoan>): Promise<{ errors: string[]; changes: RowChange[] }> {
  const latest = addDays(isoDate(new Date().toISOString().slice(0, 10)), 1);
  const recorded = await recordedPayments(tx, payments.flatMap((payment) => {
    const loan = loans.get(payment.accountNumber);
    return loan ? [paymentRowId(loan.id, payment.reference)] : [];
  }));
  const errors: string[] = [];
  const changes: RowChange[] = [];
  const firstIndex = new Map<string, number>();
  for (const [index, payment] of payments.entries()) {
    const at = `payments[${index}]`;
    const loan = loans.get(payment.accountNumber);
    if (!loan) {
      errors.push(`${at}.accountNumber: no loan in the ledger has account number "${payment.accountNumber}"`);
      continue;
    }
    if (payment.currency !== loan.currency) errors.push(`${at}.currency: loan ${loan.accountNumber} is in ${loan.currency}, not ${payment.currency}`);
    if (payment.paidOn < loan.originatedOn) errors.push(`${at}.paidOn: ${payment.paidOn} is before loan ${loan.accountNumber} was originated (${loan.originatedOn})`);
    if (payment.paidOn > latest) errors.push(`${at}.paidOn: ${payment.paidOn} is in the future`);
    const id = paymentRowId(loan.id, payment.reference);
    const earlier = firstIndex.get(id);
    if (earlier !== undefined) {
      errors.push(`${at}.reference: "${payment.reference}" for loan ${loan.accountNumber} is already payments[${earlier}] of this request`);
      continue;
    }
    firstIndex.set(id, index);
    const earlierRow = recorded(id);
    if (earlierRow) {
      const { paid_on: paidOn, amount_minor: amountMinor } = earlierRow.data;
      if (paidOn !== payment.paidOn || Number(amountMinor) !== payment.amountMinor) {
        errors.push(`${at}.reference: "${payment.reference}" was already recorded for loan ${loan.accountNumber} as ${String(amountMinor)} on ${String(paidOn)}; a reference names one payment`);
      }
      continue;
    }
    changes.push({
      tbl: 'payments',
      id,
      op: 'upsert',
      data: { loan_id: loan.id, paid_on: payment.paidOn, amount_minor: payment.amountMinor, reference: payment.reference, source: 'feed' },
      base: null,
      baseVersion: null,
    });
  }
  return { errors, changes };
}

/** Orders a loan's payments as they are taken: by date, then reference, so "the payments before this one" is well defined. */
const paymentOrder = (a: LedgerPayment, b: LedgerPayment) => (a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0);

/**
 * Records payments from the core-banking system in the ledger as the desktop's `payments` rows
 * (source `feed`), all or none, under the ledger clock so the checks still hold when written. A
 * reference already recorded with the same date and amount changes nothing and answers as it did;
 * with another date or amount it is refused. Allocation is the desktop's own rule, applied to the
 * ledger's schedule, fees and payments, so a desktop that pulls the rows judges the loan the same.
 */
export function recordPayments(db: RelayDb, payments: readonly PaymentInput[]): Promise<RecordedPayment[]> {
  return db.transaction(async (tx) => {
    await lockLedgerClock(tx);
    const loans = await loansByAccount(tx, payments.map((payment) => payment.accountNumber));
    const { errors, changes } = await checkAgainstLedger(tx, payments, loans);
    if (errors.length > 0) throw new FeedRejected('payments', errors);
    if (changes.length > 0) await writeFeedChanges(tx, 'payments', changes);

    const loanIds = [...new Set(payments.map((payment) => loans.get(payment.accountNumber)!.id))];
    const books = await loanBooks(tx, loanIds);
    const written = new Set(changes.map((change) => change.id));
    const rows = await recordedPayments(tx, payments.map((payment) => paymentRowId(loans.get(payment.accountNumber)!.id, payment.reference)));
    const results: RecordedPayment[] = [];
    for (const payment of payments) {
      const loan = loans.get(payment.accountNumber)!;
      const book = books.get(loan.id)!;
      const id = paymentRowId(loan.id, payment.reference);
      const row = rows(id)!;
      const mine = { loanId: loan.id, paidOn: payment.paidOn, amountMinor: payment.amountMinor, reference: payment.reference };
      // Payments up to this one in taking order, with and without it: the difference is its share.
      const before = book.payments.filter((other) => paymentOrder(other, mine) < 0);
      const without = positionOf(book, before, payment.paidOn);
      const withIt = positionOf(book, [...before, mine], payment.paidOn);
      const paid = (position: typeof withIt, part: 'paidFeesMinor' | 'paidInterestMinor' | 'paidPrincipalMinor') => position.installments.reduce((sum, installment) => sum + installment[part], 0);
      const position = positionOf(book, book.payments, payment.paidOn);
      results.push({
        accountNumber: loan.accountNumber,
        reference: payment.reference,
        loanId: loan.id,
        id,
        version: Number(row.version),
        paidOn: payment.paidOn,
        amountMinor: payment.amountMinor,
        currency: loan.currency,
        replayed: !written.has(id),
        allocation: {
          feesMinor: paid(withIt, 'paidFeesMinor') - paid(without, 'paidFeesMinor'),
          interestMinor: paid(withIt, 'paidInterestMinor') - paid(without, 'paidInterestMinor'),
          principalMinor: paid(withIt, 'paidPrincipalMinor') - paid(without, 'paidPrincipalMinor'),
          unappliedMinor: withIt.unappliedMinor - without.unappliedMinor,
        },
        position: { asOf: payment.paidOn, balanceMinor: position.balanceMinor, amountPastDueMinor: position.amountPastDueMinor, dpd: position.dpd },
      });
    }
    return results;
  });
}
