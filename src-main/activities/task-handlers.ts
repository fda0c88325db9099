import { TASK_LIST_LIMIT, type DueTask } from '../../src-shared/contract';
import type { UtcInstant } from '../../src-shared/dates';
import { AppError } from '../../src-shared/errors';
import { roleAllows } from '../../src-shared/roles';
import type { HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';
import { runCommand } from '../store/run-command';

interface TaskRecord {
  id: string;
  case_id: string | null;
  loan_id: string;
  due_on: DueTask['dueOn'];
  title: string;
  source: DueTask['source'];
  account_number: string;
  borrower_name: string;
  case_status: string | null;
}

/**
 * The agent's "due today" list (DESIGN §2, Dunning: next-action dates become follow-up tasks).
 * Tasks without a case (pre-delinquency rules) still name their loan, so the account and
 * borrower come from the loan rather than the case.
 */
export function taskHandlers(store: Store): HandlerSlice<'tasks.dueToday' | 'tasks.complete'> {
  const sqlite = store.sqlite;
  const openDue = 't.assigned_to = @assignee AND t.done_at IS NULL AND t.due_on <= @date';
  const countDue = sqlite.prepare(`SELECT count(*) FROM tasks t WHERE ${openDue}`).pluck();
  const listDue = sqlite.prepare(`SELECT t.id, t.case_id, t.loan_id, t.due_on, t.title, t.source, l.account_number,
      b.first_name || ' ' || b.last_name AS borrower_name, c.status AS case_status
    FROM tasks t JOIN loans l ON l.id = t.loan_id JOIN borrowers b ON b.id = l.borrower_id LEFT JOIN cases c ON c.id = t.case_id
    WHERE ${openDue} ORDER BY t.due_on, t.rowid LIMIT ${TASK_LIST_LIMIT}`);
  const taskById = sqlite.prepare('SELECT id, case_id, assigned_to, done_at FROM tasks WHERE id = ?');
  const markDone = sqlite.prepare('UPDATE tasks SET done_at = ? WHERE id = ? AND done_at IS NULL');

  return {
    'tasks.dueToday': ({ date }, { actor }) => {
      const params = { assignee: actor!.id, date: date ?? new Date().toISOString().slice(0, 10) };
      const rows = (listDue.all(params) as TaskRecord[]).map((r): DueTask => ({
        id: r.id,
        caseId: r.case_id,
        loanId: r.loan_id,
        dueOn: r.due_on,
        title: r.title,
        source: r.source,
        accountNumber: r.account_number,
        borrowerName: r.borrower_name,
        caseStatus: r.case_status,
      }));
      return { rows, total: countDue.get(params) as number };
    },
    'tasks.complete': ({ taskId }, { actor, broadcast }) => {
      const done = runCommand(store, actor!, 'tasks.complete', { taskId }, (at) => {
        const task = taskById.get(taskId) as { id: string; case_id: string | null; assigned_to: string | null; done_at: string | null } | undefined;
        if (!task) throw new AppError('not_found', `no task ${taskId}`, 'taskId');
        // Whoever may hand work to others may also close it on their behalf; an agent closes only their own.
        if (task.assigned_to !== actor!.id && !roleAllows(actor!.role, 'assign_cases')) throw new AppError('forbidden', 'only the assignee or a supervisor can complete this task', 'taskId');
        if (task.done_at !== null) throw new AppError('conflict', `the task was already completed at ${task.done_at}`, 'taskId');
        markDone.run(at, taskId);
        return { value: { caseId: task.case_id, doneAt: at as UtcInstant }, audit: [{ type: 'task.completed', entityType: 'task', entityId: taskId, payload: { caseId: task.case_id, assignedTo: task.assigned_to } }] };
      });
      if (done.caseId) broadcast('cases.changed', { caseIds: [done.caseId] });
      return { taskId, doneAt: done.doneAt };
    },
  };
}
