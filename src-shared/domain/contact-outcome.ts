import type { ActivityOutcome, ActivityType, Channel, ContactOutcome } from './vocabulary';

export const CONTACT_DIRECTIONS = ['outbound', 'inbound'] as const;
export type ContactDirection = (typeof CONTACT_DIRECTIONS)[number];

/** The contact an activity represents, as compliance counts it (DESIGN §2, Contact compliance). */
export interface ActivityContact {
  channel: Channel;
  outcome: ContactOutcome;
  direction: ContactDirection;
}

/**
 * The remote channel each activity type travels on. Visits happen in person and notes, skip
 * traces and agency referrals reach nobody, so none of them counts against a contact cap.
 */
const CHANNEL_OF_TYPE: Readonly<Record<ActivityType, Channel | null>> = {
  CALL: 'voice',
  SMS: 'sms',
  WHATSAPP: 'whatsapp',
  EMAIL: 'email',
  LETTER: 'letter',
  LEGAL_NOTICE: 'letter',
  VISIT: null,
  FIELD_VISIT: null,
  NOTE: null,
  SKIP_TRACE: null,
  AGENCY_REFERRAL: null,
  OTHER: null,
};

/**
 * Outcomes that show the collector spoke with the borrower are conversations (they start the
 * Regulation F 7-day call block and count as right-party contacts); a message left is a
 * voicemail; anything else is a plain attempt.
 */
const OUTCOME_OF_ACTIVITY: Readonly<Record<ActivityOutcome, ContactOutcome>> = {
  PTP: 'conversation',
  REFUSED: 'conversation',
  PAID: 'conversation',
  PARTIAL_PAYMENT: 'conversation',
  DISPUTE: 'conversation',
  LEFT_MESSAGE: 'voicemail',
  NO_ANSWER: 'attempt',
  WRONG_NUMBER: 'attempt',
  OTHER: 'attempt',
};

export interface ActivityFacts {
  type: ActivityType;
  outcome?: ActivityOutcome | null;
  direction: ContactDirection;
}

/**
 * The contact a logged activity stands for, or null when it is not a remote contact. An activity
 * without an outcome is still an attempt: every outbound attempt counts whatever its outcome.
 */
export function contactOfActivity(activity: ActivityFacts): ActivityContact | null {
  const channel = CHANNEL_OF_TYPE[activity.type];
  if (channel === null) return null;
  return { channel, outcome: activity.outcome ? OUTCOME_OF_ACTIVITY[activity.outcome] : 'attempt', direction: activity.direction };
}
