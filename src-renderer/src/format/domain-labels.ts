import type { LETTER_KINDS } from '../../../src-shared/contract';
import type { ActivityOutcome, ActivityType, Bucket, CaseStatus, Channel, FlagSeverity, NbaAction, Priority, PromiseStatus, Severity, Stage } from '../../../src-shared/domain/vocabulary';

type LetterKind = (typeof LETTER_KINDS)[number];

export const STAGE_LABELS: Record<Stage, string> = { early_1_30: 'Early 1–30', mid_31_60: 'Mid 31–60', late_61_90: 'Late 61–90', severe_90_plus: 'Severe 90+' };
export const BUCKET_LABELS: Record<Bucket, string> = {
  current: 'Current', dpd_1_29: '1–29', dpd_30_59: '30–59', dpd_60_89: '60–89', dpd_90_119: '90–119', dpd_120_plus: '120+',
};
export const STATUS_LABELS: Record<CaseStatus, string> = {
  open: 'Open', in_progress: 'In progress', on_hold: 'On hold', legal: 'Legal', settled: 'Settled', closed: 'Closed', written_off: 'Written off',
};
export const SEVERITY_COLORS: Record<Severity, string> = { low: 'gray', medium: 'yellow', high: 'orange', critical: 'red' };
export const PRIORITY_COLORS: Record<Priority, string> = { LOW: 'gray', MEDIUM: 'blue', HIGH: 'red' };
export const NBA_LABELS: Record<NbaAction, string> = {
  hold_do_not_contact: 'Hold: do not contact', hold_dispute: 'Hold: dispute', hold_bankruptcy: 'Hold: bankruptcy',
  hold_vulnerability_review: 'Vulnerability review', offer_hardship_plan: 'Offer hardship plan', send_whatsapp_reminder: 'WhatsApp reminder',
  send_sms_reminder: 'SMS reminder', escalate_supervisor: 'Escalate to supervisor', call_now: 'Call now', escalate_field: 'Field visit',
  send_demand_letter: 'Demand letter', escalate_legal: 'Escalate to legal',
};

/** A product code as people say it: "sme_loan" → "SME loan". */
export function productLabel(code: string): string {
  return titleCase(code).replace(/\bSme\b/, 'SME');
}

export function titleCase(value: string): string {
  return value.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
}

export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = {
  CALL: 'Call', SMS: 'SMS', EMAIL: 'Email', VISIT: 'Visit', FIELD_VISIT: 'Field visit', LEGAL_NOTICE: 'Legal notice', NOTE: 'Note', LETTER: 'Letter',
  SKIP_TRACE: 'Skip trace', AGENCY_REFERRAL: 'Agency referral', WHATSAPP: 'WhatsApp', OTHER: 'Other',
};
export const OUTCOME_LABELS: Record<ActivityOutcome, string> = {
  PTP: 'Promise to pay', NO_ANSWER: 'No answer', LEFT_MESSAGE: 'Left message', REFUSED: 'Refused', PAID: 'Paid', PARTIAL_PAYMENT: 'Partial payment',
  DISPUTE: 'Dispute', WRONG_NUMBER: 'Wrong number', OTHER: 'Other',
};
export const OUTCOME_COLORS: Record<ActivityOutcome, string> = {
  PTP: 'teal', NO_ANSWER: 'gray', LEFT_MESSAGE: 'blue', REFUSED: 'red', PAID: 'green', PARTIAL_PAYMENT: 'lime', DISPUTE: 'orange', WRONG_NUMBER: 'gray', OTHER: 'gray',
};
export const PROMISE_STATUS_LABELS: Record<PromiseStatus, string> = { pending: 'Pending', kept: 'Kept', partially_kept: 'Partly kept', broken: 'Broken', cancelled: 'Cancelled' };
export const PROMISE_STATUS_COLORS: Record<PromiseStatus, string> = { pending: 'blue', kept: 'teal', partially_kept: 'yellow', broken: 'red', cancelled: 'gray' };
export const CHANNEL_LABELS: Record<Channel, string> = { sms: 'SMS', whatsapp: 'WhatsApp', voice: 'Voice call', email: 'Email', letter: 'Letter' };
export const LETTER_KIND_LABELS: Record<LetterKind, string> = { demand: 'Demand letter', legal_notice: 'Legal notice', escalation: 'Escalation letter' };

/** A filed letter's kind, which the store keeps as text; an unknown one reads as its own name. */
export function letterKindLabel(kind: string): string {
  return LETTER_KIND_LABELS[kind as LetterKind] ?? titleCase(kind);
}
export const FLAG_SEVERITY_COLORS: Record<FlagSeverity, string> = { LOW: 'gray', MEDIUM: 'yellow', HIGH: 'orange', CRITICAL: 'red' };

/** Why the engine recommends each action (DESIGN §2's table), shown under the recommendation. */
export const NBA_WHY: Record<NbaAction, string> = {
  hold_do_not_contact: 'The borrower asked not to be contacted.',
  hold_dispute: 'The debt is in dispute: resolve it before collecting.',
  hold_bankruptcy: 'The loan is in bankruptcy: collection is stayed.',
  hold_vulnerability_review: 'The borrower is flagged vulnerable: review before any contact.',
  offer_hardship_plan: 'The borrower is in hardship: a plan beats a demand.',
  send_whatsapp_reminder: 'Early days past due and no contact yet in this episode.',
  send_sms_reminder: 'Early days past due; the borrower has been contacted already.',
  escalate_supervisor: '8–30 days past due with two or more broken promises.',
  call_now: 'Past due long enough that a conversation is the next step.',
  escalate_field: '31–60 days past due with two or more broken promises.',
  send_demand_letter: '61–90 days past due: a formal demand is due.',
  escalate_legal: 'More than 90 days past due.',
};
