import type { RelayTx } from '../db/relay-database';
import { applyPendingTwilioEvents, twilioSubjectsOf } from '../twilio/apply-pending-events';
import type { LedgerRow, LedgerRowInput } from './ledger-row';
import { upsertRows } from './upsert-rows';

/**
 * Writes rows (each gets a new version) and applies the Twilio callbacks that were waiting for
 * them, all in the caller's transaction: `db.transaction((tx) => writeRows(tx, rows))`.
 */
export async function writeRows(tx: RelayTx, rows: readonly LedgerRowInput[]): Promise<LedgerRow[]> {
  const written = await upsertRows(tx, rows);
  await applyPendingTwilioEvents(tx, twilioSubjectsOf(rows));
  return written;
}
