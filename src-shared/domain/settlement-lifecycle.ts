import { addDays, addMonths, type IsoDate } from '../dates';
import type { Minor } from '../money';
import { APPROVAL_DISCOUNT_ABOVE_PCT, maxDiscountPct, planPayments } from './settlement';
import type { SettlementStatus } from './vocabulary';

/** What a person (or, for `expire`, the daily run) can do to an offer. */
export const SETTLEMENT_ACTIONS = ['submit', 'approve', 'reject', 'offer', 'accept', 'decline', 'expire'] as const;
export type SettlementAction = (typeof SETTLEMENT_ACTIONS)[number];

/** Nothing moves an offer out of these: the lifecycle only goes forward. */
export const FINAL_SETTLEMENT_STATUSES: readonly SettlementStatus[] = ['rejected', 'accepted', 'declined', 'expired'];

/** `reason` completes a sentence that names the current status, e.g. "offer X is approved; <reason>". */
export type TransitionResult = { ok: true; status: SettlementStatus } | { ok: false; reason: string };

/**
 * The offer lifecycle (seed 003, DESIGN §2): draft → pending_approval → approved/rejected →
 * offered → accepted/declined/expired. An offer that needs no approval may skip straight from
 * draft to offered, but may still be submitted when an agent wants a supervisor's view; one that
 * needs approval cannot reach the borrower before it is approved. Who may act is the contract's
 * permission check, not this function's, so the relay and the desktop judge transitions alike.
 */
export function nextSettlementStatus(current: SettlementStatus, action: SettlementAction, offer: { requiresApproval: boolean }): TransitionResult {
  if (FINAL_SETTLEMENT_STATUSES.includes(current)) return { ok: false, reason: 'that is final' };
  switch (action) {
    case 'submit':
      return current === 'draft' ? { ok: true, status: 'pending_approval' } : { ok: false, reason: 'only a draft can be submitted for approval' };
    case 'approve':
    case 'reject':
      return current === 'pending_approval'
        ? { ok: true, status: action === 'approve' ? 'approved' : 'rejected' }
        : { ok: false, reason: `only an offer pending approval can be ${action === 'approve' ? 'approved' : 'rejected'}` };
    case 'offer':
      if (current === 'approved') return { ok: true, status: 'offered' };
      if (current === 'draft' && !offer.requiresApproval) return { ok: true, status: 'offered' };
      if (current === 'draft' || current === 'pending_approval') return { ok: false, reason: 'it needs a supervisor’s approval before it can be offered' };
      return { ok: false, reason: 'it has already been offered' };
    case 'accept':
    case 'decline':
    case 'expire':
      return current === 'offered'
        ? { ok: true, status: action === 'accept' ? 'accepted' : action === 'decline' ? 'declined' : 'expired' }
        : { ok: false, reason: `only an offer made to the borrower can be ${action === 'accept' ? 'accepted' : action === 'decline' ? 'declined' : 'expired'}` };
  }
}

/**
 * A manual offer needs a supervisor on the same terms as the calculator's (a discount above 10%,
 * or a plan of 12 payments or more on a balance above the per-currency threshold), and also for
 * any discount beyond what the calculator allows at this DPD: an agent may not go past the table.
 */
export function manualOfferRequiresApproval(terms: { discountPct: number; installments: number }, balanceMinor: Minor, longPlanThresholdMinor: Minor, dpd: number): boolean {
  return (
    terms.discountPct > APPROVAL_DISCOUNT_ABOVE_PCT ||
    terms.discountPct > maxDiscountPct(dpd) ||
    (terms.installments >= 12 && balanceMinor > longPlanThresholdMinor)
  );
}

/** Days after acceptance a lump sum is due when the offer carries no expiry, and the first plan payment. */
export const LUMP_SUM_DUE_DAYS = 7;
export const FIRST_PLAN_PAYMENT_DAYS = 30;

/**
 * The promises an accepted offer becomes: a lump sum due on the offer's expiry (or a week after
 * acceptance), or one promise per plan payment, monthly from 30 days after acceptance. Each month
 * is counted from the first due date, not chained, so clamping to a short month does not drift.
 */
export function acceptedOfferSchedule(offer: { amountMinor: Minor; installments: number; expiresOn: IsoDate | null }, acceptedOn: IsoDate): { dueOn: IsoDate; amountMinor: Minor }[] {
  if (offer.installments === 1) return [{ dueOn: offer.expiresOn ?? addDays(acceptedOn, LUMP_SUM_DUE_DAYS), amountMinor: offer.amountMinor }];
  const first = addDays(acceptedOn, FIRST_PLAN_PAYMENT_DAYS);
  return planPayments(offer.amountMinor, offer.installments).map((amountMinor, index) => ({ dueOn: addMonths(first, index), amountMinor }));
}
