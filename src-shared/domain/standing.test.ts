import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epochDay, fromEpochDay, isoDate } from '../dates';
import { assessLoan } from './allocation';
import { loanStanding } from './standing';

const START = epochDay(isoDate('2025-01-01'));

const schedule = fc
  .array(fc.record({ gap: fc.integer({ min: 0, max: 40 }), principal: fc.integer({ min: 0, max: 50_000 }), interest: fc.integer({ min: 0, max: 5_000 }), fees: fc.integer({ min: 0, max: 2_000 }) }), { maxLength: 24 })
  .map((rows) => {
    let day = START;
    return rows.map((row, index) => ({ seq: index + 1, dueDay: (day += row.gap), principalMinor: row.principal, interestMinor: row.interest, feesMinor: row.fees }));
  });
const payments = fc.array(fc.record({ paidDay: fc.integer({ min: START - 30, max: START + 800 }), amountMinor: fc.integer({ min: 1, max: 80_000 }) }), { maxLength: 30 });

describe('loan standing', () => {
  it('equals the totals of the full allocation for any schedule, payments and date', () => {
    fc.assert(
      fc.property(schedule, payments, fc.integer({ min: START - 10, max: START + 900 }), (installments, paid, asOfDay) => {
        const asOf = fromEpochDay(asOfDay);
        const full = assessLoan(installments, paid, asOf);
        expect(loanStanding(installments, paid, asOf)).toEqual({
          dpd: full.dpd,
          oldestPastDueOn: full.oldestPastDueOn,
          amountPastDueMinor: full.amountPastDueMinor,
          balanceMinor: full.balanceMinor,
        });
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  it('refuses installments out of due order rather than answering wrongly', () => {
    const late = { seq: 1, dueDay: START + 30, principalMinor: 1, interestMinor: 0, feesMinor: 0 };
    const early = { seq: 2, dueDay: START, principalMinor: 1, interestMinor: 0, feesMinor: 0 };
    expect(() => loanStanding([late, early], [], isoDate('2025-06-01'))).toThrow(/due order/);
  });
});
