import type { TwilioRow } from './batch-ledger';

/** What applying one Twilio event means for the ledger. */
export interface EventOutcome {
  /** False while the row the event is about has not reached the ledger. */
  found: boolean;
  changes: TwilioRow[];
}
