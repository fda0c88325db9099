import { describe, expect, it } from 'vitest';
import { changeOf, creationOf, freshClientId, useSecurityStage } from './security-fixture';

/**
 * Issue 14, item 2: the relay verifies what every command does. The attacks below come from a
 * modified desktop where an agent really is signed in, so each command carries the agent's valid
 * signature: only its write-set (src-shared/sync/write-sets.ts) and the table rules stand in the
 * way. On main each one was applied.
 */
describe('security: a command changes only what its name, its user’s role and the ledger allow', () => {
  const stage = useSecurityStage();

  const asAgent = stage.pushAsAgent;

  const openCase = () => stage.rowOf('cases', `active = 1 AND status IN ('open', 'in_progress') ORDER BY id`);

  it('an agent’s cases.update cannot write a case off', async () => {
    const kase = openCase();
    const result = await asAgent('cases.update', [changeOf('cases', kase, { status: 'written_off', close_reason: 'written_off', closed_on: '2026-12-08' })]);
    expect(result).toMatchObject({ status: 'rejected', reason: `cases ${kase.id}: cases.update may set cases.status only to "open" or "in_progress" or "on_hold" or "legal", not "written_off"` });
    expect((await stage.ledgerData('cases', String(kase.id)))?.status).toBe(kase.status);
  });

  it('an agent’s activities.log cannot carry a 999,999.99 payment or a loan zeroing its balance', async () => {
    const kase = openCase();
    const loan = stage.rowOf('loans', 'id = ?', kase.loan_id);
    const activity = { id: `act-${freshClientId()}`, case_id: kase.id, loan_id: kase.loan_id, type: 'CALL', direction: 'outbound', contact_method: 'phone', outcome: 'PAID', notes: 'Paid in full', next_action_on: null, produced_promise: 0, performed_by: stage.userOf('agent'), at: new Date().toISOString() };
    const payment = { loan_id: kase.loan_id, paid_on: '2026-12-08', amount_minor: 99_999_999, reference: `PAY-${freshClientId()}`, source: 'manual' };
    const withPayment = await asAgent('activities.log', [creationOf('activities', activity), creationOf('payments', payment)]);
    expect(withPayment).toMatchObject({ status: 'rejected', reason: `payments ${payment.loan_id}:${payment.reference}: activities.log does not change payments` });
    const zeroed = await asAgent('activities.log', [creationOf('activities', { ...activity, id: `act-${freshClientId()}` }), changeOf('loans', loan, { balance_minor: 0, amount_past_due_minor: 0, dpd: 0 })]);
    expect(zeroed).toMatchObject({ status: 'rejected', reason: expect.stringContaining('activities.log does not change loans') });
    expect((await stage.ledgerData('loans', String(loan.id)))?.balance_minor).toBe(loan.balance_minor);
  });

  it('an agent’s cases.update cannot reassign a case', async () => {
    const kase = openCase();
    const other = stage.userOf('agent', 1);
    const result = await asAgent('cases.update', [changeOf('cases', kase, { assigned_agent_id: other })]);
    expect(result).toMatchObject({ status: 'rejected', reason: `cases ${kase.id}: cases.update may not change cases.assigned_agent_id` });
    // The honest command for it needs a supervisor.
    const assigned = await asAgent('cases.assign', [changeOf('cases', kase, { assigned_agent_id: other })]);
    expect(assigned).toMatchObject({ status: 'rejected', reason: expect.stringContaining('cases.assign needs the assign_cases permission') });
    expect((await stage.ledgerData('cases', String(kase.id)))?.assigned_agent_id).toBe(kase.assigned_agent_id);
  });

  it('an agent cannot lift do-not-contact, change a role or approve, whatever command carries it', async () => {
    const borrower = stage.rowOf('borrowers', `do_not_contact = 0 ORDER BY id`);
    // The ledger says do-not-contact (a supervisor set it); the agent's desk tries to lift it.
    const set = await asAgent('borrowers.setDoNotContact', [changeOf('borrowers', borrower, { do_not_contact: 1 })]);
    expect(set.status).toBe('applied');
    const lifted = await asAgent('borrowers.setDoNotContact', [changeOf('borrowers', { ...borrower, do_not_contact: 1 }, { do_not_contact: 0 })]);
    expect(lifted).toMatchObject({ status: 'rejected', reason: expect.stringContaining('lifting do-not-contact needs the override_do_not_contact permission') });
    const agentRow = stage.rowOf('users', `id = ?`, stage.userOf('agent'));
    const promoted = await asAgent('cases.update', [changeOf('users', agentRow, { role: 'admin' })]);
    expect(promoted).toMatchObject({ status: 'rejected', reason: `users ${agentRow.id}: cases.update does not change users` });
    expect((await stage.ledgerData('users', String(agentRow.id)))?.role).toBe('agent');
    expect((await stage.ledgerData('borrowers', String(borrower.id)))?.do_not_contact).toBe(1);
  });
});
