import type { Channel } from '../../src-shared/domain/vocabulary';
import type { AuditInput } from '../store/audit-log';
import type { ContactParty } from './recovery-records';

/** One outbound contact as its sender needs it, whether a recovery action or a pre-delinquency reminder. */
export interface Outgoing {
  channel: Channel;
  /** A template the step names; null picks one by the default's type and severity. */
  templateName: string | null;
  /** A text typed by an agent, sent as is. */
  content: string | null;
  /** The recovery action carried out; null for a pre-delinquency reminder, which has no case. */
  actionId: string | null;
  /** The user who asked for the contact; null when the system sends it by itself. */
  actorId: string | null;
  /** Letters only: which letter an action type prints. */
  letterKind?: 'demand' | 'escalation' | 'legal_notice';
}

export type AuditEvent = Omit<AuditInput, 'actorId' | 'at'>;

/** What a carrier accepted: the columns to record on the action and the rows that belong with it. */
export interface Delivery {
  /** What was sent, as the borrower receives it (a call's greeting, a letter's text). */
  content: string;
  /** The address used: a phone number, an email address or the postal address. */
  recipient: string;
  /** Carrier references for the action row: a message or call SID, an SMTP Message-ID, a letter id. */
  columns: Partial<Record<'twilio_message_sid' | 'twilio_call_sid' | 'email_message_id' | 'letter_id', string>>;
  /** Writes inside the same transaction as the action's update (the thread message, the filed letter). */
  write?(at: string): AuditEvent[];
  audit: Record<string, unknown>;
}

/**
 * A carrier that refused the contact: Twilio's error, an SMTP refusal, a failed print. The
 * attempt still counts (DESIGN §2: every outbound attempt counts, whatever its outcome).
 */
export class DeliveryFailure extends Error {
  constructor(
    /** Stored on the action: a Twilio error code, or a short word for the failure. */
    readonly code: string,
    message: string,
    /** The reason the execution result names (`invalid_number`, `opted_out`, `smtp`…). */
    readonly reason: string,
    readonly content: string | null,
    /** Twilio 21610: the number opted out with the carrier, so its text consent is revoked here too. */
    readonly revokeConsentOf: string | null = null,
  ) {
    super(message);
    this.name = 'DeliveryFailure';
  }
}

export interface ChannelSender {
  deliver(outgoing: Outgoing, party: ContactParty, at: Date): Promise<Delivery>;
}
