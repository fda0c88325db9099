import { randomUUID } from 'node:crypto';
import type { ChannelName, SettlementOfferView } from '../../src-shared/contract';
import { isoDate, type IsoDate } from '../../src-shared/dates';
import { maxDiscountPct, settlementOptions, type SettlementOption } from '../../src-shared/domain/settlement';
import { acceptedOfferSchedule, manualOfferRequiresApproval, nextSettlementStatus, type SettlementAction } from '../../src-shared/domain/settlement-lifecycle';
import { AppError } from '../../src-shared/errors';
import { stableId } from '../../src-shared/ids';
import { scaleMinor, type Minor } from '../../src-shared/money';
import { requireActiveCase, requireCase } from '../case-work/require-case';
import type { HandlerContext, HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';
import { runCommand } from '../store/run-command';
import { longPlanThresholdMinor, offerRecords, type OfferRow } from './offer-records';

type SettlementChannel = Extract<ChannelName, `settlements.${string}`>;

/** Audit event type per action, on entity `settlement_offer`. */
const EVENT_OF: Record<Exclude<SettlementAction, 'expire'>, string> = {
  submit: 'settlement.submitted',
  approve: 'settlement.approved',
  reject: 'settlement.rejected',
  offer: 'settlement.offered',
  accept: 'settlement.accepted',
  decline: 'settlement.declined',
};

interface Move {
  name: SettlementChannel;
  args: { offerId: string };
  action: Exclude<SettlementAction, 'expire'>;
  note?: string | undefined;
  /** Refusing, say, to approve an offer on a cured case; rejecting or declining one stays possible. */
  needsActiveCase: boolean;
  /** Checks and side effects of the step, inside its transaction; returns extra audit payload. */
  also?: (row: OfferRow, at: string) => { expiresOn?: IsoDate; payload?: Record<string, unknown> };
}

export function settlementHandlers(store: Store): HandlerSlice<SettlementChannel> {
  const { sqlite } = store;
  const offers = offerRecords(sqlite);
  const acceptedOnCase = sqlite.prepare(`SELECT id FROM settlement_offers WHERE case_id = ? AND status = 'accepted' AND id != ?`).pluck();
  const insertPromise = sqlite.prepare(`INSERT INTO promises (id, case_id, loan_id, created_on, due_on, amount_minor, status, settlement_offer_id, created_by)
                                        VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)`);

  /** One lifecycle step as a command: transition check, history, audit event and outbox entry in one transaction. */
  const move = (step: Move, { actor, broadcast }: HandlerContext): SettlementOfferView => {
    const view = runCommand(store, actor!, step.name, step.args, (at) => {
      const row = offers.require(step.args.offerId);
      if (step.needsActiveCase) requireActiveCase(sqlite, row.case_id, 'offerId');
      const next = nextSettlementStatus(row.status, step.action, { requiresApproval: row.requires_approval === 1 });
      if (!next.ok) throw new AppError('conflict', `settlement offer ${row.id} is ${row.status}; ${next.reason}`, 'offerId');
      const extra = step.also?.(row, at) ?? {};
      offers.move(row, { status: next.status, by: actor!.id, at, ...(step.note ? { note: step.note } : {}) }, extra.expiresOn);
      const payload = { caseId: row.case_id, from: row.status, to: next.status, ...(step.note ? { note: step.note } : {}), ...extra.payload };
      return { value: offers.view(row.id), audit: [{ type: EVENT_OF[step.action], entityType: 'settlement_offer', entityId: row.id, payload }] };
    });
    broadcast('cases.changed', { caseIds: [view.caseId] });
    return view;
  };

  /** Turns an accepted offer into its promises (DESIGN §2); the acceptance date is the command's UTC date. */
  const accept = (row: OfferRow, at: string, actorId: string) => {
    const acceptedOn = isoDate(at.slice(0, 10));
    if (row.expires_on !== null && row.expires_on < acceptedOn) throw new AppError('conflict', `settlement offer ${row.id} expired on ${row.expires_on}`, 'offerId');
    const other = acceptedOnCase.get(row.case_id, row.id) as string | undefined;
    if (other) throw new AppError('conflict', `the case already has an accepted settlement offer (${other})`, 'offerId');
    const theCase = requireCase(sqlite, row.case_id);
    // The terms were worked out on the balance of the day; after a payment or a fee they no longer fit.
    if (theCase.balance_minor !== row.balance_minor) {
      throw new AppError('conflict', `the case balance moved from ${row.balance_minor} to ${theCase.balance_minor} since the offer was drafted; draft a new one`, 'offerId');
    }
    const promiseIds = acceptedOfferSchedule({ amountMinor: row.amount_minor, installments: row.installments, expiresOn: row.expires_on }, acceptedOn).map((payment, index) => {
      // Derived from the offer's own client-made id, so the relay replaying the command makes the same rows.
      const promiseId = stableId('promise', row.id, index);
      insertPromise.run(promiseId, row.case_id, theCase.loan_id, acceptedOn, payment.dueOn, payment.amountMinor, row.id, actorId);
      return promiseId;
    });
    return { payload: { acceptedOn, promiseIds } };
  };

  return {
    'settlements.list': ({ caseId }) => {
      requireCase(sqlite, caseId);
      return offers.listForCase(caseId);
    },
    'settlements.options': ({ caseId }) => {
      const theCase = requireCase(sqlite, caseId);
      const threshold = longPlanThresholdMinor(sqlite, theCase.currency);
      return {
        caseId,
        currency: theCase.currency,
        balanceMinor: theCase.balance_minor,
        dpd: theCase.dpd,
        maxDiscountPct: maxDiscountPct(theCase.dpd),
        longPlanThresholdMinor: threshold,
        options: settlementOptions(theCase.balance_minor, theCase.dpd, threshold),
      };
    },
    'settlements.create': (input, { actor, broadcast }) => {
      // A client-made id (DESIGN §3), carried in the outbox args so the relay creates the same row.
      const offerId = `settlement_${randomUUID()}`;
      const view = runCommand(store, actor!, 'settlements.create', { ...input, offerId }, (at) => {
        const theCase = requireActiveCase(sqlite, input.caseId);
        if (theCase.balance_minor <= 0) throw new AppError('conflict', `case ${theCase.id} has no balance to settle`, 'caseId');
        const threshold = longPlanThresholdMinor(sqlite, theCase.currency);
        const terms = input.option !== undefined ? calculatorTerms(input.option, theCase.balance_minor, theCase.dpd, threshold) : manualTerms(input.manual!, theCase.balance_minor, theCase.dpd, threshold);
        const offer = { id: offerId, caseId: theCase.id, balanceMinor: theCase.balance_minor, ...terms };
        offers.insert(offer, { status: 'draft', by: actor!.id, at });
        return { value: offers.view(offerId), audit: [{ type: 'settlement.created', entityType: 'settlement_offer', entityId: offerId, payload: offer }] };
      });
      broadcast('cases.changed', { caseIds: [view.caseId] });
      return view;
    },
    'settlements.submit': (args, context) => move({ name: 'settlements.submit', args, action: 'submit', needsActiveCase: true }, context),
    'settlements.approve': (args, context) => move({ name: 'settlements.approve', args, action: 'approve', note: args.note, needsActiveCase: true }, context),
    'settlements.reject': (args, context) => move({ name: 'settlements.reject', args, action: 'reject', note: args.reason, needsActiveCase: false }, context),
    'settlements.offer': (args, context) =>
      move(
        {
          name: 'settlements.offer',
          args,
          action: 'offer',
          needsActiveCase: true,
          also: (_row, at) => {
            if (args.expiresOn === undefined) return {};
            if (args.expiresOn < at.slice(0, 10)) throw new AppError('validation', `expiresOn ${args.expiresOn} is already past`, 'expiresOn');
            return { expiresOn: isoDate(args.expiresOn), payload: { expiresOn: args.expiresOn } };
          },
        },
        context,
      ),
    'settlements.accept': (args, context) => move({ name: 'settlements.accept', args, action: 'accept', needsActiveCase: true, also: (row, at) => accept(row, at, context.actor!.id) }, context),
    'settlements.decline': (args, context) => move({ name: 'settlements.decline', args, action: 'decline', note: args.reason, needsActiveCase: false }, context),
  };
}

/** A calculator option, recomputed here on the stored balance and DPD: the renderer's copy is never trusted. */
function calculatorTerms(type: SettlementOption['type'], balanceMinor: Minor, dpd: number, threshold: Minor) {
  const option = settlementOptions(balanceMinor, dpd, threshold).find((candidate) => candidate.type === type);
  if (!option) throw new AppError('conflict', `${type} is not available at ${dpd} days past due`, 'option');
  return { type: option.type, amountMinor: option.amountMinor, discountPct: option.discountPct, installments: option.installments, requiresApproval: option.requiresApproval };
}

/**
 * Manual terms: the amount must lie between the balance and the balance less the stated discount,
 * so a discount cannot be hidden in the amount to dodge the approval rule.
 */
function manualTerms(manual: { amountMinor: Minor; installments: number; discountPct: number }, balanceMinor: Minor, dpd: number, threshold: Minor) {
  const floor = scaleMinor(balanceMinor, 100 - manual.discountPct, 100);
  if (manual.amountMinor > balanceMinor) throw new AppError('validation', `the amount exceeds the balance of ${balanceMinor}`, 'manual.amountMinor');
  if (manual.amountMinor < floor) throw new AppError('validation', `a ${manual.discountPct}% discount on ${balanceMinor} leaves at least ${floor} to pay`, 'manual.amountMinor');
  return { type: 'manual' as const, ...manual, requiresApproval: manualOfferRequiresApproval(manual, balanceMinor, threshold, dpd) };
}
