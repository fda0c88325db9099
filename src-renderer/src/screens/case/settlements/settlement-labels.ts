import type { SettlementStatus, SettlementType } from '../../../../../src-shared/domain/vocabulary';

export const SETTLEMENT_TYPE_LABELS: Record<SettlementType, string> = {
  full_payment: 'Full payment',
  partial_settlement: 'Discounted lump sum',
  short_plan_3: '3-month plan',
  short_plan_6: '6-month plan',
  long_plan_12: '12-month plan',
  manual: 'Manual terms',
};

export const SETTLEMENT_STATUS_LABELS: Record<SettlementStatus, string> = {
  draft: 'Draft',
  pending_approval: 'Pending approval',
  approved: 'Approved',
  rejected: 'Rejected',
  offered: 'Offered',
  accepted: 'Accepted',
  declined: 'Declined',
  expired: 'Expired',
};

export const SETTLEMENT_STATUS_COLORS: Record<SettlementStatus, string> = {
  draft: 'gray',
  pending_approval: 'orange',
  approved: 'teal',
  rejected: 'red',
  offered: 'blue',
  accepted: 'green',
  declined: 'red',
  expired: 'gray',
};

/** "Discounted lump sum, 20% off" or "6-month plan": how an agent names the terms. */
export function termsLabel(terms: { type: SettlementType; discountPct: number }): string {
  return terms.discountPct > 0 ? `${SETTLEMENT_TYPE_LABELS[terms.type]}, ${terms.discountPct}% off` : SETTLEMENT_TYPE_LABELS[terms.type];
}
