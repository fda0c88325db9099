import type { RelayTx } from '../db/relay-database';
import { upsertRows } from '../ledger/upsert-rows';
import { applyInboundEvent } from './apply-inbound-event';
import { applyStatusEvent } from './apply-status-event';
import { BatchLedger } from './batch-ledger';
import { settleEvents } from './twilio-event-store';
import { bareNumber, type StoredTwilioEvent, type TwilioEvent } from './twilio-event';

function sidsOf(events: readonly TwilioEvent[], kind: TwilioEvent['kind']): string[] {
  return events.flatMap((event) => (event.kind === kind && 'sid' in event ? [event.sid] : []));
}

/** Reads the rows the whole batch is about in one statement per lookup, before any event needs them. */
async function prefetchRows(ledger: BatchLedger, events: readonly TwilioEvent[]): Promise<void> {
  const messageSids = sidsOf(events, 'message_status');
  const inbound = events.flatMap((event) => (event.kind === 'inbound_message' ? [event] : []));
  await ledger.prefetch('recovery_actions', 'twilio_message_sid', messageSids);
  await ledger.prefetch('recovery_actions', 'twilio_call_sid', sidsOf(events, 'call_status'));
  await ledger.prefetch('messages', 'twilio_sid', [...messageSids, ...inbound.map((event) => event.sid)]);
  if (inbound.length > 0) {
    const senders = inbound.map((event) => bareNumber(event.from));
    await ledger.prefetch('phones', 'e164', senders);
    // A STOP or START changes the number's opt-outs.
    await ledger.prefetch('text_opt_outs', 'e164', senders);
  }
}

/**
 * Turns stored callbacks into ledger changes: the events are applied in the given (arrival) order
 * onto the batch's view of the ledger, then every changed row is written once, with one new
 * version each and one notice. Changes are timed when Twilio called (not when a late row let the
 * event apply). An event whose row is missing stays unapplied until a push writes the row. The
 * caller holds the ledger clock (see `lockLedgerClock`).
 */
export async function applyTwilioEvents(tx: RelayTx, batch: readonly StoredTwilioEvent[]): Promise<void> {
  if (batch.length === 0) return;
  const ledger = new BatchLedger(tx);
  await prefetchRows(ledger, batch.map((stored) => stored.event));
  const applied = new Set<string>();
  for (const { key, event, receivedAt } of batch) {
    if (event.kind === 'voice_gather') continue;
    const at = receivedAt.toISOString();
    const outcome = event.kind === 'inbound_message' ? await applyInboundEvent(ledger, event, at) : await applyStatusEvent(ledger, event, at);
    ledger.stage(outcome.changes);
    if (outcome.found) applied.add(key);
  }
  await upsertRows(tx, ledger.staged());
  await settleEvents(tx, batch, applied);
}
