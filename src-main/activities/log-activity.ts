import { randomUUID } from 'node:crypto';
import type { LoggedActivity, ParsedInput } from '../../src-shared/contract';
import { contactOfActivity } from '../../src-shared/domain/contact-outcome';
import { stableId } from '../../src-shared/ids';
import { requireActiveCase, requireCase } from '../case-work/require-case';
import type { HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';
import { runCommand, type CommandOutcome } from '../store/run-command';
import { promiseWriter } from './promise-handlers';

type LogInput = ParsedInput<'activities.log'>;

/** "Follow up after field visit: NO ANSWER": readable in the due-today list without opening the case. */
function followUpTitle({ type, outcome }: LogInput): string {
  const kind = type.toLowerCase().replaceAll('_', ' ');
  return `Follow up after ${kind}${outcome ? `: ${outcome.replaceAll('_', ' ')}` : ''}`;
}

/**
 * `activities.log`: the activity and everything it implies, in one transaction: the contact it
 * counts as for compliance, the follow-up task for its next-action date, the promise of a PTP,
 * and the case's move from open to in progress on its first outbound contact.
 */
export function logActivityHandler(store: Store): HandlerSlice<'activities.log'> {
  const sqlite = store.sqlite;
  const insertActivity = sqlite.prepare(`INSERT INTO activities (id, case_id, loan_id, type, direction, contact_method, outcome, notes, next_action_on, produced_promise, performed_by, at)
    VALUES (@id, @caseId, @loanId, @type, @direction, @contactMethod, @outcome, @notes, @nextActionOn, @producedPromise, @performedBy, @at)`);
  const borrowerOfLoan = sqlite.prepare('SELECT borrower_id FROM loans WHERE id = ?').pluck();
  const insertContact = sqlite.prepare(`INSERT INTO contact_attempts (id, borrower_id, loan_id, channel, direction, outcome, at, source) VALUES (?, ?, ?, ?, ?, ?, ?, 'activity')`);
  const insertTask = sqlite.prepare(`INSERT INTO tasks (id, case_id, loan_id, assigned_to, due_on, title, source) VALUES (?, ?, ?, ?, ?, ?, 'activity')`);
  const startWork = sqlite.prepare(`UPDATE cases SET status = 'in_progress' WHERE id = ? AND status = 'open'`);
  const promises = promiseWriter(sqlite);

  const apply = (input: LogInput, actorId: string, activityId: string, promiseId: string | null, at: string): CommandOutcome<LoggedActivity> => {
    // A promise binds an episode that is still being worked; a note or call on a closed case is still history worth keeping.
    const kase = input.promise ? requireActiveCase(sqlite, input.caseId) : requireCase(sqlite, input.caseId);
    const activity: LoggedActivity = {
      id: activityId,
      caseId: kase.id,
      loanId: kase.loan_id,
      type: input.type,
      direction: input.direction,
      contactMethod: input.contactMethod || null,
      outcome: input.outcome ?? null,
      notes: input.notes || null,
      nextActionOn: (input.nextActionOn ?? null) as LoggedActivity['nextActionOn'],
      producedPromise: promiseId !== null,
      performedBy: actorId,
      at: at as LoggedActivity['at'],
      contact: contactOfActivity(input),
      promiseId,
      taskId: input.nextActionOn ? stableId('task', 'activity', activityId) : null,
    };
    const { contact, taskId, ...row } = activity;
    insertActivity.run({ ...row, producedPromise: row.producedPromise ? 1 : 0 });
    const audit: CommandOutcome<unknown>['audit'] = [{
      type: 'activity.logged',
      entityType: 'activity',
      entityId: activityId,
      payload: { caseId: kase.id, type: input.type, direction: input.direction, outcome: activity.outcome, contact, taskId, promiseId },
    }];

    if (contact) {
      const { channel, outcome, direction } = contact;
      insertContact.run(stableId('contact_attempt', 'activity', activityId), borrowerOfLoan.get(kase.loan_id), kase.loan_id, channel, direction, outcome, at);
      if (direction === 'outbound' && startWork.run(kase.id).changes > 0) {
        audit.push({ type: 'case.status_changed', entityType: 'case', entityId: kase.id, payload: { from: 'open', to: 'in_progress', activityId } });
      }
    }
    if (taskId) {
      // The follow-up belongs to whoever works the case; an unassigned case keeps it with the person who logged it.
      insertTask.run(taskId, kase.id, kase.loan_id, kase.assigned_agent_id ?? actorId, input.nextActionOn, followUpTitle(input));
    }
    if (input.promise && promiseId) {
      const terms = { ...input.promise, id: promiseId, caseId: kase.id, loanId: kase.loan_id, createdOn: at.slice(0, 10), createdBy: actorId };
      audit.push(...promises.create(terms).audit);
    }
    return { value: activity, audit };
  };

  return {
    'activities.log': (input, { actor, broadcast }) => {
      // Ids are made before the transaction so the outbox carries them and the relay replays the same rows.
      const activityId = randomUUID();
      const promiseId = input.promise ? randomUUID() : null;
      const logged = runCommand(store, actor!, 'activities.log', { ...input, activityId, promiseId }, (at) => apply(input, actor!.id, activityId, promiseId, at));
      broadcast('cases.changed', { caseIds: [input.caseId] });
      return logged;
    },
  };
}
