import { describe, expect, it } from 'vitest';
import { maxDiscountPct, planPayments, settlementOptions } from './settlement';

describe('settlement calculator (seed 003)', () => {
  it.each([
    [0, 0], [30, 0], [31, 5], [60, 5], [61, 10], [90, 10], [91, 20], [400, 20],
  ])('DPD %i allows at most %i%% off', (dpd, pct) => {
    expect(maxDiscountPct(dpd)).toBe(pct);
  });

  it('offers full payment and the plans, no discount, up to DPD 30', () => {
    expect(settlementOptions(90_000, 30).map((o) => [o.type, o.amountMinor, o.discountPct, o.installments, o.requiresApproval])).toEqual([
      ['full_payment', 90_000, 0, 1, false],
      ['short_plan_3', 90_000, 0, 3, false],
      ['short_plan_6', 90_000, 0, 6, false],
      ['long_plan_12', 90_000, 0, 12, false],
    ]);
  });

  it.each([
    [31, 123_457, 117_284, 5, false],
    [61, 123_455, 111_110, 10, false],
    [91, 123_457, 98_766, 20, true],
    [91, 5, 4, 20, true],
  ])('at DPD %i a balance of %i settles for %i (%i%% off, approval %s)', (dpd, balance, amount, pct, approval) => {
    expect(settlementOptions(balance, dpd).find((o) => o.type === 'partial_settlement')).toEqual({
      type: 'partial_settlement', amountMinor: amount, discountPct: pct, installments: 1, requiresApproval: approval,
    });
  });

  it('needs approval for a 12-month plan only above the threshold', () => {
    const at = settlementOptions(100_000, 10).find((o) => o.type === 'long_plan_12')!;
    const above = settlementOptions(100_001, 10).find((o) => o.type === 'long_plan_12')!;
    expect([at.requiresApproval, above.requiresApproval]).toEqual([false, true]);
    expect(settlementOptions(100_001, 10, 500_000).find((o) => o.type === 'long_plan_12')!.requiresApproval).toBe(false);
  });

  it('puts the remainder of a plan on the first payment', () => {
    expect(planPayments(100_000, 3)).toEqual([33_334, 33_333, 33_333]);
    expect(planPayments(100_005, 6)).toEqual([16_670, 16_667, 16_667, 16_667, 16_667, 16_667]);
    expect(planPayments(90_000, 12).reduce((a, b) => a + b, 0)).toBe(90_000);
  });
});
