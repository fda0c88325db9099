import { messageStatusFromTwilio, MESSAGE_STATUSES, nextMessageStatus, type MessageStatus } from '../../src-shared/domain/message-status';
import { actionStatusFromTwilio, nextActionStatus } from '../../src-shared/domain/recovery-ladder';
import { RECOVERY_ACTION_STATUSES, type RecoveryActionStatus } from '../../src-shared/domain/vocabulary';
import { log } from '../log';
import type { BatchLedger, TwilioRow } from './batch-ledger';
import type { EventOutcome } from './event-outcome';
import { revokeTextConsent } from './text-consent';
import { bareNumber, type StatusEvent } from './twilio-event';

/** Twilio's "the recipient has opted out" error: consent is gone (DESIGN §2). */
const OPTED_OUT_ERROR = 21610;

function isActionStatus(value: unknown): value is RecoveryActionStatus {
  return (RECOVERY_ACTION_STATUSES as readonly unknown[]).includes(value);
}

function isMessageStatus(value: unknown): value is MessageStatus {
  return (MESSAGE_STATUSES as readonly unknown[]).includes(value);
}

function withData(row: TwilioRow, data: Record<string, unknown>): TwilioRow {
  return { tbl: row.tbl, id: row.id, partition: row.partition, data: { ...row.data, ...data } };
}

function movedAction(row: TwilioRow, event: StatusEvent, errorCode: number | null, at: string): TwilioRow | null {
  const current = row.data.status;
  if (!isActionStatus(current)) {
    log.warn('recovery action with an unknown status left as is', { id: row.id, status: String(current) });
    return null;
  }
  const incoming = actionStatusFromTwilio(event.kind === 'call_status' ? 'call' : 'message', event.status);
  const next = incoming === null ? current : nextActionStatus(current, incoming);
  if (next === current) return null;
  const failed = next === 'failed' || next === 'undelivered';
  return withData(row, {
    status: next,
    ...(next === 'delivered' ? { delivered_at: at } : {}),
    ...(failed ? { error_code: errorCode === null ? event.status : String(errorCode), error_message: `Twilio reported ${event.status}${errorCode === null ? '' : ` (error ${errorCode})`}` } : {}),
  });
}

function movedMessage(row: TwilioRow, event: StatusEvent, errorCode: number | null): TwilioRow | null {
  const current = row.data.status;
  const incoming = messageStatusFromTwilio(event.status);
  if (!isMessageStatus(current) || incoming === null) return null;
  const next = nextMessageStatus(current, incoming);
  if (next === current) return null;
  return withData(row, { status: next, ...(errorCode === null ? {} : { error_code: String(errorCode) }) });
}

/**
 * A message or call status moves its recovery action and its message row forward only, so
 * callbacks that arrive late, twice or out of order never undo a later state. Applying the same
 * event again changes nothing.
 */
export async function applyStatusEvent(ledger: BatchLedger, event: StatusEvent, at: string): Promise<EventOutcome> {
  const actions = await ledger.rowsBy('recovery_actions', event.kind === 'call_status' ? 'twilio_call_sid' : 'twilio_message_sid', event.sid);
  const messages = event.kind === 'message_status' ? await ledger.rowsBy('messages', 'twilio_sid', event.sid) : [];
  const errorCode = event.kind === 'message_status' ? event.errorCode : null;
  const changes = [...actions.map((row) => movedAction(row, event, errorCode, at)), ...messages.map((row) => movedMessage(row, event, errorCode))].filter(
    (change): change is TwilioRow => change !== null,
  );
  if (errorCode === OPTED_OUT_ERROR && changes.length > 0) {
    const numbers = new Set([...actions.map((row) => row.data.recipient_phone), ...messages.map((row) => row.data.to_address)].filter((value): value is string => typeof value === 'string').map(bareNumber));
    for (const e164 of numbers) changes.push(...(await revokeTextConsent(ledger, e164, at, { via: 'carrier', word: null, reference: event.sid })));
  }
  return { found: actions.length + messages.length > 0, changes };
}
