import { epochDay, fromEpochDay, type EpochDay, type IsoDate } from '../dates';
import type { Minor } from '../money';
import { inDueOrder, type InstallmentDue, type PaymentMade } from './allocation';
import { bucketFor } from './classification';
import type { FlagSeverity, FlagType } from './vocabulary';

export interface EarlyWarningFlag {
  type: FlagType;
  severity: FlagSeverity;
  details: Record<string, unknown>;
}

export interface EarlyWarningInput {
  originatedOn: IsoDate;
  /** feesMinor already includes assessed fee records, so "due" covers them (DESIGN §2). */
  installments: readonly InstallmentDue[];
  payments: readonly PaymentMade[];
  asOf: IsoDate;
  dpd: number;
  amountPastDueMinor: Minor;
  nextDueOn: IsoDate | null;
}

/** One period's cash, kept as integer minor units so ratio thresholds can be tested exactly (no float noise at 0.90). */
interface Period {
  dueDay: EpochDay;
  received: Minor;
  due: Minor;
}

/**
 * Cash received per period (DESIGN §2). Period k holds payments dated after installment k−1's due
 * date up to and including installment k's due date. Our reading of "the first period starts at
 * origination": it includes the origination day itself (originatedOn ≤ paid ≤ due₁); anything
 * dated earlier belongs to no period. Only installments due strictly before as-of count, so every
 * counted payment is dated before as-of: payments after as-of are ignored without a separate filter.
 */
function periodsOf(input: EarlyWarningInput): Period[] {
  const asOfDay = epochDay(input.asOf);
  let afterDay = epochDay(input.originatedOn) - 1;
  const periods: Period[] = [];
  for (const installment of inDueOrder(input.installments)) {
    if (installment.dueDay >= asOfDay) break;
    let received = 0;
    for (const payment of input.payments) {
      if (payment.paidDay > afterDay && payment.paidDay <= installment.dueDay) received += payment.amountMinor;
    }
    periods.push({ dueDay: installment.dueDay, received, due: installment.principalMinor + installment.interestMinor + installment.feesMinor });
    afterDay = installment.dueDay;
  }
  return periods;
}

/** received / due as [numerator, denominator]; a period with nothing due counts as fully met (1), never ÷0. */
function fraction(period: Period): [bigint, bigint] {
  return period.due > 0 ? [BigInt(period.received), BigInt(period.due)] : [1n, 1n];
}

const ratio = (period: Period): number => (period.due > 0 ? period.received / period.due : 1);

/** Exact "mean of the ratios < percent/100" by cross-multiplication: ratios are uncapped rationals. */
function meanBelow(periods: readonly Period[], percent: number): boolean {
  let num = 0n;
  let den = 1n;
  for (const period of periods) {
    const [n, d] = fraction(period);
    num = num * d + n * den;
    den *= d;
  }
  return num * 100n < BigInt(percent) * BigInt(periods.length) * den;
}

/** Reported ratios are rounded half up to 4 decimals for display; thresholds use the exact values. */
const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;

export function earlyWarningFlags(input: EarlyWarningInput): EarlyWarningFlag[] {
  const flags: EarlyWarningFlag[] = [];
  const { dpd } = input;
  if (dpd >= 30) {
    flags.push({
      type: 'HIGH_DPD',
      severity: dpd >= 90 ? 'CRITICAL' : dpd >= 60 ? 'HIGH' : 'MEDIUM',
      details: { days_in_arrears: dpd, arrears_bucket: bucketFor(dpd), overdue_amount: input.amountPastDueMinor, next_due_date: input.nextDueOn },
    });
  }

  const periods = periodsOf(input);
  // Partial = something arrived but less than due; an unpaid period is arrears, not a partial payment.
  const partials = periods.filter((p) => p.received > 0 && p.received < p.due);
  const latestPartial = partials.at(-1);
  if (latestPartial) {
    const count = partials.length;
    flags.push({
      type: 'REPEATED_PARTIAL_PAYMENTS',
      severity: count >= 4 ? 'HIGH' : count >= 2 ? 'MEDIUM' : 'LOW',
      details: { total_partial_payments: count, latest_partial_date: fromEpochDay(latestPartial.dueDay) },
    });
  }

  // The three most recent periods that received anything, oldest first; catch-up overpayments count in full.
  const recent = periods.filter((p) => p.received > 0).slice(-3);
  if (recent.length === 3 && meanBelow(recent, 90)) {
    const ratios = recent.map(ratio);
    const [oldest, newest] = [fraction(recent[0]!), fraction(recent[2]!)];
    flags.push({
      type: 'REDUCED_CASHFLOWS',
      severity: meanBelow(recent, 50) ? 'HIGH' : meanBelow(recent, 75) ? 'MEDIUM' : 'LOW',
      details: {
        installments_analysed: 3,
        avg_payment_ratio: round4((ratios[0]! + ratios[1]! + ratios[2]!) / 3),
        min_payment_ratio: round4(Math.min(...ratios)),
        trend: newest[0] * oldest[1] < oldest[0] * newest[1] ? 'DECLINING' : 'STABLE',
      },
    });
  }
  return flags;
}
