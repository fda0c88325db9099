import type { RecoveryActionView } from '../../src-shared/contract/recovery';
import { messageStatusFromTwilio, nextMessageStatus, type MessageStatus } from '../../src-shared/domain/message-status';
import { isOptInReply, isOptOutReply, replyKeyword } from '../../src-shared/domain/opt-out';
import { actionStatusFromTwilio, nextActionStatus } from '../../src-shared/domain/recovery-ladder';
import { stableId } from '../../src-shared/ids';
import type { Store } from '../store/open-store';
import { runCommand, SYSTEM_ACTOR } from '../store/run-command';
import { mapTwilioError } from '../twilio/twilio-errors';
import { recordTextOptOut, restoreTextingByReply } from '../compliance/text-opt-outs';
import { toView, type ActionRow } from './recovery-records';


export interface StatusCallbackInput {
  /** MessageSid or CallSid. */
  sid: string;
  /** MessageStatus or CallStatus as Twilio posts it. */
  status: string;
  errorCode?: number | null;
}

export interface InboundInput {
  /** The borrower's number, `+E164` or `whatsapp:+E164`. */
  from: string;
  to: string;
  body: string;
  sid: string;
}


/** What Twilio tells us after a send: delivery statuses and the borrower's replies. */
export function createRecoveryEvents(store: Store, now: () => Date) {
  const { sqlite } = store;

  /**
   * A delivery or call status for a SID we sent: the action and the thread message move forward
   * only. A pre-delinquency reminder has a thread message and no action; null when the SID has
   * neither (or no action, for a reminder).
   */
  function applyStatusCallback(input: StatusCallbackInput): RecoveryActionView | null {
    const row = sqlite.prepare('SELECT * FROM recovery_actions WHERE twilio_message_sid = ? OR twilio_call_sid = ?').get(input.sid, input.sid) as ActionRow | undefined;
    const message = sqlite.prepare('SELECT id, borrower_id, to_address, status FROM messages WHERE twilio_sid = ?').get(input.sid) as
      | { id: string; borrower_id: string; to_address: string; status: MessageStatus }
      | undefined;
    if (!row && !message) return null;
    const kind = row?.twilio_call_sid === input.sid ? 'call' : 'message';
    const incoming = actionStatusFromTwilio(kind, input.status);
    const next = row === undefined || incoming === null ? row?.status : nextActionStatus(row.status, incoming);
    // The thread shows Twilio's own message status, also forward only, even when the action does not move.
    const incomingMessage = messageStatusFromTwilio(input.status);
    const messageMoves = message !== undefined && incomingMessage !== null && nextMessageStatus(message.status, incomingMessage) !== message.status;
    const actionMoves = row !== undefined && next !== row.status;
    if (!actionMoves && !messageMoves) return row ? toView(row) : null;
    return runCommand(store, SYSTEM_ACTOR, 'recovery.statusCallback', input, () => {
      const at = now().toISOString();
      const errorCode = input.errorCode ?? null;
      if (messageMoves) sqlite.prepare('UPDATE messages SET status = ?, error_code = ? WHERE id = ?').run(incomingMessage, errorCode === null ? null : String(errorCode), message.id);
      if (actionMoves) {
        const failed = next === 'failed' || next === 'undelivered';
        sqlite
          .prepare(`UPDATE recovery_actions SET status = ?, delivered_at = CASE WHEN ? THEN ? ELSE delivered_at END,
            error_code = CASE WHEN ? THEN ? ELSE error_code END, error_message = CASE WHEN ? THEN ? ELSE error_message END WHERE id = ?`)
          .run(next, next === 'delivered' ? 1 : 0, at, failed ? 1 : 0, errorCode === null ? input.status : String(errorCode), failed ? 1 : 0, mapTwilioError(errorCode).message, row.id);
      }
      const phone = row?.recipient_phone ?? message?.to_address ?? null;
      const borrowerId = message?.borrower_id
        ?? (row ? (sqlite.prepare('SELECT l.borrower_id FROM cases c JOIN loans l ON l.id = c.loan_id WHERE c.id = ?').pluck().get(row.case_id) as string) : null);
      const revoke = errorCode === 21610 && phone !== null && borrowerId !== null && recordTextOptOut(sqlite, borrowerId, phone, at, { via: 'carrier', word: null, reference: input.sid });
      const view = row ? toView(sqlite.prepare('SELECT * FROM recovery_actions WHERE id = ?').get(row.id) as ActionRow) : null;
      const entity = row ? { entityType: 'recovery_action', entityId: row.id } : { entityType: 'message', entityId: message!.id };
      return { value: view, audit: [{ type: 'RecoveryAction', ...entity, payload: { event: 'status', twilioStatus: input.status, status: view?.status ?? input.status, errorCode, consentRevoked: revoke } }] };
    });
  }

  function handleInbound(input: InboundInput): { messageId: string; respondedActionId: string | null; optedOut: boolean } | null {
    const channel = input.from.startsWith('whatsapp:') ? 'whatsapp' : 'sms';
    const from = input.from.replace(/^whatsapp:/, '');
    // Polling and the webhook may both deliver the same reply; the SID makes it count once.
    if (sqlite.prepare('SELECT 1 FROM messages WHERE twilio_sid = ?').get(input.sid)) return null;
    const borrowerId = sqlite.prepare('SELECT borrower_id FROM phones WHERE e164 = ? ORDER BY is_active DESC, is_primary DESC, id LIMIT 1').pluck().get(from) as string | undefined;
    if (!borrowerId) return null;
    const optedOut = isOptOutReply(input.body);
    const optedIn = isOptInReply(input.body);
    return runCommand(store, SYSTEM_ACTOR, 'messages.inbound', { sid: input.sid }, () => {
      const at = now().toISOString();
      const latest = sqlite
        .prepare(`SELECT ra.id, ra.case_id, ra.status FROM recovery_actions ra JOIN cases c ON c.id = ra.case_id JOIN loans l ON l.id = c.loan_id
          WHERE l.borrower_id = ? AND ra.sent_at IS NOT NULL ORDER BY ra.sent_at DESC, ra.rowid DESC LIMIT 1`)
        .get(borrowerId) as { id: string; case_id: string; status: ActionRow['status'] } | undefined;
      const caseId = latest?.case_id
        ?? (sqlite.prepare('SELECT c.id FROM cases c JOIN loans l ON l.id = c.loan_id WHERE l.borrower_id = ? AND c.active = 1 ORDER BY c.opened_on DESC LIMIT 1').pluck().get(borrowerId) as string | undefined)
        ?? null;
      // The relay derives the same id from the SID, so a reply seen by polling and by the relay is one row.
      const messageId = stableId('message', input.sid);
      sqlite
        .prepare(`INSERT INTO messages (id, borrower_id, case_id, recovery_action_id, channel, direction, from_address, to_address, body, twilio_sid, status, at)
          VALUES (?, ?, ?, ?, ?, 'inbound', ?, ?, ?, ?, 'received', ?)`)
        .run(messageId, borrowerId, caseId, latest?.id ?? null, channel, from, input.to, input.body, input.sid, at);
      const audit: { type: string; entityType: string; entityId: string; payload: unknown }[] = [{ type: 'message.received', entityType: 'message', entityId: messageId, payload: { channel, sid: input.sid, optOut: optedOut } }];
      const responded = latest !== undefined && nextActionStatus(latest.status, 'responded') === 'responded' && latest.status !== 'responded';
      if (responded) {
        sqlite.prepare(`UPDATE recovery_actions SET status = 'responded' WHERE id = ?`).run(latest.id);
        audit.push({ type: 'RecoveryAction', entityType: 'recovery_action', entityId: latest.id, payload: { event: 'responded', status: 'responded', messageId } });
      }
      const keyword = replyKeyword(input.body);
      if (optedOut && recordTextOptOut(sqlite, borrowerId, from, at, { via: 'reply', word: keyword, reference: input.sid })) {
        audit.push({ type: 'contact.consent_revoked', entityType: 'borrower', entityId: borrowerId, payload: { channels: ['sms', 'whatsapp'], e164: from, keyword, sid: input.sid } });
      }
      // The borrower's own START from the number they stopped is the one word that restores it by itself.
      if (optedIn && restoreTextingByReply(sqlite, borrowerId, from, { at, word: keyword, sid: input.sid })) {
        audit.push({ type: 'contact.consent_restored', entityType: 'borrower', entityId: borrowerId, payload: { channels: ['sms', 'whatsapp'], e164: from, keyword, sid: input.sid } });
      }
      return { value: { messageId, respondedActionId: responded ? latest.id : null, optedOut }, audit };
    });
  }

  return { applyStatusCallback, handleInbound };
}
