import type { IsoDate } from '../dates';
import { stableId } from '../ids';

/**
 * How a borrower revoked texting on a number: an opt-out word in a reply, the self-service page,
 * or the carrier refusing the number because they unsubscribed there (Twilio error 21610).
 */
export const TEXT_OPT_OUT_VIAS = ['reply', 'self_service', 'carrier'] as const;
export type TextOptOutVia = (typeof TEXT_OPT_OUT_VIAS)[number];

/** How texting came back: the borrower's own START (or UNSTOP) from the number, or their consent recorded by a person. */
export const TEXT_RESTORE_VIAS = ['reply', 'recorded_consent'] as const;
export type TextRestoreVia = (typeof TEXT_RESTORE_VIAS)[number];

/** How the borrower gave the consent a person records: evidence someone else can look up. */
export const TEXT_CONSENT_METHODS = ['signed_form', 'recorded_call', 'written_request'] as const;
export type TextConsentMethod = (typeof TEXT_CONSENT_METHODS)[number];

/**
 * One opt-out of texting, as the `text_opt_outs` table holds it on every desktop and in the ledger.
 * It belongs to the borrower and the E.164 number, not to a `phones` row, so a number added again
 * or moved onto another row is still opted out. It stands until restored; a restore is final, and
 * a later STOP is a new opt-out.
 */
export interface TextOptOutRow {
  id: string;
  borrower_id: string;
  e164: string;
  opted_out_at: string;
  opt_out_via: TextOptOutVia;
  /** The opt-out word as the borrower sent it (STOP, END…), for a reply. */
  opt_out_word: string | null;
  /** The reply's or the refused message's SID, or the self-service submission's command id. */
  opt_out_reference: string | null;
  restored_at: string | null;
  restored_via: TextRestoreVia | null;
  /** The user who recorded the consent; null for the borrower's own START. */
  restored_by: string | null;
  /** START or UNSTOP, for a reply. */
  restored_word: string | null;
  /** The START reply's SID, or the consent's evidence (the form's number, the call recording's id). */
  restored_reference: string | null;
  consent_method: TextConsentMethod | null;
  /** The day the borrower gave the consent. */
  consent_given_on: IsoDate | null;
}

export interface TextOptOutSource {
  via: TextOptOutVia;
  word: string | null;
  reference: string | null;
}

/** A consent a person records, with what shows the borrower gave it. */
export interface RecordedTextConsent {
  recordedBy: string;
  method: TextConsentMethod;
  reference: string;
  givenOn: IsoDate;
}

/** The restore columns: all null while an opt-out stands. */
export const TEXT_RESTORE_COLUMNS = ['restored_at', 'restored_via', 'restored_by', 'restored_word', 'restored_reference', 'consent_method', 'consent_given_on'] as const;

/** The same opt-out, seen by the desktop that polled Twilio and by the relay that took its webhook, gets one id. */
export function textOptOutId(borrowerId: string, e164: string, source: TextOptOutSource): string {
  return stableId('text_opt_out', borrowerId, e164, source.via, source.reference ?? '');
}

export function newTextOptOut(borrowerId: string, e164: string, at: string, source: TextOptOutSource): TextOptOutRow {
  return {
    id: textOptOutId(borrowerId, e164, source), borrower_id: borrowerId, e164, opted_out_at: at, opt_out_via: source.via, opt_out_word: source.word, opt_out_reference: source.reference,
    restored_at: null, restored_via: null, restored_by: null, restored_word: null, restored_reference: null, consent_method: null, consent_given_on: null,
  };
}

export function restoredByReply<T extends Pick<TextOptOutRow, (typeof TEXT_RESTORE_COLUMNS)[number]>>(row: T, reply: { at: string; word: string; sid: string }): T {
  return { ...row, restored_at: reply.at, restored_via: 'reply', restored_by: null, restored_word: reply.word, restored_reference: reply.sid, consent_method: null, consent_given_on: null };
}

export function restoredByConsent<T extends Pick<TextOptOutRow, (typeof TEXT_RESTORE_COLUMNS)[number]>>(row: T, consent: RecordedTextConsent, at: string): T {
  return {
    ...row, restored_at: at, restored_via: 'recorded_consent', restored_by: consent.recordedBy, restored_word: null, restored_reference: consent.reference,
    consent_method: consent.method, consent_given_on: consent.givenOn,
  };
}

export const isStanding = (row: Pick<TextOptOutRow, 'restored_at'>): boolean => row.restored_at === null || row.restored_at === undefined;

/**
 * Whether texting a borrower's number is revoked. Its opt-outs decide once it has any: revoked
 * while one stands. A number with none yet falls back on the `opted_out_at` mark of the borrower's
 * phone rows with it, which is all a database from before `text_opt_outs` knows; once an opt-out
 * is restored, that mark no longer speaks for the number (a push may never clear it).
 */
export function textingRevoked(optOuts: readonly Pick<TextOptOutRow, 'restored_at'>[], phoneMarked: boolean): boolean {
  return optOuts.length > 0 ? optOuts.some(isStanding) : phoneMarked;
}
