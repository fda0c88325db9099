import { addDays, parseIsoDate } from '../dates';
import { isOptInReply } from '../domain/opt-out';
import { TEXT_CONSENT_METHODS, TEXT_RESTORE_COLUMNS } from '../domain/text-opt-outs';
import type { Permission } from '../roles';
import { jsonEqual, type RowData } from './merge-row';

/** What an opt-out is: fixed when it is recorded. */
const OPT_OUT_COLUMNS = ['borrower_id', 'e164', 'opted_out_at', 'opt_out_via', 'opt_out_word', 'opt_out_reference'] as const;

const isSet = (value: unknown) => value !== null && value !== undefined;
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** Why a restore does not carry its source, or null. The system actor has no permissions. */
function restoreProblem(after: RowData, permissions: readonly Permission[]): string | null {
  const system = permissions.length === 0;
  if (after.restored_via === 'reply') {
    if (!system) return 'only the borrower’s own reply (START, taken by the relay or the desktop that polls Twilio) restores texting as restored_via reply';
    if (isSet(after.restored_by) || isSet(after.consent_method) || isSet(after.consent_given_on)) return 'a restore by the borrower’s reply names no user and no consent';
    if (!isOptInReply(text(after.restored_word))) return 'a restore by reply names its word: START or UNSTOP';
    if (text(after.restored_reference) === '') return 'a restore by reply names the SID of the message that said it (restored_reference)';
    return null;
  }
  if (after.restored_via !== 'recorded_consent') return 'a restore says how texting came back (restored_via): the borrower’s reply or their recorded consent';
  if (!permissions.includes('update_case')) return 'recording a borrower’s consent to texts needs the update_case permission';
  if (text(after.restored_by) === '') return 'a recorded consent names who recorded it (restored_by)';
  if (!TEXT_CONSENT_METHODS.includes(after.consent_method as never)) return `a recorded consent says how the borrower gave it (consent_method: ${TEXT_CONSENT_METHODS.join(', ')})`;
  if (text(after.restored_reference).length < 3) return 'a recorded consent names its evidence (restored_reference: the form, the call recording)';
  const givenOn = typeof after.consent_given_on === 'string' ? parseIsoDate(after.consent_given_on) : null;
  if (givenOn === null) return 'a recorded consent says when the borrower gave it (consent_given_on, YYYY-MM-DD)';
  const stoppedOn = typeof after.opted_out_at === 'string' ? parseIsoDate(after.opted_out_at.slice(0, 10)) : null;
  // The STOP's calendar day anywhere on earth is at earliest the day before its UTC day.
  if (stoppedOn !== null && givenOn < addDays(stoppedOn, -1)) return `consent given on ${givenOn} is from before the opt-out (${String(after.opted_out_at)}), which it cannot lift`;
  return null;
}

/**
 * The rule of `text_opt_outs` (DESIGN §2, Contact compliance; issue 14, item 5): an opt-out is
 * recorded standing, by anyone, and restored once, with its source: the borrower's own START (the
 * system) or their consent recorded by a user holding update_case, with how, when and what shows
 * it. Consent recorded for a number that only its phone rows' STOP mark knows may create its row
 * restored. What an opt-out is never changes, a restore is final, and nothing deletes one
 * (`checkRowChange` deletes only from its deletable tables).
 */
export function textOptOutReason(before: RowData | null, after: RowData, permissions: readonly Permission[]): string | null {
  if (before !== null) {
    const changed = OPT_OUT_COLUMNS.find((column) => !jsonEqual(before[column] ?? null, after[column] ?? null));
    if (changed !== undefined) return `an opt-out's ${changed} never changes; a new opt-out is a new row`;
    if (isSet(before.restored_at)) return 'a restored opt-out is final: a later STOP is a new opt-out';
  }
  if (!isSet(after.restored_at)) {
    const stray = TEXT_RESTORE_COLUMNS.find((column) => isSet(after[column]));
    return stray === undefined ? null : `a standing opt-out has no ${stray}: restoring one sets restored_at with its source`;
  }
  return restoreProblem(after, permissions);
}

/**
 * A phone row's STOP mark (`opted_out_at`) comes off only with the borrower's START, which the
 * system takes; a person's recorded consent restores texting through `text_opt_outs` and leaves it.
 */
export function phoneMarkReason(before: RowData | null, after: RowData, permissions: readonly Permission[]): string | null {
  if (before === null || !isSet(before.opted_out_at) || isSet(after.opted_out_at) || permissions.length === 0) return null;
  return 'a STOP mark (opted_out_at) is cleared only by the borrower’s START; their consent is recorded with contacts.recordTextConsent';
}
