import { epochDay, type IsoDate } from '../dates';
import type { Minor } from '../money';
import { assessLoan, type InstallmentDue, type PaymentMade } from './allocation';

/** Seed 002's "typically 90+": a loan goes on non-accrual from DPD 91 unless the product says otherwise. */
export const DEFAULT_NON_ACCRUAL_DPD = 90;

export interface NonAccrualInput {
  /** DPD as of `asOf` (DESIGN §2 "DPD"). */
  dpd: number;
  /** The loan goes on non-accrual when DPD exceeds this; DEFAULT_NON_ACCRUAL_DPD when omitted. */
  thresholdDpd?: number;
  isNonAccrual: boolean;
  /** The schedule, `feesMinor` including assessed fee records (fees are paid before interest). */
  installments: readonly InstallmentDue[];
  payments: readonly PaymentMade[];
  asOf: IsoDate;
}

export interface NonAccrualChange {
  /**
   * Set when the loan goes on non-accrual today. The caller books the reversal as a GL entry
   * DR interest income, CR interest receivable (seed 002), skipping it when the amount is zero;
   * from then on interest is recognised only as cash is received, until the loan is cured.
   */
  enter: { reversedInterestMinor: Minor } | null;
  /** True when a loan on non-accrual is current again and returns to accrual. */
  clear: boolean;
}

/**
 * The day's non-accrual transition (DESIGN §2 "Non-accrual and fees"). Entering happens once,
 * when DPD first exceeds the threshold while the loan accrues; clearing needs the loan fully
 * current (DPD 0), so a partial cure that leaves DPD between 1 and the threshold changes nothing
 * in either direction, which keeps a loan from flapping in and out around the threshold.
 */
export function nonAccrualChange(input: NonAccrualInput): NonAccrualChange {
  const threshold = input.thresholdDpd ?? DEFAULT_NON_ACCRUAL_DPD;
  if (input.isNonAccrual) return { enter: null, clear: input.dpd === 0 };
  if (input.dpd <= threshold) return { enter: null, clear: false };
  return { enter: { reversedInterestMinor: uncollectedPastDueInterest(input.installments, input.payments, input.asOf) }, clear: false };
}

/**
 * Interest billed on installments due before `asOf` that the payments dated by then have not
 * covered. Allocation pays fees before interest, so payments absorbed by fees leave interest
 * uncollected. Only past-due installments count (DESIGN §2): one due on `asOf` is not yet late.
 */
export function uncollectedPastDueInterest(installments: readonly InstallmentDue[], payments: readonly PaymentMade[], asOf: IsoDate): Minor {
  const asOfDay = epochDay(asOf);
  let uncollected = 0;
  for (const position of assessLoan(installments, payments, asOf).installments) {
    if (position.dueDay < asOfDay) uncollected += position.interestMinor - position.paidInterestMinor;
  }
  return uncollected;
}
