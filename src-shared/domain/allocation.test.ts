import { describe, expect, it } from 'vitest';
import { epochDay, isoDate } from '../dates';
import { assessLoan, type InstallmentDue } from './allocation';

const schedule: InstallmentDue[] = [
  { seq: 1, dueDay: epochDay(isoDate('2026-01-15')), principalMinor: 10_000, interestMinor: 1_000, feesMinor: 500 },
  { seq: 2, dueDay: epochDay(isoDate('2026-02-15')), principalMinor: 10_000, interestMinor: 900, feesMinor: 0 },
  { seq: 3, dueDay: epochDay(isoDate('2026-03-15')), principalMinor: 10_000, interestMinor: 800, feesMinor: 0 },
];
const pay = (paidOn: string, amountMinor: number) => ({ paidDay: epochDay(isoDate(paidOn)), amountMinor });

describe('payment allocation and DPD', () => {
  it('counts days from the oldest unpaid past-due installment', () => {
    const position = assessLoan(schedule, [], isoDate('2026-02-20'));
    expect(position.dpd).toBe(36);
    expect(position.amountPastDueMinor).toBe(11_500 + 10_900);
    expect(position.balanceMinor).toBe(11_500 + 10_900 + 10_800);
  });

  it('is not past due on the due date itself', () => {
    expect(assessLoan(schedule, [], isoDate('2026-01-15')).dpd).toBe(0);
    expect(assessLoan(schedule, [], isoDate('2026-01-16')).dpd).toBe(1);
  });

  it('pays fees, then interest, then principal within an installment', () => {
    const [first] = assessLoan(schedule, [pay('2026-01-10', 1_200)], isoDate('2026-01-20')).installments;
    expect(first).toMatchObject({ paidFeesMinor: 500, paidInterestMinor: 700, paidPrincipalMinor: 0, unpaidMinor: 10_300 });
  });

  it('ignores payments dated after as-of', () => {
    const position = assessLoan(schedule, [pay('2026-01-25', 11_500)], isoDate('2026-01-20'));
    expect(position.dpd).toBe(5);
    expect(position.paidToDateMinor).toBe(0);
  });

  it('moves DPD to the next unpaid installment once the oldest is paid', () => {
    const position = assessLoan(schedule, [pay('2026-02-01', 11_500)], isoDate('2026-03-01'));
    expect(position.dpd).toBe(14);
    expect(position.oldestPastDueOn).toBe('2026-02-15');
  });

  it('allocates by due date even when sequence numbers disagree', () => {
    const swapped = [{ ...schedule[1]!, seq: 1 }, { ...schedule[0]!, seq: 2 }, schedule[2]!];
    expect(assessLoan(swapped, [pay('2026-01-10', 11_500)], isoDate('2026-02-20')).oldestPastDueOn).toBe('2026-02-15');
  });

  it('applies a prepayment to later installments in order', () => {
    const position = assessLoan(schedule, [pay('2026-01-05', 30_000)], isoDate('2026-03-20'));
    expect(position.installments.map((i) => i.unpaidMinor)).toEqual([0, 0, 3_200]);
    expect(position.dpd).toBe(5);
    const overpaid = assessLoan(schedule, [pay('2026-01-05', 40_000)], isoDate('2026-03-20'));
    expect(overpaid.balanceMinor).toBe(0);
    expect(overpaid.unappliedMinor).toBe(40_000 - 33_200);
  });

  it('a partial payer stays past due on the remainder', () => {
    const position = assessLoan(schedule, [pay('2026-01-15', 6_000), pay('2026-02-15', 6_000)], isoDate('2026-02-16'));
    expect(position.dpd).toBe(1);
    expect(position.amountPastDueMinor).toBe(11_500 + 10_900 - 12_000);
  });
});
