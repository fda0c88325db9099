import type { Channel, RecoveryActionStatus, RecoveryActionType } from './vocabulary';

/**
 * Seed 000's recovery ladder: which action a default calls for at a given DPD. Ranges are
 * inclusive and "31+" means 31 and above (DESIGN §2). DPD 0 calls for nothing.
 */
const LADDER: readonly { from: number; to: number; type: RecoveryActionType }[] = [
  { from: 1, to: 3, type: 'sms_reminder' },
  { from: 4, to: 7, type: 'voice_call' },
  { from: 8, to: 30, type: 'email' },
  { from: 31, to: Number.POSITIVE_INFINITY, type: 'escalation' },
];

export function actionTypesForDpd(dpd: number): RecoveryActionType[] {
  return LADDER.filter((rung) => dpd >= rung.from && dpd <= rung.to).map((rung) => rung.type);
}

/** The channel each action type goes out on; an escalation is a letter (DESIGN §2 dunning). */
export const ACTION_CHANNEL: Readonly<Record<RecoveryActionType, Channel>> = {
  sms_reminder: 'sms',
  whatsapp_reminder: 'whatsapp',
  voice_call: 'voice',
  email: 'email',
  letter: 'letter',
  escalation: 'letter',
  legal_notice: 'letter',
};

/**
 * Forward-only status of a recovery action (DESIGN §3: lifecycle statuses only move forward), so
 * callbacks arriving late or twice never undo a later state:
 * - pending → anything sent-side (sent, delivered, undelivered, failed); a reply cannot answer an
 *   action that never went out, so pending → responded is ignored.
 * - sent → delivered, undelivered, failed or responded.
 * - delivered → responded only: a late `sent` (or a stray failure) after delivery is ignored.
 * - undelivered / failed → responded only: a reply proves the borrower was reached after all.
 * - responded is final.
 */
export function nextActionStatus(current: RecoveryActionStatus, incoming: RecoveryActionStatus): RecoveryActionStatus {
  if (current === incoming || current === 'responded') return current;
  if (incoming === 'responded') return current === 'pending' ? current : incoming;
  if (current === 'pending') return incoming === 'pending' ? current : incoming;
  if (current === 'sent') return incoming === 'pending' ? current : incoming;
  return current;
}

/**
 * The action status a Twilio message or call status means; null for the in-between states
 * (queued, ringing…) that change nothing. A completed call stays `sent`: seed 000 keeps
 * `delivered` for messages, and whether someone spoke is for the agent to log (DESIGN §2).
 */
export function actionStatusFromTwilio(kind: 'message' | 'call', twilioStatus: string): RecoveryActionStatus | null {
  if (kind === 'call') {
    if (twilioStatus === 'failed' || twilioStatus === 'canceled') return 'failed';
    if (twilioStatus === 'busy' || twilioStatus === 'no-answer') return 'undelivered';
    return twilioStatus === 'completed' || twilioStatus === 'in-progress' ? 'sent' : null;
  }
  if (twilioStatus === 'read') return 'delivered';
  return twilioStatus === 'sent' || twilioStatus === 'delivered' || twilioStatus === 'undelivered' || twilioStatus === 'failed' ? twilioStatus : null;
}
