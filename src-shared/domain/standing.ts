import { epochDay, fromEpochDay, type EpochDay, type IsoDate } from '../dates';
import type { Minor } from '../money';
import type { InstallmentDue, PaymentMade } from './allocation';

export interface LoanStanding {
  /** Days from the oldest past-due installment's due date to as-of; 0 when none is past due. */
  dpd: number;
  oldestPastDueOn: IsoDate | null;
  amountPastDueMinor: Minor;
  balanceMinor: Minor;
}

/**
 * The totals of `assessLoan` without the per-installment split, for the daily run over a whole
 * portfolio: the waterfall's order within an installment (fees, interest, principal) changes what
 * is unpaid of each part but not how much is unpaid in all, so installments are taken whole and
 * nothing is allocated per row. `installments` must be in due order (as the store reads them).
 */
export function loanStanding(installments: readonly InstallmentDue[], payments: readonly PaymentMade[], asOf: IsoDate): LoanStanding {
  const asOfDay = epochDay(asOf);
  let available = 0;
  for (const payment of payments) if (payment.paidDay <= asOfDay) available += payment.amountMinor;
  let amountPastDue = 0;
  let balance = 0;
  let oldestPastDueDay: EpochDay | null = null;
  let previousDay = -Infinity;
  for (const installment of installments) {
    if (installment.dueDay < previousDay) throw new RangeError('loanStanding needs installments in due order');
    previousDay = installment.dueDay;
    const due = installment.feesMinor + installment.interestMinor + installment.principalMinor;
    const paid = available < due ? available : due;
    available -= paid;
    const unpaid = due - paid;
    balance += unpaid;
    if (unpaid > 0 && installment.dueDay < asOfDay) {
      amountPastDue += unpaid;
      if (oldestPastDueDay === null) oldestPastDueDay = installment.dueDay;
    }
  }
  return {
    dpd: oldestPastDueDay === null ? 0 : asOfDay - oldestPastDueDay,
    oldestPastDueOn: oldestPastDueDay === null ? null : fromEpochDay(oldestPastDueDay),
    amountPastDueMinor: amountPastDue,
    balanceMinor: balance,
  };
}
