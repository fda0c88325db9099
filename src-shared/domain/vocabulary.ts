/**
 * The closed vocabularies of the domain, from DESIGN.md §2 and the seeds. The store, the zod
 * schemas and the screens all take their values from here.
 */
export const BUCKETS = ['current', 'dpd_1_29', 'dpd_30_59', 'dpd_60_89', 'dpd_90_119', 'dpd_120_plus'] as const;
export type Bucket = (typeof BUCKETS)[number];

export const STAGES = ['early_1_30', 'mid_31_60', 'late_61_90', 'severe_90_plus'] as const;
export type Stage = (typeof STAGES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const DEFAULT_TYPES = ['payment_default', 'covenant_breach', 'infraction'] as const;
export type DefaultType = (typeof DEFAULT_TYPES)[number];

export const CASE_STATUSES = ['open', 'in_progress', 'on_hold', 'legal', 'settled', 'closed', 'written_off'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CLOSE_REASONS = ['cured', 'paid', 'settled', 'written_off', 'manual'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const REASON_CODES = ['PAST_DUE', 'BROKEN_PTP', 'SKIP_TRACE', 'LEGAL_ACTION', 'VOLUNTARY_DEFAULT', 'OTHER'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const SUB_STATUSES = ['forbearance', 'deferment', 'bankruptcy', 'dispute'] as const;
export type SubStatus = (typeof SUB_STATUSES)[number];

export const NBA_ACTIONS = [
  'hold_do_not_contact',
  'hold_dispute',
  'hold_bankruptcy',
  'hold_vulnerability_review',
  'offer_hardship_plan',
  'send_whatsapp_reminder',
  'send_sms_reminder',
  'escalate_supervisor',
  'call_now',
  'escalate_field',
  'send_demand_letter',
  'escalate_legal',
] as const;
export type NbaAction = (typeof NBA_ACTIONS)[number];

export const CHANNELS = ['sms', 'whatsapp', 'voice', 'email', 'letter'] as const;
export type Channel = (typeof CHANNELS)[number];

export const PHONE_TYPES = ['mobile', 'home', 'work', 'fax'] as const;
export type PhoneType = (typeof PHONE_TYPES)[number];

export const CONTACT_OUTCOMES = ['attempt', 'voicemail', 'conversation', 'delivered', 'failed'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

export const ACTIVITY_TYPES = ['CALL', 'SMS', 'EMAIL', 'VISIT', 'FIELD_VISIT', 'LEGAL_NOTICE', 'NOTE', 'LETTER', 'SKIP_TRACE', 'AGENCY_REFERRAL', 'WHATSAPP', 'OTHER'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_OUTCOMES = ['PTP', 'NO_ANSWER', 'LEFT_MESSAGE', 'REFUSED', 'PAID', 'PARTIAL_PAYMENT', 'DISPUTE', 'WRONG_NUMBER', 'OTHER'] as const;
export type ActivityOutcome = (typeof ACTIVITY_OUTCOMES)[number];

export const PROMISE_STATUSES = ['pending', 'kept', 'partially_kept', 'broken', 'cancelled'] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];

export const SETTLEMENT_TYPES = ['full_payment', 'partial_settlement', 'short_plan_3', 'short_plan_6', 'long_plan_12', 'manual'] as const;
export type SettlementType = (typeof SETTLEMENT_TYPES)[number];

export const SETTLEMENT_STATUSES = ['draft', 'pending_approval', 'approved', 'rejected', 'offered', 'accepted', 'declined', 'expired'] as const;
export type SettlementStatus = (typeof SETTLEMENT_STATUSES)[number];

export const FLAG_TYPES = ['HIGH_DPD', 'REPEATED_PARTIAL_PAYMENTS', 'REDUCED_CASHFLOWS'] as const;
export type FlagType = (typeof FLAG_TYPES)[number];

export const FLAG_SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type FlagSeverity = (typeof FLAG_SEVERITIES)[number];

export const RECOVERY_ACTION_TYPES = ['sms_reminder', 'whatsapp_reminder', 'voice_call', 'email', 'letter', 'escalation', 'legal_notice'] as const;
export type RecoveryActionType = (typeof RECOVERY_ACTION_TYPES)[number];

export const RECOVERY_ACTION_STATUSES = ['pending', 'sent', 'delivered', 'undelivered', 'failed', 'responded'] as const;
export type RecoveryActionStatus = (typeof RECOVERY_ACTION_STATUSES)[number];

export const LOAN_PARTY_ROLES = ['borrower', 'co_borrower', 'co_signer', 'guarantor', 'authorized_representative'] as const;
export const LIABILITY_TYPES = ['primary', 'secondary', 'joint', 'individual', 'full', 'limited', 'partial', 'none'] as const;
export const LEGAL_REPRESENTATIVE_TYPES = ['attorney', 'executor', 'power_of_attorney', 'guardian', 'trustee'] as const;
export const IDENTITY_DOCUMENT_TYPES = ['passport', 'drivers_license', 'ssn_card', 'state_id', 'military_id'] as const;
export const CONSENT_TYPES = ['credit_check', 'electronic_communications', 'privacy_policy', 'terms_of_service', 'marketing'] as const;
export const PRODUCT_KINDS = ['personal', 'auto', 'small_business'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];
