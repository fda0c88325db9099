/** The ledger's API for the relay's routes and for in-process callers (the desktop's sync tests). */
export { writeRows } from './write-rows';
export { readChanges, type ChangedRow, type ChangesPage } from './read-changes';
export { EVERYONE, type LedgerRow, type LedgerRowInput } from './ledger-row';
export { applyPendingTwilioEvents } from '../twilio/apply-pending-events';
