import type { RelayTx } from '../db/relay-database';
import { upsertRows } from '../ledger/upsert-rows';
import { applyInboundEvent } from './apply-inbound-event';
import { applyStatusEvent } from './apply-status-event';
import { markApplied } from './twilio-event-store';
import type { StoredTwilioEvent } from './twilio-event';

/**
 * Turns a stored callback into ledger changes, each a new version, timed when Twilio called (not
 * when a late row let it apply). It stays unapplied while its row is missing.
 */
export async function applyTwilioEvent(tx: RelayTx, stored: StoredTwilioEvent): Promise<void> {
  const { event } = stored;
  if (event.kind === 'voice_gather') return;
  const at = stored.receivedAt.toISOString();
  const outcome = event.kind === 'inbound_message' ? await applyInboundEvent(tx, event, at) : await applyStatusEvent(tx, event, at);
  await upsertRows(tx, outcome.changes);
  if (outcome.found && stored.appliedAt === null) await markApplied(tx, stored.key);
}
