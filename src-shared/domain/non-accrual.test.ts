import { describe, expect, it } from 'vitest';
import { epochDay, isoDate } from '../dates';
import type { InstallmentDue, PaymentMade } from './allocation';
import { DEFAULT_NON_ACCRUAL_DPD, nonAccrualChange, type NonAccrualChange } from './non-accrual';

const due = (seq: number, on: string, interestMinor: number, feesMinor = 0): InstallmentDue =>
  ({ seq, dueDay: epochDay(isoDate(on)), principalMinor: 10_000, interestMinor, feesMinor });
// Seq 1 carries a 5.00 late fee record, paid before its interest. Seq 4 falls due on as-of: not past due.
const installments = [due(1, '2026-01-15', 1_000, 500), due(2, '2026-02-15', 900), due(3, '2026-03-15', 800), due(4, '2026-04-16', 700)];
const pay = (paidOn: string, amountMinor: number): PaymentMade => ({ paidDay: epochDay(isoDate(paidOn)), amountMinor });
// 2026-01-15 to 2026-04-16 is 91 days: the first day past the default threshold.
const asOf = isoDate('2026-04-16');
const nothing: NonAccrualChange = { enter: null, clear: false };
const enter = (reversedInterestMinor: number): NonAccrualChange => ({ enter: { reversedInterestMinor }, clear: false });

interface Case {
  name: string;
  dpd: number;
  isNonAccrual: boolean;
  thresholdDpd?: number;
  payments?: PaymentMade[];
  expected: NonAccrualChange;
}

const cases: Case[] = [
  { name: 'DPD 90 is not above the default threshold', dpd: 90, isNonAccrual: false, expected: nothing },
  { name: 'DPD 91 enters, reversing all past-due interest', dpd: 91, isNonAccrual: false, expected: enter(1_000 + 900 + 800) },
  {
    name: 'DPD 91 after a partial payment that went to fees first, then interest',
    dpd: 91, isNonAccrual: false, payments: [pay('2026-01-10', 1_200)], expected: enter(300 + 900 + 800),
  },
  {
    name: 'interest paid in full on an installment whose principal is still owed is not reversed',
    dpd: 91, isNonAccrual: false, payments: [pay('2026-01-20', 2_900)], expected: enter(900 + 800),
  },
  { name: 'payments dated after as-of are not counted', dpd: 91, isNonAccrual: false, payments: [pay('2026-04-17', 5_000)], expected: enter(2_700) },
  { name: 'already on non-accrual: entered only once', dpd: 120, isNonAccrual: true, expected: nothing },
  { name: 'current again while on non-accrual clears it', dpd: 0, isNonAccrual: true, expected: { enter: null, clear: true } },
  { name: 'DPD 30 while on non-accrual stays on', dpd: 30, isNonAccrual: true, expected: nothing },
  { name: 'DPD 91 while on non-accrual stays on', dpd: 91, isNonAccrual: true, expected: nothing },
  { name: 'current and accruing changes nothing', dpd: 0, isNonAccrual: false, expected: nothing },
  { name: 'a configured threshold of 60 enters at 61', dpd: 61, thresholdDpd: 60, isNonAccrual: false, expected: enter(2_700) },
  { name: 'a configured threshold of 120 keeps accruing at 91', dpd: 91, thresholdDpd: 120, isNonAccrual: false, expected: nothing },
];

describe('nonAccrualChange', () => {
  it('defaults to a threshold of 90 DPD', () => expect(DEFAULT_NON_ACCRUAL_DPD).toBe(90));

  it.each(cases)('$name', (c) => {
    const change = nonAccrualChange({
      dpd: c.dpd,
      ...(c.thresholdDpd === undefined ? {} : { thresholdDpd: c.thresholdDpd }),
      isNonAccrual: c.isNonAccrual,
      installments,
      payments: c.payments ?? [],
      asOf,
    });
    expect(change).toEqual(c.expected);
  });
});
