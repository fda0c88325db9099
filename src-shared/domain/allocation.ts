import { epochDay, fromEpochDay, type EpochDay, type IsoDate } from '../dates';
import type { Minor } from '../money';

export interface InstallmentDue {
  seq: number;
  dueDay: EpochDay;
  principalMinor: Minor;
  interestMinor: Minor;
  /** Fees on the installment itself plus any assessed fee records attached to it. */
  feesMinor: Minor;
}

export interface PaymentMade {
  paidDay: EpochDay;
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

/** The installments oldest due date first (seq breaks ties); the same array when already so. */
export function inDueOrder(installments: readonly InstallmentDue[]): readonly InstallmentDue[] {
  for (let i = 1; i < installments.length; i += 1) {
    const previous = installments[i - 1]!;
    const current = installments[i]!;
    if (current.dueDay < previous.dueDay || (current.dueDay === previous.dueDay && current.seq < previous.seq)) {
      return [...installments].sort((a, b) => a.dueDay - b.dueDay || a.seq - b.seq);
    }
  }
  return installments;
}

/**
 * Applies the payments dated on or before `asOf` to the installments, oldest due date first and,
 * within an installment, fees, then interest, then principal (DESIGN §2). Money left after the
 * installments that are due flows on to later installments in order, so a prepayment reduces
 * the balance without ever making a later installment past due.
 */
export function assessLoan(installments: readonly InstallmentDue[], payments: readonly PaymentMade[], asOf: IsoDate): LoanPosition {
  const asOfDay = epochDay(asOf);
  let available = 0;
  for (const payment of payments) if (payment.paidDay <= asOfDay) available += payment.amountMinor;
  const paidToDate = available;
  const positions: InstallmentPosition[] = [];
  let amountPastDue = 0;
  let balance = 0;
  let oldestPastDueDay: EpochDay | null = null;
  for (const installment of inDueOrder(installments)) {
    const paidFees = Math.min(available, installment.feesMinor);
    available -= paidFees;
    const paidInterest = Math.min(available, installment.interestMinor);
    available -= paidInterest;
    const paidPrincipal = Math.min(available, installment.principalMinor);
    available -= paidPrincipal;
    const unpaid = installment.feesMinor + installment.interestMinor + installment.principalMinor - paidFees - paidInterest - paidPrincipal;
    positions.push({ ...installment, paidFeesMinor: paidFees, paidInterestMinor: paidInterest, paidPrincipalMinor: paidPrincipal, unpaidMinor: unpaid });
    balance += unpaid;
    if (unpaid > 0 && installment.dueDay < asOfDay) {
      amountPastDue += unpaid;
      oldestPastDueDay ??= installment.dueDay;
    }
  }
  return {
    installments: positions,
    dpd: oldestPastDueDay === null ? 0 : asOfDay - oldestPastDueDay,
    oldestPastDueOn: oldestPastDueDay === null ? null : fromEpochDay(oldestPastDueDay),
    amountPastDueMinor: amountPastDue,
    balanceMinor: balance,
    unappliedMinor: available,
    paidToDateMinor: paidToDate,
  };
}
