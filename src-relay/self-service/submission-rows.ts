import { DEFAULT_LONG_PLAN_THRESHOLD_MINOR, settlementOptions, type SettlementOption } from '../../src-shared/domain/settlement';
import { isStanding, newTextOptOut } from '../../src-shared/domain/text-opt-outs';
import { stableId } from '../../src-shared/ids';
import type { RowChange } from '../../src-shared/sync/protocol';
import type { LedgerRow } from '../ledger/ledger-row';
import { SYSTEM_ACTOR_ID } from '../sync/command-authority';
import type { LoanAccount } from './loan-account';
import type { DisputeCategory, SubmissionInput, SubmissionKind } from './submission-forms';

/** A form refused on the ledger's facts (not its shape): shown to the borrower by its message key. */
export class SubmissionRefused extends Error {
  constructor(readonly messageKey: 'no_case' | 'option_unavailable' | 'plan_pending' | 'no_phone' | 'no_email') {
    super(messageKey);
  }
}

/** How the history and the activities name where a request came from. */
export const SELF_SERVICE_CONTACT_METHOD = 'self_service';

const updated = (row: LedgerRow, changes: Record<string, unknown>): RowChange => ({ tbl: row.tbl, id: row.id, op: 'upsert', data: { ...row.data, ...changes }, base: row.data, baseVersion: Number(row.version) });
const created = (tbl: string, id: string, data: Record<string, unknown>): RowChange => ({ tbl, id, op: 'upsert', data: { id, ...data }, base: null, baseVersion: null });

/**
 * The options a borrower may take alone: the desktop's calculator on the case's balance and DPD,
 * without those a supervisor must approve. The long-plan threshold is the default, as no
 * per-currency override travels in the ledger.
 */
export function borrowerOptions(account: LoanAccount): SettlementOption[] {
  const kase = account.openCase;
  if (!kase) return [];
  const balance = Number(kase.data.balance_minor);
  if (!(balance > 0)) return [];
  return settlementOptions(balance, Number(kase.data.dpd), DEFAULT_LONG_PLAN_THRESHOLD_MINOR).filter((option) => !option.requiresApproval);
}

/** The line in the case history an agent reads, in English like the rest of the desktop's notes. */
function activity(account: LoanAccount, commandId: string, at: string, notes: string, outcome: 'DISPUTE' | null): RowChange {
  const kase = account.openCase!;
  return created('activities', stableId('activity', commandId), {
    case_id: kase.id, loan_id: account.loan.id, type: 'NOTE', direction: 'inbound', contact_method: SELF_SERVICE_CONTACT_METHOD,
    outcome, notes, next_action_on: null, produced_promise: 0, performed_by: null, at,
  });
}

const CATEGORY_TEXT: Readonly<Record<DisputeCategory, string>> = {
  amount_incorrect: 'the amount is incorrect',
  payment_not_applied: 'a payment was not applied',
  fees_charges: 'fees or charges',
  not_my_debt: 'not my debt',
  identity_theft: 'identity theft or fraud',
  other: 'other',
};

/** Opting out of texts on the page opts the borrower out on every number they have, whatever row holds it later (unless one stands). */
function textOptOutsOf(account: LoanAccount, commandId: string, at: string): RowChange[] {
  const borrowerId = account.borrower.id;
  const standing = new Set(account.textOptOuts.filter((row) => isStanding({ restored_at: row.data.restored_at as string | null })).map((row) => String(row.data.e164)));
  const numbers = [...new Set(account.phones.map((phone) => String(phone.data.e164)))].filter((e164) => !standing.has(e164));
  return numbers.map((e164) => {
    const { id, ...data } = newTextOptOut(borrowerId, e164, at, { via: 'self_service', word: null, reference: commandId });
    return created('text_opt_outs', id, data);
  });
}

/**
 * The rows a submission writes: what the desktop's own commands would write for the same step
 * (an offer drafted on the calculator's terms, the case's dispute flag, the borrower's
 * preferences, a withdrawn consent), plus an activity on the open case so the agent sees who
 * asked and when. Ids derive from the command id, so the same submission always names the same rows.
 */
export function submissionChanges<K extends SubmissionKind>(kind: K, input: SubmissionInput<K>, account: LoanAccount, commandId: string, at: string): RowChange[] {
  switch (kind) {
    case 'plan': {
      const { option: type } = input as SubmissionInput<'plan'>;
      if (!account.openCase) throw new SubmissionRefused('no_case');
      if (account.liveOffers.length > 0) throw new SubmissionRefused('plan_pending');
      const option = borrowerOptions(account).find((candidate) => candidate.type === type);
      if (!option) throw new SubmissionRefused('option_unavailable');
      const note = 'Requested by the borrower on the self-service page';
      const offerId = stableId('settlement', commandId);
      return [
        created('settlement_offers', offerId, {
          case_id: account.openCase.id, type: option.type, status: 'draft', balance_minor: Number(account.openCase.data.balance_minor), amount_minor: option.amountMinor,
          discount_pct: option.discountPct, installments: option.installments, requires_approval: 0,
          history: JSON.stringify([{ status: 'draft', by: SYSTEM_ACTOR_ID, at, note }]), expires_on: null,
        }),
        activity(account, commandId, at, `Payment plan requested on the self-service page: ${option.type} (${option.installments} payment${option.installments === 1 ? '' : 's'}, ${option.amountMinor} ${account.balance.currency} minor units); offer ${offerId} drafted for review.`, null),
      ];
    }
    case 'dispute': {
      const { category, description } = input as SubmissionInput<'dispute'>;
      if (!account.openCase) throw new SubmissionRefused('no_case');
      return [
        updated(account.openCase, { dispute_flag: 1 }),
        activity(account, commandId, at, `Dispute raised on the self-service page (${CATEGORY_TEXT[category]}): ${description}`, 'DISPUTE'),
      ];
    }
    case 'preferences': {
      const { channel, hoursStart, hoursEnd } = input as SubmissionInput<'preferences'>;
      const preferences = JSON.stringify({ channel, hours: { start: hoursStart, end: hoursEnd } });
      const changes = [updated(account.borrower, { communication_preferences: preferences })];
      if (account.openCase) changes.push(activity(account, commandId, at, `Contact preferences updated on the self-service page: ${channel}, ${hoursStart}–${hoursEnd}.`, null));
      return changes;
    }
    case 'optOut': {
      const { channel } = input as SubmissionInput<'optOut'>;
      const changes =
        channel === 'text'
          ? [
              ...account.phones.filter((phone) => phone.data.opted_out_at == null || Boolean(phone.data.sms_consent)).map((phone) => updated(phone, { sms_consent: 0, opted_out_at: phone.data.opted_out_at ?? at })),
              ...textOptOutsOf(account, commandId, at),
            ]
          : account.emails.filter((email) => !email.data.opted_out).map((email) => updated(email, { opted_out: 1 }));
      const known = channel === 'text' ? account.phones : account.emails;
      if (known.length === 0) throw new SubmissionRefused(channel === 'text' ? 'no_phone' : 'no_email');
      if (account.openCase) changes.push(activity(account, commandId, at, `The borrower opted out of ${channel === 'text' ? 'text messages (SMS and WhatsApp)' : 'email'} on the self-service page.`, null));
      return changes;
    }
  }
  throw new Error(`unknown submission ${String(kind)}`);
}
