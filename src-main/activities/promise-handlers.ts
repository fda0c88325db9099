import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { PromiseToPay } from '../../src-shared/contract';
import { AppError } from '../../src-shared/errors';
import { requireActiveCase } from '../case-work/require-case';
import type { HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';
import { runCommand, type CommandOutcome } from '../store/run-command';

interface PromiseRecord {
  id: string;
  case_id: string | null;
  loan_id: string;
  created_on: PromiseToPay['createdOn'];
  due_on: PromiseToPay['dueOn'];
  amount_minor: number;
  currency: string;
  grace_days: number;
  status: PromiseToPay['status'];
  created_by: string | null;
  status_changed_on: PromiseToPay['statusChangedOn'];
}

export interface NewPromise {
  id: string;
  caseId: string;
  loanId: string;
  /** The command's date: the promise's payment window opens on it (DESIGN §2). */
  createdOn: string;
  dueOn: string;
  amountMinor: number;
  graceDays: number;
  createdBy: string;
}

const PROMISE_COLUMNS = 'p.id, p.case_id, p.loan_id, p.created_on, p.due_on, p.amount_minor, l.currency, p.grace_days, p.status, p.created_by, p.status_changed_on';

function toPromise(r: PromiseRecord): PromiseToPay {
  return {
    id: r.id,
    caseId: r.case_id,
    loanId: r.loan_id,
    createdOn: r.created_on,
    dueOn: r.due_on,
    amountMinor: r.amount_minor,
    currency: r.currency,
    graceDays: r.grace_days,
    status: r.status,
    createdBy: r.created_by,
    statusChangedOn: r.status_changed_on,
  };
}

/** Writes a pending promise and reads it back; `activities.log` uses it too, inside its own transaction. */
export function promiseWriter(sqlite: Database.Database) {
  const insert = sqlite.prepare(`INSERT INTO promises (id, case_id, loan_id, created_on, due_on, amount_minor, grace_days, status, created_by)
    VALUES (@id, @caseId, @loanId, @createdOn, @dueOn, @amountMinor, @graceDays, 'pending', @createdBy)`);
  const byId = sqlite.prepare(`SELECT ${PROMISE_COLUMNS} FROM promises p JOIN loans l ON l.id = p.loan_id WHERE p.id = ?`);
  const read = (promiseId: string): PromiseToPay | undefined => {
    const row = byId.get(promiseId) as PromiseRecord | undefined;
    return row && toPromise(row);
  };
  const create = (promise: NewPromise): CommandOutcome<PromiseToPay> => {
    insert.run(promise);
    const { id, caseId, amountMinor, dueOn, graceDays } = promise;
    return { value: read(id)!, audit: [{ type: 'promise.created', entityType: 'promise', entityId: id, payload: { caseId, amountMinor, dueOn, graceDays } }] };
  };
  return { create, read };
}

export function promiseHandlers(store: Store): HandlerSlice<'promises.create' | 'promises.cancel' | 'promises.list'> {
  const promises = promiseWriter(store.sqlite);
  const cancel = store.sqlite.prepare(`UPDATE promises SET status = 'cancelled', status_changed_on = ? WHERE id = ? AND status = 'pending'`);
  const ofCase = store.sqlite.prepare(`SELECT ${PROMISE_COLUMNS} FROM promises p JOIN loans l ON l.id = p.loan_id WHERE p.case_id = ? ORDER BY p.created_on, p.rowid`);

  return {
    'promises.create': (input, { actor, broadcast }) => {
      // The id is made here, not in the transaction, so the outbox carries it and the relay replays the same row.
      const promiseId = randomUUID();
      const created = runCommand(store, actor!, 'promises.create', { ...input, promiseId }, (at) => {
        const kase = requireActiveCase(store.sqlite, input.caseId);
        return promises.create({ ...input, id: promiseId, loanId: kase.loan_id, createdOn: at.slice(0, 10), createdBy: actor!.id });
      });
      broadcast('cases.changed', { caseIds: [input.caseId] });
      return created;
    },
    'promises.cancel': ({ promiseId, reason }, { actor, broadcast }) => {
      const cancelled = runCommand(store, actor!, 'promises.cancel', { promiseId, reason }, (at) => {
        const current = promises.read(promiseId);
        if (!current) throw new AppError('not_found', `no promise ${promiseId}`, 'promiseId');
        // Statuses only move forward: a kept, broken or cancelled promise is history, not a plan to call off.
        if (current.status !== 'pending') throw new AppError('conflict', `the promise is ${current.status}; only a pending promise can be cancelled`, 'promiseId');
        cancel.run(at.slice(0, 10), promiseId);
        return { value: promises.read(promiseId)!, audit: [{ type: 'promise.cancelled', entityType: 'promise', entityId: promiseId, payload: { caseId: current.caseId, reason } }] };
      });
      if (cancelled.caseId) broadcast('cases.changed', { caseIds: [cancelled.caseId] });
      return cancelled;
    },
    'promises.list': ({ caseId }) => (ofCase.all(caseId) as PromiseRecord[]).map(toPromise),
  };
}
