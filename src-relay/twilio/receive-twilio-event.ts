import type { RelayDb } from '../db/relay-database';
import { lockLedgerClock } from '../ledger/ledger-clock';
import { applyTwilioEvent } from './apply-twilio-event';
import { recordTwilioEvent } from './twilio-event-store';
import type { TwilioEvent } from './twilio-event';

/**
 * Stores a verified callback and applies it in one transaction, so an accepted callback is never
 * lost and a replay (the same key) changes nothing. The clock is locked before anything is read
 * (see `lockLedgerClock`).
 */
export function receiveTwilioEvent(db: RelayDb, event: TwilioEvent): Promise<'recorded' | 'replayed'> {
  return db.transaction(async (tx) => {
    await lockLedgerClock(tx);
    const stored = await recordTwilioEvent(tx, event);
    if (!stored) return 'replayed';
    await applyTwilioEvent(tx, stored);
    return 'recorded';
  });
}
