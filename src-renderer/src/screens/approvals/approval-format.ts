import type { PendingSettlement } from '../../../../src-shared/contract';
import type { SettlementType } from '../../../../src-shared/domain/vocabulary';
import { formatMinor } from '../../../../src-shared/money';

export const SETTLEMENT_TYPE_LABELS: Record<SettlementType, string> = {
  full_payment: 'Full payment',
  partial_settlement: 'Partial settlement',
  short_plan_3: '3-month plan',
  short_plan_6: '6-month plan',
  long_plan_12: '12-month plan',
  manual: 'Manual terms',
};

/** "Partial settlement: USD 8,000.00 of 10,000.00 (20% off)" or "12-month plan: 12 × …". */
export function settlementTerms(offer: Pick<PendingSettlement, 'type' | 'amountMinor' | 'balanceMinor' | 'discountPct' | 'installments' | 'currency'>): string {
  const amount = formatMinor(offer.amountMinor, offer.currency);
  const plan = offer.installments > 1 ? ` in ${offer.installments} payments` : '';
  const discount = offer.discountPct > 0 ? ` (${offer.discountPct}% off ${formatMinor(offer.balanceMinor, offer.currency)})` : '';
  return `${SETTLEMENT_TYPE_LABELS[offer.type]}: ${amount}${plan}${discount}`;
}
