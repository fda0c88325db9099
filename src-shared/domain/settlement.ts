import type { Minor } from '../money';
import { scaleMinor } from '../money';
import type { SettlementType } from './vocabulary';

export interface SettlementOption {
  type: Exclude<SettlementType, 'manual'>;
  /** Total to pay, in minor units. */
  amountMinor: Minor;
  /** Whole percent off the balance. */
  discountPct: number;
  /** Number of payments; 1 for a lump sum. */
  installments: number;
  requiresApproval: boolean;
}

/** Maximum discount by DPD (seed 003): 0–30 0%, 31–60 5%, 61–90 10%, 91+ 20%. */
export function maxDiscountPct(dpd: number): number {
  if (dpd <= 30) return 0;
  if (dpd <= 60) return 5;
  if (dpd <= 90) return 10;
  return 20;
}

/** Supervisor approval: any discount above 10%, and a 12-month plan on a balance above the threshold. */
export const APPROVAL_DISCOUNT_ABOVE_PCT = 10;
export const DEFAULT_LONG_PLAN_THRESHOLD_MINOR = 100_000;

/**
 * The calculator's options on the balance (DESIGN §2): full payment; a discounted lump sum only
 * past 30 DPD, rounded half up to the minor unit; 3- and 6-month plans; a 12-month plan.
 * `longPlanThresholdMinor` is per currency (1,000.00 unless configured).
 */
export function settlementOptions(balanceMinor: Minor, dpd: number, longPlanThresholdMinor: Minor = DEFAULT_LONG_PLAN_THRESHOLD_MINOR): SettlementOption[] {
  const discount = maxDiscountPct(dpd);
  const options: SettlementOption[] = [{ type: 'full_payment', amountMinor: balanceMinor, discountPct: 0, installments: 1, requiresApproval: false }];
  if (dpd > 30) {
    options.push({
      type: 'partial_settlement',
      amountMinor: scaleMinor(balanceMinor, 100 - discount, 100),
      discountPct: discount,
      installments: 1,
      requiresApproval: discount > APPROVAL_DISCOUNT_ABOVE_PCT,
    });
  }
  options.push(
    { type: 'short_plan_3', amountMinor: balanceMinor, discountPct: 0, installments: 3, requiresApproval: false },
    { type: 'short_plan_6', amountMinor: balanceMinor, discountPct: 0, installments: 6, requiresApproval: false },
    { type: 'long_plan_12', amountMinor: balanceMinor, discountPct: 0, installments: 12, requiresApproval: balanceMinor > longPlanThresholdMinor },
  );
  return options;
}

/** Splits a plan's total into equal payments, the remainder on the first. */
export function planPayments(totalMinor: Minor, installments: number): Minor[] {
  const each = Math.floor(totalMinor / installments);
  return Array.from({ length: installments }, (_, index) => (index === 0 ? totalMinor - each * (installments - 1) : each));
}
