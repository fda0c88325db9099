import { describe, expect, it } from 'vitest';
import { addDays, epochDay, isoDate } from '../dates';
import type { InstallmentDue, PaymentMade } from './allocation';
import { lateFeesToAssess, type FeeSchedule, type LateFeeToAssess } from './late-fees';

const due = (seq: number, on: string, principalMinor: number, interestMinor: number, feesMinor = 0): InstallmentDue =>
  ({ seq, dueDay: epochDay(isoDate(on)), principalMinor, interestMinor, feesMinor });
const installments = [due(1, '2026-01-15', 10_000, 1_000), due(2, '2026-02-15', 10_000, 900), due(3, '2026-03-15', 10_000, 800)];
const pay = (paidOn: string, amountMinor: number): PaymentMade => ({ paidDay: epochDay(isoDate(paidOn)), amountMinor });
const flat: FeeSchedule = { graceDays: 10, flatFeeMinor: 2_500, percentBps: 0, maxFeeMinor: null };
const fee = (seq: number, amountMinor: number, assessedOn: string) => ({ seq, amountMinor, assessedOn });

interface Case {
  name: string;
  asOf: string;
  schedule?: FeeSchedule | null;
  payments?: PaymentMade[];
  assessed?: number[];
  loan?: InstallmentDue[];
  expected: ReturnType<typeof fee>[];
}

// Seq 1 is due 2026-01-15: with 10 grace days its assessment date is 2026-01-26.
const cases: Case[] = [
  { name: 'no schedule configured, however late', asOf: '2026-06-30', schedule: null, expected: [] },
  { name: 'still within grace', asOf: '2026-01-25', expected: [] },
  { name: 'the day after grace', asOf: '2026-01-26', expected: [fee(1, 2_500, '2026-01-26')] },
  { name: 'paid in full on the last grace day', asOf: '2026-01-26', payments: [pay('2026-01-25', 11_000)], expected: [] },
  { name: 'paid in full on the assessment date itself', asOf: '2026-01-26', payments: [pay('2026-01-26', 11_000)], expected: [] },
  { name: 'partial payment is still late', asOf: '2026-01-26', payments: [pay('2026-01-20', 10_999)], expected: [fee(1, 2_500, '2026-01-26')] },
  { name: 'a payment after the assessment date does not undo the fee', asOf: '2026-02-01', payments: [pay('2026-01-27', 11_000)], expected: [fee(1, 2_500, '2026-01-26')] },
  { name: 'percent rounds half up (5 bps of 110.00 = 5.5)', asOf: '2026-01-26', schedule: { ...flat, flatFeeMinor: 0, percentBps: 5 }, expected: [fee(1, 6, '2026-01-26')] },
  { name: 'percent rounds down below a half (3 bps of 110.00 = 3.3)', asOf: '2026-01-26', schedule: { ...flat, flatFeeMinor: 0, percentBps: 3 }, expected: [fee(1, 3, '2026-01-26')] },
  { name: 'flat plus percent', asOf: '2026-01-26', schedule: { ...flat, flatFeeMinor: 1_000, percentBps: 100 }, expected: [fee(1, 1_110, '2026-01-26')] },
  { name: 'capped at the maximum', asOf: '2026-01-26', schedule: { ...flat, percentBps: 500, maxFeeMinor: 3_000 }, expected: [fee(1, 3_000, '2026-01-26')] },
  { name: 'a zero fee is not assessed', asOf: '2026-01-26', schedule: { ...flat, maxFeeMinor: 0 }, expected: [] },
  {
    name: 'percent is on the amount due including the installment\'s own fees',
    asOf: '2026-01-26', schedule: { ...flat, flatFeeMinor: 0, percentBps: 1_000 },
    loan: [due(1, '2026-01-15', 10_000, 1_000, 500)], expected: [fee(1, 1_150, '2026-01-26')],
  },
  {
    name: 'already assessed installments are skipped',
    asOf: '2026-02-26', assessed: [1], loan: [due(1, '2026-01-15', 10_000, 1_000, 2_500), installments[1]!, installments[2]!],
    expected: [fee(2, 2_500, '2026-02-26')],
  },
  {
    name: 'an earlier late fee on record is due before a later installment',
    asOf: '2026-02-26', assessed: [1], payments: [pay('2026-01-30', 21_900)],
    loan: [due(1, '2026-01-15', 10_000, 1_000, 2_500), installments[1]!, installments[2]!], expected: [fee(2, 2_500, '2026-02-26')],
  },
  {
    name: 'a fee found earlier in the same call is due before a later installment',
    asOf: '2026-02-26', payments: [pay('2026-01-30', 21_900)], expected: [fee(1, 2_500, '2026-01-26'), fee(2, 2_500, '2026-02-26')],
  },
  { name: 'skipped days give the same assessment dates', asOf: '2026-04-30', expected: [fee(1, 2_500, '2026-01-26'), fee(2, 2_500, '2026-02-26'), fee(3, 2_500, '2026-03-26')] },
  { name: 'a prepayment covering a later installment means no fee', asOf: '2026-03-01', payments: [pay('2026-01-10', 21_900)], expected: [] },
  { name: 'installments given out of due order', asOf: '2026-02-26', loan: [installments[2]!, installments[1]!, installments[0]!], expected: [fee(1, 2_500, '2026-01-26'), fee(2, 2_500, '2026-02-26')] },
];

describe('lateFeesToAssess', () => {
  it.each(cases)('$name', (c) => {
    const fees = lateFeesToAssess({
      installments: c.loan ?? installments,
      payments: c.payments ?? [],
      asOf: isoDate(c.asOf),
      schedule: c.schedule === undefined ? flat : c.schedule,
      alreadyAssessedSeqs: new Set(c.assessed ?? []),
    });
    expect(fees).toEqual(c.expected);
  });

  it('a daily run recording its fees gives the same rows as one run after skipped days', () => {
    const payments = [pay('2026-01-30', 21_900), pay('2026-03-20', 5_000)];
    const loan = installments.map((installment) => ({ ...installment }));
    const assessed = new Set<number>();
    const daily: LateFeeToAssess[] = [];
    for (let day = isoDate('2026-01-01'); day <= '2026-04-30'; day = addDays(day, 1)) {
      for (const found of lateFeesToAssess({ installments: loan, payments, asOf: day, schedule: flat, alreadyAssessedSeqs: assessed })) {
        expect(found.assessedOn).toBe(day);
        loan.find((installment) => installment.seq === found.seq)!.feesMinor += found.amountMinor;
        assessed.add(found.seq);
        daily.push(found);
      }
    }
    const once = lateFeesToAssess({ installments, payments, asOf: isoDate('2026-04-30'), schedule: flat, alreadyAssessedSeqs: new Set() });
    expect(once).toEqual(daily);
    expect(once.map((row) => row.seq)).toEqual([1, 2, 3]);
  });
});
