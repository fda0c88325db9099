import { z } from 'zod';
import { parseIsoDate, type IsoDate } from '../dates';
import type { SettlementOption } from '../domain/settlement';
import { SETTLEMENT_TYPES, type PromiseStatus, type SettlementStatus, type SettlementType } from '../domain/vocabulary';
import type { Minor } from '../money';
import { defineChannel } from './define-channel';

const id = z.string().min(1).max(64);
const isoDateText = z.string().refine((text) => parseIsoDate(text) !== null, 'must be a date written YYYY-MM-DD');
const CALCULATOR_TYPES = SETTLEMENT_TYPES.filter((type): type is Exclude<SettlementType, 'manual'> => type !== 'manual');

/** One lifecycle step: who moved the offer (a user id, or "engine" for the daily run) and when. */
export interface SettlementHistoryEntry {
  status: SettlementStatus;
  by: string;
  /** The user's name for display; null for the engine or a user no longer known. */
  byName: string | null;
  at: string;
  note?: string;
}

export interface SettlementOfferView {
  id: string;
  caseId: string;
  type: SettlementType;
  status: SettlementStatus;
  currency: string;
  /** The case balance the offer was made on. */
  balanceMinor: Minor;
  /** Total the borrower pays. */
  amountMinor: Minor;
  discountPct: number;
  installments: number;
  requiresApproval: boolean;
  expiresOn: IsoDate | null;
  history: SettlementHistoryEntry[];
  /** The promises an accepted offer became, oldest due first; empty before acceptance. */
  promises: { id: string; dueOn: IsoDate; amountMinor: Minor; status: PromiseStatus }[];
}

export interface SettlementOptionsView {
  caseId: string;
  currency: string;
  balanceMinor: Minor;
  dpd: number;
  maxDiscountPct: number;
  /** Above this balance a 12-month plan needs approval (per currency, 1,000.00 by default). */
  longPlanThresholdMinor: Minor;
  options: SettlementOption[];
}

const manualTerms = z
  .object({
    amountMinor: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    installments: z.number().int().min(1).max(60),
    discountPct: z.number().int().min(0).max(100),
  })
  .strict()
  .refine((terms) => terms.amountMinor >= terms.installments, { message: 'every payment must be at least one minor unit', path: ['amountMinor'] });

const createSettlementSchema = z
  .object({ caseId: id, option: z.enum(CALCULATOR_TYPES).optional(), manual: manualTerms.optional() })
  .strict()
  .refine((input) => (input.option === undefined) !== (input.manual === undefined), { message: 'give either a calculator option or manual terms', path: ['option'] });

const offerRef = z.object({ offerId: id }).strict();

export const settlementChannels = {
  'settlements.list': defineChannel<SettlementOfferView[]>()({ input: z.object({ caseId: id }).strict(), permission: 'view_cases', kind: 'query' }),
  'settlements.options': defineChannel<SettlementOptionsView>()({ input: z.object({ caseId: id }).strict(), permission: 'view_cases', kind: 'query' }),
  'settlements.create': defineChannel<SettlementOfferView>()({ input: createSettlementSchema, permission: 'update_case', kind: 'command' }),
  'settlements.submit': defineChannel<SettlementOfferView>()({ input: offerRef, permission: 'update_case', kind: 'command' }),
  'settlements.approve': defineChannel<SettlementOfferView>()({
    input: z.object({ offerId: id, note: z.string().trim().min(1).max(1000).optional() }).strict(),
    permission: 'approve_settlement',
    kind: 'command',
  }),
  'settlements.reject': defineChannel<SettlementOfferView>()({
    input: z.object({ offerId: id, reason: z.string().trim().min(3, 'give a reason of at least 3 characters').max(1000) }).strict(),
    permission: 'approve_settlement',
    kind: 'command',
  }),
  'settlements.offer': defineChannel<SettlementOfferView>()({ input: z.object({ offerId: id, expiresOn: isoDateText.optional() }).strict(), permission: 'update_case', kind: 'command' }),
  'settlements.accept': defineChannel<SettlementOfferView>()({ input: offerRef, permission: 'update_case', kind: 'command' }),
  'settlements.decline': defineChannel<SettlementOfferView>()({
    input: z.object({ offerId: id, reason: z.string().trim().min(1).max(1000).optional() }).strict(),
    permission: 'update_case',
    kind: 'command',
  }),
};
