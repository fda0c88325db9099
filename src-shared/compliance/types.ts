import type { ContactDirection } from '../domain/contact-outcome';
import type { Channel, ContactOutcome } from '../domain/vocabulary';
import type { JurisdictionRule } from './rules';

/**
 * The reasons a contact is refused (DESIGN §4 `can-contact`), in the order the CLI and the screens
 * list them: hard blocks first, then the time-based ones. A decision's reasons follow this order.
 */
export const CONTACT_REASONS = [
  'do_not_contact',
  'dispute',
  'bankruptcy',
  'legal_representative',
  'opted_out',
  'no_consent',
  'invalid_number',
  'outside_hours',
  'daily_cap',
  'weekly_cap',
  'cooling_off',
  'reg_f_7_in_7',
  'reg_f_after_conversation',
  'ma_2_in_7',
  'nyc_3_in_7',
] as const;
export type ContactReason = (typeof CONTACT_REASONS)[number];

/**
 * Channels an outbound contact can be placed on. A letter meets the hard blocks (a borrower who
 * said "do not contact" gets no dunning letter either) but no clock: it is mailed, not rung.
 */
export type ContactChannel = Extract<Channel, 'sms' | 'whatsapp' | 'voice' | 'email' | 'letter'>;

/** A wall-clock window in the borrower's local time, `HH:MM` each, start inclusive, end exclusive. */
export interface ClockWindow {
  start: string;
  end: string;
}

export interface BorrowerContactProfile {
  doNotContact: boolean;
  /** IANA zone; null (or a name no runtime knows) means unknown: the jurisdiction's zones apply. */
  timezone: string | null;
  jurisdiction: string;
  preferredHours?: ClockWindow | null;
  /** Accepted for completeness: choosing the channel is the caller's job (dunning picks it). */
  preferredChannel?: Channel | null;
  legalRepresentativeActive: boolean;
  activeDispute: boolean;
  bankruptcy: boolean;
  /**
   * E.164 numbers on which the borrower's opt-out of texting stands (a STOP, the self-service
   * page): no text goes to them, whichever phone row holds the number now.
   */
  textOptOuts: readonly string[];
}

/** The phone number, e-mail address or postal address the contact would go to. */
export interface ContactAddress {
  address: string;
  valid: boolean;
  /** null when the line type is unknown: only a known non-mobile blocks texting. */
  isMobile: boolean | null;
  smsConsent: boolean;
  /** This address's own opt-out (an e-mail unsubscribe, a phone row's STOP mark). */
  optedOut: boolean;
  active: boolean;
}

/** One past contact of the borrower, on any of their loans. */
export interface ContactRecord {
  loanId: string;
  channel: Channel;
  direction: ContactDirection;
  outcome: ContactOutcome;
  /** ISO 8601 instant. */
  at: string;
}

export interface CanContactInput {
  borrower: BorrowerContactProfile;
  loanId: string;
  channel: ContactChannel;
  to: ContactAddress | null;
  /** ISO 8601 instant (UTC or with an offset) of the intended contact. */
  at: string;
  /** true for an agent's own call or message; false for anything the system sends by itself. */
  manual: boolean;
  /** A recorded override; only `doNotContact` exists, and it only lifts do-not-contact for manual contact. */
  override: { doNotContact: boolean } | null;
  /** The stored rule for the borrower's jurisdiction; null uses `presetRule(borrower.jurisdiction)`. */
  rule: JurisdictionRule | null;
  /** The borrower's contacts across all loans; entries after `at` have not happened yet at `at`. */
  history: readonly ContactRecord[];
}

export interface ContactDecision {
  allowed: boolean;
  /** A set, in `CONTACT_REASONS` order; empty exactly when allowed. */
  reasons: ContactReason[];
  /** ISO UTC with milliseconds; `at` itself when allowed; null while a hard block stands. */
  nextAllowedAt: string | null;
}
