import { describe, expect, it } from 'vitest';
import { addMonths, epochDay, isoDate } from '../dates';
import type { InstallmentDue, PaymentMade } from './allocation';
import { earlyWarningFlags, type EarlyWarningFlag, type EarlyWarningInput } from './early-warning';
import type { FlagType } from './vocabulary';

// Originated 2026-01-01; installment k (10,000 due: 9,000 principal + 1,000 interest) falls due
// on the 1st of month k+1, so period 1 is 2026-01-01..2026-02-01, period 2 is 02-02..03-01, …
const ORIGINATED = isoDate('2026-01-01');
const dueOn = (seq: number) => addMonths(ORIGINATED, seq);
const installment = (seq: number, feesMinor = 0, principalMinor = 9_000, interestMinor = 1_000): InstallmentDue => ({
  seq, dueDay: epochDay(dueOn(seq)), principalMinor, interestMinor, feesMinor,
});
const pay = (paidOn: string, amountMinor: number): PaymentMade => ({ paidDay: epochDay(isoDate(paidOn)), amountMinor });

/** One payment per period, on its due date (0 = nothing paid); as-of after the last installment. */
function flagsFor(amounts: readonly number[], overrides: Partial<EarlyWarningInput> = {}): EarlyWarningFlag[] {
  return earlyWarningFlags({
    originatedOn: ORIGINATED,
    installments: amounts.map((_, i) => installment(i + 1)),
    payments: amounts.flatMap((amount, i) => (amount > 0 ? [pay(dueOn(i + 1), amount)] : [])),
    asOf: isoDate('2026-12-31'), dpd: 0, amountPastDueMinor: 0, nextDueOn: null,
    ...overrides,
  });
}
const find = (flags: EarlyWarningFlag[], type: FlagType) => flags.find((f) => f.type === type) ?? null;

describe('HIGH_DPD (seed 004: 30+ MEDIUM, 60+ HIGH, 90+ CRITICAL)', () => {
  it.each([
    [0, null], [29, null], [30, 'MEDIUM'], [59, 'MEDIUM'], [60, 'HIGH'], [89, 'HIGH'], [90, 'CRITICAL'], [120, 'CRITICAL'],
  ] as const)('DPD %i → %s', (dpd, severity) => {
    expect(find(flagsFor([], { dpd }), 'HIGH_DPD')?.severity ?? null).toBe(severity);
  });

  it('carries days in arrears, bucket, overdue amount and next due date', () => {
    const flag = find(flagsFor([], { dpd: 45, amountPastDueMinor: 15_000, nextDueOn: isoDate('2026-05-01') }), 'HIGH_DPD');
    expect(flag?.details).toEqual({ days_in_arrears: 45, arrears_bucket: 'dpd_30_59', overdue_amount: 15_000, next_due_date: '2026-05-01' });
    expect(find(flagsFor([], { dpd: 95 }), 'HIGH_DPD')?.details).toMatchObject({ arrears_bucket: 'dpd_90_119', next_due_date: null });
  });
});

describe('REPEATED_PARTIAL_PAYMENTS (seed 004: 1 LOW, 2–3 MEDIUM, 4+ HIGH)', () => {
  it.each([
    ['0 partials: all paid in full', [10_000, 10_000, 10_000, 10_000], null, null],
    ['0 partials: nothing paid is arrears, not a partial', [0, 0, 0], null, null],
    ['0 partials: an overpayment is not a partial', [12_000, 10_000], null, null],
    ['1 partial', [10_000, 9_999, 10_000], 'LOW', '2026-03-01'],
    ['2 partials', [5_000, 10_000, 5_000], 'MEDIUM', '2026-04-01'],
    ['3 partials', [5_000, 5_000, 5_000, 10_000], 'MEDIUM', '2026-04-01'],
    ['4 partials', [5_000, 5_000, 5_000, 5_000], 'HIGH', '2026-05-01'],
    ['5 partials', [5_000, 5_000, 5_000, 5_000, 5_000], 'HIGH', '2026-06-01'],
  ] as const)('%s → %s', (_label, amounts, severity, latest) => {
    const flag = find(flagsFor(amounts), 'REPEATED_PARTIAL_PAYMENTS');
    expect(flag?.severity ?? null).toBe(severity);
    if (flag) expect(flag.details.latest_partial_date).toBe(latest);
  });
});

describe('REDUCED_CASHFLOWS (seed 004: last 3 paid periods, avg < 0.90; < 0.75 MEDIUM, < 0.50 HIGH)', () => {
  it.each([
    ['avg exactly 0.90', [9_000, 9_000, 9_000], null],
    ['avg exactly 0.90 from mixed ratios (exact, no float noise)', [10_000, 9_000, 8_000], null],
    ['avg 0.8999', [8_999, 8_999, 8_999], ['LOW', 0.8999, 0.8999, 'STABLE']],
    ['avg 0.75', [7_500, 7_500, 7_500], ['LOW', 0.75, 0.75, 'STABLE']],
    ['avg 0.7499', [7_499, 7_499, 7_499], ['MEDIUM', 0.7499, 0.7499, 'STABLE']],
    ['avg 0.50', [5_000, 5_000, 5_000], ['MEDIUM', 0.5, 0.5, 'STABLE']],
    ['avg 0.4999', [4_999, 4_999, 4_999], ['HIGH', 0.4999, 0.4999, 'STABLE']],
    ['newest below oldest → DECLINING', [8_000, 7_000, 6_000], ['MEDIUM', 0.7, 0.6, 'DECLINING']],
    ['rising → STABLE', [6_000, 7_000, 8_000], ['MEDIUM', 0.7, 0.6, 'STABLE']],
    ['newest equal to oldest → STABLE', [7_000, 6_000, 7_000], ['MEDIUM', 0.6667, 0.6, 'STABLE']],
    ['ratios rounded to 4 decimals', [6_667, 6_667, 6_666], ['MEDIUM', 0.6667, 0.6666, 'DECLINING']],
    ['fewer than 3 paying periods', [1_000, 0, 1_000], null],
    ['unpaid periods are skipped', [5_000, 5_000, 0, 5_000], ['MEDIUM', 0.5, 0.5, 'STABLE']],
    ['only the 3 most recent paying periods count', [1_000, 10_000, 10_000, 10_000], null],
    ['overpayment not capped: a catch-up lifts avg above 0.90', [5_000, 5_000, 19_000], null],
    ['overpayment not capped: ratio 1.6 counts in full', [5_000, 5_000, 16_000], ['LOW', 0.8667, 0.5, 'STABLE']],
  ] as const)('%s', (_label, amounts, expected) => {
    const flag = find(flagsFor(amounts), 'REDUCED_CASHFLOWS');
    if (!expected) return expect(flag).toBeNull();
    const [severity, avg, min, trend] = expected;
    expect(flag).toEqual({
      type: 'REDUCED_CASHFLOWS', severity,
      details: { installments_analysed: 3, avg_payment_ratio: avg, min_payment_ratio: min, trend },
    });
  });
});

describe('periods (DESIGN §2: after the previous due date up to and including this one)', () => {
  const three = [installment(1), installment(2), installment(3)];
  it.each([
    ['a payment exactly on the due date belongs to that period', [pay('2026-02-01', 10_000)], '2026-02-02', null],
    ['the day after a due date belongs to the next period', [pay('2026-02-01', 5_000), pay('2026-02-02', 5_000)], '2026-03-02', [2, '2026-03-01']],
    ['the first period starts at origination (origination day included)', [pay('2026-01-01', 5_000)], '2026-02-02', [1, '2026-02-01']],
    ['a payment dated before origination counts in no period', [pay('2025-12-31', 5_000)], '2026-02-02', null],
    ['an installment due on as-of is not yet considered', [pay('2026-02-01', 5_000)], '2026-02-01', null],
    ['an installment due the day before as-of is considered', [pay('2026-02-01', 5_000)], '2026-02-02', [1, '2026-02-01']],
    ['payments dated after as-of are ignored', [pay('2026-02-01', 5_000), pay('2026-03-01', 5_000), pay('2026-04-01', 5_000)], '2026-03-15', [2, '2026-03-01']],
  ] as const)('%s', (_label, payments, asOf, expected) => {
    const flag = find(flagsFor([], { installments: three, payments, asOf: isoDate(asOf) }), 'REPEATED_PARTIAL_PAYMENTS');
    expect(flag ? [flag.details.total_partial_payments, flag.details.latest_partial_date] : null).toEqual(expected);
  });

  it('counts assessed fees in what is due', () => {
    const installments = [installment(1, 500)];
    const flags = flagsFor([], { installments, payments: [pay('2026-02-01', 10_000)] });
    expect(find(flags, 'REPEATED_PARTIAL_PAYMENTS')?.details).toEqual({ total_partial_payments: 1, latest_partial_date: '2026-02-01' });
    expect(find(flagsFor([], { installments, payments: [pay('2026-02-01', 10_500)] }), 'REPEATED_PARTIAL_PAYMENTS')).toBeNull();
  });

  it('treats a period with nothing due as ratio 1 (no division by zero), never as a partial', () => {
    const installments = [installment(1, 0, 0, 0), installment(2), installment(3)];
    const payments = [pay('2026-02-01', 100), pay('2026-03-01', 5_000), pay('2026-04-01', 5_000)];
    const flags = flagsFor([], { installments, payments });
    expect(find(flags, 'REPEATED_PARTIAL_PAYMENTS')?.details.total_partial_payments).toBe(2);
    expect(find(flags, 'REDUCED_CASHFLOWS')).toMatchObject({ severity: 'MEDIUM', details: { avg_payment_ratio: 0.6667, min_payment_ratio: 0.5 } });
  });
});

it('emits HIGH_DPD, REPEATED_PARTIAL_PAYMENTS, REDUCED_CASHFLOWS in that order', () => {
  const flags = flagsFor([5_000, 5_000, 5_000], { dpd: 95 });
  expect(flags.map((f) => [f.type, f.severity])).toEqual([['HIGH_DPD', 'CRITICAL'], ['REPEATED_PARTIAL_PAYMENTS', 'MEDIUM'], ['REDUCED_CASHFLOWS', 'MEDIUM']]);
});
