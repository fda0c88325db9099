import { and, eq } from 'drizzle-orm';
import type { PushedCommand, PushResult } from '../../src-shared/sync/protocol';
import { syncCommands } from '../db/schema';
import type { RelayDb, RelayTx } from '../db/relay-database';
import type { Device } from '../devices/device-tokens';
import { lockLedgerClock } from '../ledger/ledger-clock';
import { log } from '../log';
import { applyCommand } from '../sync/apply-command';
import { SYSTEM_ACTOR_ID } from '../sync/command-authority';
import { lastSeq } from '../sync/command-log';
import { readLoanAccount } from './loan-account';
import { COMMAND_OF, type SubmissionInput, type SubmissionKind } from './submission-forms';
import { recentSubmissionAges, retryAfterSeconds, submissionCommandId, SUBMISSION_LIMITS } from './submission-limit';
import { SubmissionRefused, submissionChanges } from './submission-rows';

/**
 * The self-service pages push as one outbox of their own: their commands get the next sequence
 * of this client id under the ledger clock, are judged by the same authority and row rules as a
 * desktop's, and are logged beside them.
 */
export const SELF_SERVICE_CLIENT_ID = 'self-service';

/** The relay's own pages, which record a borrower's signed-link request as the system actor in every region. */
const SELF_SERVICE_PAGES: Device = { id: SELF_SERVICE_CLIENT_ID, name: 'the self-service pages', partitions: ['*'], engineHost: true, createdAt: new Date(0), revokedAt: null };

export type SubmissionOutcome =
  | { status: 'applied' | 'replayed' }
  | { status: 'refused'; messageKey: SubmissionRefused['messageKey'] | 'ledger_refused' }
  | { status: 'limited'; retryAfterSeconds: number };

async function alreadyTaken(tx: RelayTx, commandId: string): Promise<PushResult | null> {
  const [row] = await tx
    .select({ result: syncCommands.result })
    .from(syncCommands)
    .where(and(eq(syncCommands.clientId, SELF_SERVICE_CLIENT_ID), eq(syncCommands.commandId, commandId)));
  return row ? (row.result as unknown as PushResult) : null;
}

/**
 * Records one submitted form as a `selfService.*` command of the system actor. The form's nonce
 * names the command, so a form posted again (a double tap, a reload, a replayed request) finds
 * its command logged and changes nothing. A link past its limits (`submission-limit.ts`) records
 * nothing; its count is the link's commands already in the log, which every relay sharing the
 * database sees.
 */
export function recordSubmission<K extends SubmissionKind>(db: RelayDb, request: { kind: K; loanId: string; input: SubmissionInput<K>; now: Date }): Promise<SubmissionOutcome> {
  const { kind, loanId, input } = request;
  const commandId = submissionCommandId(kind, input.t, input.nonce);
  return db.transaction(async (tx) => {
    await lockLedgerClock(tx);
    const taken = await alreadyTaken(tx, commandId);
    if (taken) return taken.status === 'applied' ? { status: 'replayed' } : { status: 'refused', messageKey: 'ledger_refused' };
    const wait = retryAfterSeconds(await recentSubmissionAges(tx, SELF_SERVICE_CLIENT_ID, input.t, SUBMISSION_LIMITS), SUBMISSION_LIMITS);
    if (wait !== null) {
      log.warn('self-service submissions from one link over the limit', { kind, loanId, retryAfterSeconds: wait });
      return { status: 'limited', retryAfterSeconds: wait };
    }
    const account = await readLoanAccount(tx, loanId);
    if (!account) return { status: 'refused', messageKey: 'no_case' };
    const at = request.now.toISOString();
    let changes;
    try {
      changes = submissionChanges(kind, input, account, commandId, at);
    } catch (error) {
      if (error instanceof SubmissionRefused) return { status: 'refused', messageKey: error.messageKey };
      throw error;
    }
    const { t: _link, csrf: _csrf, ...args } = input;
    const command: PushedCommand = { seq: (await lastSeq(tx, SELF_SERVICE_CLIENT_ID)) + 1, id: commandId, name: COMMAND_OF[kind], args: { loanId, ...args }, actorId: SYSTEM_ACTOR_ID, at, changes };
    const result = await applyCommand(tx, { clientId: SELF_SERVICE_CLIENT_ID, device: SELF_SERVICE_PAGES, command });
    if (result.status === 'rejected') {
      log.warn('self-service submission refused by the ledger', { kind, loanId, reason: result.reason });
      return { status: 'refused', messageKey: 'ledger_refused' };
    }
    log.info('self-service submission recorded', { kind, loanId, commandId, version: result.version });
    return { status: 'applied' };
  });
}
