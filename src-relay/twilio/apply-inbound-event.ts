import { isOptInReply, isOptOutReply, replyKeyword } from '../../src-shared/domain/opt-out';
import { nextActionStatus } from '../../src-shared/domain/recovery-ladder';
import type { RecoveryActionStatus } from '../../src-shared/domain/vocabulary';
import { stableId } from '../../src-shared/ids';
import type { BatchLedger, TwilioRow } from './batch-ledger';
import type { EventOutcome } from './event-outcome';
import { restoreTextConsent, revokeTextConsent } from './text-consent';
import { bareNumber, type InboundEvent } from './twilio-event';

/** The row that says whose number it is: active before inactive, primary first, then by id (as the desktop picks). */
function owningPhone(phones: TwilioRow[]): TwilioRow | null {
  const rank = (phone: TwilioRow) => [phone.data.is_active ? 0 : 1, phone.data.is_primary ? 0 : 1] as const;
  return (
    [...phones].sort((a, b) => {
      const [activeA, primaryA] = rank(a);
      const [activeB, primaryB] = rank(b);
      return activeA - activeB || primaryA - primaryB || a.id.localeCompare(b.id);
    })[0] ?? null
  );
}

/** The desktop and the relay name an inbound message by its SID, so both sides converge on one row. */
export function inboundMessageId(messageSid: string): string {
  return stableId('message', messageSid);
}

/**
 * A reply becomes a message in its borrower's thread (in the phone row's partition), answers the
 * borrower's latest sent recovery action; an opt-out word revokes texting on the number, and START
 * (or UNSTOP) from it restores texting.
 */
export async function applyInboundEvent(ledger: BatchLedger, event: InboundEvent, at: string): Promise<EventOutcome> {
  const from = bareNumber(event.from);
  const phone = owningPhone(await ledger.rowsBy('phones', 'e164', from));
  if (!phone) return { found: false, changes: [] };
  if ((await ledger.rowsBy('messages', 'twilio_sid', event.sid)).length > 0) return { found: true, changes: [] };
  const borrowerId = String(phone.data.borrower_id);
  const answered = await ledger.latestSentActionOf(borrowerId);
  const id = inboundMessageId(event.sid);
  const changes: TwilioRow[] = [
    {
      tbl: 'messages',
      id,
      partition: phone.partition,
      data: {
        id,
        borrower_id: borrowerId,
        case_id: answered?.data.case_id ?? null,
        recovery_action_id: answered?.id ?? null,
        channel: event.from.startsWith('whatsapp:') ? 'whatsapp' : 'sms',
        direction: 'inbound',
        from_address: from,
        to_address: bareNumber(event.to),
        body: event.body,
        twilio_sid: event.sid,
        status: 'received',
        error_code: null,
        at,
      },
    },
  ];
  const answeredStatus = answered?.data.status as RecoveryActionStatus | undefined;
  if (answered && answeredStatus && nextActionStatus(answeredStatus, 'responded') !== answeredStatus) {
    changes.push({ tbl: answered.tbl, id: answered.id, partition: answered.partition, data: { ...answered.data, status: 'responded' } });
  }
  const word = replyKeyword(event.body);
  if (isOptOutReply(event.body)) changes.push(...(await revokeTextConsent(ledger, from, at, { via: 'reply', word, reference: event.sid })));
  if (isOptInReply(event.body)) changes.push(...(await restoreTextConsent(ledger, from, { at, word, sid: event.sid })));
  return { found: true, changes };
}
