import type { RelayTx } from '../db/relay-database';
import { applyPendingTwilioEvents, twilioSubjectsOf } from '../twilio/apply-pending-events';
import { prepareOutboundEvents } from '../webhooks/record-events';
import type { LedgerRow, LedgerRowInput } from './ledger-row';
import { upsertRows } from './upsert-rows';

/**
 * Writes rows (each gets a new version), applies the Twilio callbacks that were waiting for them
 * and records the webhook events the changes mean, all in the caller's transaction:
 * `db.transaction((tx) => writeRows(tx, rows))`.
 */
export async function writeRows(tx: RelayTx, rows: readonly LedgerRowInput[]): Promise<LedgerRow[]> {
  const recordOutboundEvents = await prepareOutboundEvents(tx, rows);
  const written = await upsertRows(tx, rows);
  await applyPendingTwilioEvents(tx, twilioSubjectsOf(rows));
  await recordOutboundEvents(written);
  return written;
}
