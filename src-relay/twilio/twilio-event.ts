/** What one verified Twilio callback says, as stored in `twilio_events.payload`. */
export type TwilioEvent =
  | { kind: 'message_status'; sid: string; status: string; errorCode: number | null }
  | { kind: 'call_status'; sid: string; status: string }
  | { kind: 'inbound_message'; sid: string; from: string; to: string; body: string }
  | { kind: 'voice_gather'; callSid: string; digits: string; choice: GatherChoice; recoveryActionId: string | null };

export type StatusEvent = Extract<TwilioEvent, { kind: 'message_status' | 'call_status' }>;
export type InboundEvent = Extract<TwilioEvent, { kind: 'inbound_message' }>;
export type GatherChoice = 'promise_to_pay' | 'callback_requested';

export interface StoredTwilioEvent {
  key: string;
  event: TwilioEvent;
  receivedAt: Date;
  appliedAt: Date | null;
  /** Null until an applier looked for the event's row. */
  checkedAt: Date | null;
}

/** WhatsApp addresses arrive as `whatsapp:+E164`; the ledger keeps the bare number. */
export function bareNumber(address: string): string {
  return address.replace(/^whatsapp:/, '');
}

/**
 * What makes a callback the same callback: Twilio retries and replays post the same SID and
 * status again, and an inbound message has one SID.
 */
export function eventKey(event: TwilioEvent): string {
  switch (event.kind) {
    case 'message_status':
    case 'call_status':
      return `${event.kind}:${event.sid}:${event.status}`;
    case 'inbound_message':
      return `${event.kind}:${event.sid}`;
    case 'voice_gather':
      return `${event.kind}:${event.callSid}:${event.digits}`;
  }
}

/** The ledger value whose row the event needs: the SID its row carries, or the sender's number. */
export function eventSubject(event: TwilioEvent): string {
  switch (event.kind) {
    case 'inbound_message':
      return bareNumber(event.from);
    case 'voice_gather':
      return event.callSid;
    default:
      return event.sid;
  }
}
