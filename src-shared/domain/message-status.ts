/** A `messages` row's status: Twilio's own lifecycle for outbound texts, `received` for replies. */
export const MESSAGE_STATUSES = ['queued', 'sent', 'delivered', 'undelivered', 'failed', 'received'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * queued < sent < delivered | undelivered | failed. The three outcomes are final and equal, so the
 * first one Twilio reports stands; `received` (an inbound message) never changes.
 */
const RANK: Readonly<Record<MessageStatus, number>> = { queued: 0, sent: 1, delivered: 2, undelivered: 2, failed: 2, received: 2 };

/**
 * Forward-only status of a message (DESIGN §3): callbacks arrive late, twice or out of order, and a
 * late `sent` must never undo `delivered`.
 */
export function nextMessageStatus(current: MessageStatus, incoming: MessageStatus): MessageStatus {
  return RANK[incoming] > RANK[current] ? incoming : current;
}

/**
 * The message status a Twilio `MessageStatus` means; null for the states that change nothing here
 * (accepted, scheduled, sending, receiving, canceled). `read` (WhatsApp) implies delivery.
 */
export function messageStatusFromTwilio(twilioStatus: string): MessageStatus | null {
  if (twilioStatus === 'read') return 'delivered';
  return twilioStatus === 'queued' || twilioStatus === 'sent' || twilioStatus === 'delivered' || twilioStatus === 'undelivered' || twilioStatus === 'failed'
    ? twilioStatus
    : null;
}
