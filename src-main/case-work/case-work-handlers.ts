import { randomUUID } from 'node:crypto';
import type { NewCase } from '../../src-shared/contract';
import { AppError } from '../../src-shared/errors';
import { stableId } from '../../src-shared/ids';
import type { HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';
import { runCommand } from '../store/run-command';
import { requireActiveCase } from './require-case';

const OVERRIDE_HOURS = 24;

type Slice = 'cases.update' | 'cases.overrideNba' | 'cases.create' | 'cases.createBatch' | 'cases.close' | 'cases.writeOff' | 'contacts.overrideDoNotContact';

/** Case work that changes the case itself (seed 003/004): edits, overrides, manual cases, closing and write-off. */
export function caseWorkHandlers(store: Store): HandlerSlice<Slice> {
  const { sqlite } = store;
  const loanByAccount = sqlite.prepare(`SELECT l.id, l.account_number, l.currency, l.dpd, l.bucket, l.amount_past_due_minor, l.balance_minor, l.status,
    b.first_name || ' ' || b.last_name AS borrower_name FROM loans l JOIN borrowers b ON b.id = l.borrower_id WHERE l.account_number = ?`);
  const activeCaseOfLoan = sqlite.prepare('SELECT id FROM cases WHERE loan_id = ? AND active = 1');
  const activeUser = sqlite.prepare(`SELECT 1 FROM users WHERE id = ? AND active = 1 AND role IN ('agent', 'supervisor')`);
  const insertCase = sqlite.prepare(`INSERT INTO cases (id, loan_id, episode_started_on, account_number, borrower_name, currency, status, default_type, severity, stage,
    bucket, dpd, amount_past_due_minor, balance_minor, priority, priority_score, priority_manual, reason_code, assigned_agent_id, opened_on, created_by)
    VALUES (@id, @loanId, @openedOn, @account, @name, @currency, 'open', @defaultType, @severity, NULL, @bucket, @dpd, @pastDue, @balance, @priority, 0, 1,
      @reasonCode, @agentId, @openedOn, 'user')`);

  function createCase(input: NewCase, at: string, field: string) {
    const loan = loanByAccount.get(input.accountNumber) as Record<string, string | number> | undefined;
    if (!loan) throw new AppError('not_found', `no loan with account number ${input.accountNumber}`, `${field}.accountNumber`);
    if (loan.status !== 'active') throw new AppError('conflict', `loan ${input.accountNumber} is ${loan.status}`, `${field}.accountNumber`);
    const open = activeCaseOfLoan.get(loan.id) as { id: string } | undefined;
    if (open) throw new AppError('conflict', `loan ${input.accountNumber} already has an open case (${open.id}); work that one`, `${field}.accountNumber`);
    if (input.assignedAgentId && !activeUser.get(input.assignedAgentId)) throw new AppError('validation', `no active agent ${input.assignedAgentId}`, `${field}.assignedAgentId`);
    const caseId = `case_${randomUUID()}`;
    insertCase.run({
      id: caseId, loanId: loan.id, openedOn: input.openedOn ?? at.slice(0, 10), account: loan.account_number, name: loan.borrower_name, currency: loan.currency,
      defaultType: input.defaultType ?? 'payment_default', severity: input.severity, bucket: loan.bucket, dpd: loan.dpd, pastDue: loan.amount_past_due_minor,
      balance: loan.balance_minor, priority: input.priority, reasonCode: input.reasonCode, agentId: input.assignedAgentId ?? null,
    });
    return { caseId, audit: { type: 'case.created', entityType: 'case', entityId: caseId, payload: input } };
  }

  return {
    'cases.update': (input, { actor, broadcast }) => {
      runCommand(store, actor!, 'cases.update', input, () => {
        const before = requireActiveCase(sqlite, input.caseId);
        const changes: [column: string, value: string | number][] = [];
        if (input.status) changes.push(['status', input.status]);
        if (input.priority) changes.push(['priority', input.priority], ['priority_manual', 1]);
        if (input.reasonCode) changes.push(['reason_code', input.reasonCode]);
        for (const [flag, column] of [['dispute', 'dispute_flag'], ['vulnerability', 'vulnerability_flag'], ['hardship', 'hardship_flag']] as const) {
          const value = input.flags?.[flag];
          if (value !== undefined) changes.push([column, value ? 1 : 0]);
        }
        sqlite.prepare(`UPDATE cases SET ${changes.map(([column]) => `${column} = ?`).join(', ')} WHERE id = ?`).run(...changes.map(([, value]) => value), input.caseId);
        const from = Object.fromEntries(changes.map(([column]) => [column, before[column]]));
        return { value: null, audit: [{ type: 'case.updated', entityType: 'case', entityId: input.caseId, payload: { from, to: Object.fromEntries(changes) } }] };
      });
      broadcast('cases.changed', { caseIds: [input.caseId] });
      return { caseId: input.caseId };
    },
    'cases.overrideNba': (input, { actor, broadcast }) => {
      runCommand(store, actor!, 'cases.overrideNba', input, () => {
        const before = requireActiveCase(sqlite, input.caseId);
        sqlite.prepare('UPDATE cases SET nba_override_action = ?, nba_override_reason = ?, nba_override_by = ? WHERE id = ?').run(input.action, input.reason, actor!.id, input.caseId);
        return { value: null, audit: [{ type: 'case.nba_overridden', entityType: 'case', entityId: input.caseId, payload: { recommended: before.nba_action, chosen: input.action, reason: input.reason } }] };
      });
      broadcast('cases.changed', { caseIds: [input.caseId] });
      return { caseId: input.caseId };
    },
    'cases.create': (input, { actor, broadcast }) => {
      const caseId = runCommand(store, actor!, 'cases.create', input, (at) => {
        const created = createCase(input, at, 'case');
        return { value: created.caseId, audit: [created.audit] };
      });
      broadcast('cases.changed', { caseIds: [caseId] });
      return { caseId };
    },
    'cases.createBatch': (input, { actor, broadcast }) => {
      const accounts = input.cases.map((c) => c.accountNumber);
      const duplicate = accounts.find((account, index) => accounts.indexOf(account) !== index);
      if (duplicate) throw new AppError('validation', `account ${duplicate} appears twice in the batch`, 'cases');
      const caseIds = runCommand(store, actor!, 'cases.createBatch', input, (at) => {
        const created = input.cases.map((c, index) => createCase(c, at, `cases.${index}`));
        return { value: created.map((c) => c.caseId), audit: created.map((c) => c.audit) };
      });
      broadcast('cases.changed', { caseIds });
      return { caseIds };
    },
    'cases.close': (input, { actor, broadcast }) => {
      runCommand(store, actor!, 'cases.close', input, (at) => {
        requireActiveCase(sqlite, input.caseId);
        sqlite.prepare(`UPDATE cases SET status = 'closed', close_reason = 'manual', closed_on = ? WHERE id = ?`).run(at.slice(0, 10), input.caseId);
        return { value: null, audit: [{ type: 'case.closed', entityType: 'case', entityId: input.caseId, payload: { reason: input.reason, closeReason: 'manual' } }] };
      });
      broadcast('cases.changed', { caseIds: [input.caseId] });
      return { caseId: input.caseId };
    },
    'cases.writeOff': (input, { actor, broadcast }) => {
      runCommand(store, actor!, 'cases.writeOff', input, (at) => {
        const c = requireActiveCase(sqlite, input.caseId);
        const on = at.slice(0, 10);
        sqlite.prepare(`UPDATE cases SET status = 'written_off', close_reason = 'written_off', closed_on = ? WHERE id = ?`).run(on, c.id);
        sqlite.prepare(`UPDATE loans SET status = 'written_off' WHERE id = ?`).run(c.loan_id);
        sqlite
          .prepare(`INSERT INTO gl_entries (id, loan_id, posted_on, debit_account, credit_account, amount_minor, currency, memo) VALUES (?, ?, ?, 'allowance_for_credit_losses', 'loans_receivable', ?, ?, ?)`)
          .run(stableId('gl', 'write_off', c.id), c.loan_id, on, c.balance_minor, c.currency, `write-off of case ${c.id}: ${input.reason}`);
        return { value: null, audit: [{ type: 'LoanWrittenOff', entityType: 'case', entityId: c.id, payload: { balanceMinor: c.balance_minor, currency: c.currency, reason: input.reason } }] };
      });
      broadcast('cases.changed', { caseIds: [input.caseId] });
      return { caseId: input.caseId };
    },
    'contacts.overrideDoNotContact': (input, { actor }) => {
      return runCommand(store, actor!, 'contacts.overrideDoNotContact', input, (at) => {
        const c = requireActiveCase(sqlite, input.caseId);
        const borrower = sqlite.prepare('SELECT b.id, b.do_not_contact FROM loans l JOIN borrowers b ON b.id = l.borrower_id WHERE l.id = ?').get(c.loan_id) as { id: string; do_not_contact: number };
        if (!borrower.do_not_contact) throw new AppError('conflict', 'the borrower is not marked do-not-contact; no override is needed', 'caseId');
        const overrideId = randomUUID();
        const expiresAt = new Date(Date.parse(at) + OVERRIDE_HOURS * 3_600_000).toISOString();
        sqlite.prepare('INSERT INTO contact_overrides (id, borrower_id, case_id, granted_by, reason, granted_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(overrideId, borrower.id, c.id, actor!.id, input.reason, at, expiresAt);
        return { value: { overrideId, expiresAt }, audit: [{ type: 'contact.dnc_override_granted', entityType: 'case', entityId: c.id, payload: { reason: input.reason, expiresAt } }] };
      });
    },
  };
}
