import { daysBetween, type IsoDate } from '../dates';
import type { Minor } from '../money';

export interface InstallmentDue {
  seq: number;
  dueOn: IsoDate;
  principalMinor: Minor;
  interestMinor: Minor;
  /** Fees on the installment itself plus any assessed fee records attached to it. */
  feesMinor: Minor;
}

export interface PaymentMade {
  paidOn: IsoDate;
  amountMinor: Minor;
}

export interface InstallmentPosition extends InstallmentDue {
  paidFeesMinor: Minor;
  paidInterestMinor: Minor;
  paidPrincipalMinor: Minor;
  unpaidMinor: Minor;
}

export interface LoanPosition {
  installments: InstallmentPosition[];
  /** Days from the oldest past-due installment's due date to as-of; 0 when none is past due. */
  dpd: number;
  oldestPastDueOn: IsoDate | null;
  amountPastDueMinor: Minor;
  balanceMinor: Minor;
  /** Payments beyond every installment (overpayment). */
  unappliedMinor: Minor;
  paidToDateMinor: Minor;
}

/**
 * Applies the payments dated on or before `asOf` to the installments, oldest due date first and,
 * within an installment, fees, then interest, then principal (DESIGN §2). Money left after the
 * installments that are due flows on to later installments in order, so a prepayment reduces
 * the balance without ever making a later installment past due.
 */
export function assessLoan(installments: readonly InstallmentDue[], payments: readonly PaymentMade[], asOf: IsoDate): LoanPosition {
  let available = 0;
  for (const payment of payments) if (payment.paidOn <= asOf) available += payment.amountMinor;
  const paidToDate = available;
  const ordered = [...installments].sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.seq - b.seq));
  const positions: InstallmentPosition[] = [];
  let amountPastDue = 0;
  let balance = 0;
  let oldestPastDueOn: IsoDate | null = null;
  for (const installment of ordered) {
    const paidFees = Math.min(available, installment.feesMinor);
    available -= paidFees;
    const paidInterest = Math.min(available, installment.interestMinor);
    available -= paidInterest;
    const paidPrincipal = Math.min(available, installment.principalMinor);
    available -= paidPrincipal;
    const unpaid = installment.feesMinor + installment.interestMinor + installment.principalMinor - paidFees - paidInterest - paidPrincipal;
    positions.push({ ...installment, paidFeesMinor: paidFees, paidInterestMinor: paidInterest, paidPrincipalMinor: paidPrincipal, unpaidMinor: unpaid });
    balance += unpaid;
    if (unpaid > 0 && installment.dueOn < asOf) {
      amountPastDue += unpaid;
      oldestPastDueOn ??= installment.dueOn;
    }
  }
  return {
    installments: positions,
    dpd: oldestPastDueOn ? daysBetween(oldestPastDueOn, asOf) : 0,
    oldestPastDueOn,
    amountPastDueMinor: amountPastDue,
    balanceMinor: balance,
    unappliedMinor: available,
    paidToDateMinor: paidToDate,
  };
}
