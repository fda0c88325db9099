import type { RelayTx } from '../db/relay-database';
import type { LedgerRowInput } from '../ledger/ledger-row';
import { applyTwilioEvents } from './apply-twilio-events';
import { eventsWaitingFor } from './twilio-event-store';

/** Keeps the subject list of one lookup well inside Postgres' bind parameter limit. */
const SUBJECTS_PER_LOOKUP = 1000;

/** The fields through which a written row may complete a Twilio event that arrived before it. */
const SUBJECT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  recovery_actions: ['twilio_message_sid', 'twilio_call_sid'],
  messages: ['twilio_sid'],
  phones: ['e164'],
};

export function twilioSubjectsOf(rows: readonly LedgerRowInput[]): string[] {
  const subjects = rows.flatMap((row) => (row.deleted ? [] : (SUBJECT_FIELDS[row.tbl] ?? []).map((name) => row.data[name])));
  return [...new Set(subjects.filter((value): value is string => typeof value === 'string' && value !== ''))];
}

/**
 * Applies the Twilio events that were waiting for rows with these SIDs (or, for replies, phone
 * numbers): a callback can beat the desktop's push of the row it is about. Call inside the
 * transaction that wrote the rows (which holds the ledger clock), after writing them. An event the
 * applier has not looked at yet is applied here too; the applier, taking the clock after this
 * commits, then finds it checked.
 */
export async function applyPendingTwilioEvents(tx: RelayTx, subjects: readonly string[]): Promise<void> {
  // A subject's events all fall in one chunk, and only their order among themselves matters.
  for (let start = 0; start < subjects.length; start += SUBJECTS_PER_LOOKUP) {
    await applyTwilioEvents(tx, await eventsWaitingFor(tx, subjects.slice(start, start + SUBJECTS_PER_LOOKUP)));
  }
}
