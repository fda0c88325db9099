import { and, eq } from 'drizzle-orm';
import type { PushedCommand, PushResult } from '../../src-shared/sync/protocol';
import { syncCommands } from '../db/schema';
import type { RelayDb, RelayTx } from '../db/relay-database';
import { lockLedgerClock } from '../ledger/ledger-clock';
import { log } from '../log';
import { applyCommand } from '../sync/apply-command';
import { SYSTEM_ACTOR_ID } from '../sync/command-authority';
import { lastSeq } from '../sync/command-log';
import { readLoanAccount } from './loan-account';
import { COMMAND_OF, type SubmissionInput, type SubmissionKind } from './submission-forms';
import { SubmissionRefused, submissionChanges } from './submission-rows';

/**
 * The self-service pages push as one outbox of their own: their commands get the next sequence
 * of this client id under the ledger clock, are judged by the same authority and row rules as a
 * desktop's, and are logged beside them.
 */
export const SELF_SERVICE_CLIENT_ID = 'self-service';

export type SubmissionOutcome = { status: 'applied' | 'replayed' } | { status: 'refused'; messageKey: SubmissionRefused['messageKey'] | 'ledger_refused' };

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
 * its command logged and changes nothing.
 */
export function recordSubmission<K extends SubmissionKind>(db: RelayDb, request: { kind: K; loanId: string; input: SubmissionInput<K>; now: Date }): Promise<SubmissionOutcome> {
  const { kind, loanId, input } = request;
  const commandId = `self-service:${kind}:${input.nonce}`;
  return db.transaction(async (tx) => {
    await lockLedgerClock(tx);
    const taken = await alreadyTaken(tx, commandId);
    if (taken) return taken.status === 'applied' ? { status: 'replayed' } : { status: 'refused', messageKey: 'ledger_refused' };
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
    const result = await applyCommand(tx, { clientId: SELF_SERVICE_CLIENT_ID, deviceId: SELF_SERVICE_CLIENT_ID, devicePartitions: ['*'], command });
    if (result.status === 'rejected') {
      log.warn('self-service submission refused by the ledger', { kind, loanId, reason: result.reason });
      return { status: 'refused', messageKey: 'ledger_refused' };
    }
    log.info('self-service submission recorded', { kind, loanId, commandId, version: result.version });
    return { status: 'applied' };
  });
}
