import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDispatcher } from '../../tests-support/dispatcher';
import { seededStore, tableCounts } from '../../tests-support/temp-store';
import type { Store } from '../store/open-store';

let temp: ReturnType<typeof seededStore>;
let store: Store;
let t: ReturnType<typeof testDispatcher>;
beforeAll(() => {
  temp = seededStore(60);
  store = temp.store;
  t = testDispatcher(store);
});
afterAll(() => temp.cleanup());

// Engine cases only: the manual cases these tests create have random ids and would reorder the list.
const activeCase = (offset = 0) => store.sqlite.prepare(`SELECT id, loan_id, balance_minor FROM cases WHERE active = 1 AND created_by = 'engine' ORDER BY id LIMIT 1 OFFSET ?`).get(offset) as { id: string; loan_id: string; balance_minor: number };
const auditOf = (caseId: string, type: string) => store.sqlite.prepare('SELECT actor_id, payload FROM audit_events WHERE entity_id = ? AND type = ?').all(caseId, type) as { actor_id: string; payload: string }[];

describe('case work commands', () => {
  it('an agent updates status, priority, reason and flags, with one audit event', async () => {
    const agent = t.sessionAs('agent');
    const { id } = activeCase(0);
    await t.ok(agent, 'cases.update', { caseId: id, status: 'on_hold', priority: 'HIGH', reasonCode: 'SKIP_TRACE', flags: { hardship: true } });
    expect(store.sqlite.prepare('SELECT status, priority, priority_manual, reason_code, hardship_flag FROM cases WHERE id = ?').get(id)).toEqual({
      status: 'on_hold', priority: 'HIGH', priority_manual: 1, reason_code: 'SKIP_TRACE', hardship_flag: 1,
    });
    const [event] = auditOf(id, 'case.updated');
    expect(event!.actor_id).toBe(agent.user!.id);
    expect(JSON.parse(event!.payload).to).toMatchObject({ status: 'on_hold', priority: 'HIGH' });
  });

  it('refuses an empty update and a status that only its own command may set', async () => {
    const agent = t.sessionAs('agent');
    expect(await t.dispatch(agent, 'cases.update', { caseId: activeCase(0).id })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await t.dispatch(agent, 'cases.update', { caseId: activeCase(0).id, status: 'written_off' })).toMatchObject({ ok: false, error: { code: 'validation', field: 'status' } });
  });

  it('records a next-best-action override with its reason', async () => {
    const agent = t.sessionAs('agent');
    const { id } = activeCase(1);
    expect(await t.dispatch(agent, 'cases.overrideNba', { caseId: id, action: 'call_now', reason: '' })).toMatchObject({ ok: false, error: { field: 'reason' } });
    await t.ok(agent, 'cases.overrideNba', { caseId: id, action: 'call_now', reason: 'borrower asked for a call' });
    expect(store.sqlite.prepare('SELECT nba_override_action, nba_override_reason, nba_override_by FROM cases WHERE id = ?').get(id)).toEqual({
      nba_override_action: 'call_now', nba_override_reason: 'borrower asked for a call', nba_override_by: agent.user!.id,
    });
  });

  it('creates manual cases one at a time or as a batch, all or nothing, and never a second open case for a loan', async () => {
    const agent = t.sessionAs('agent');
    const current = store.sqlite.prepare(`SELECT account_number FROM loans l WHERE status = 'active' AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.loan_id = l.id AND c.active = 1) ORDER BY id LIMIT 3`).pluck().all() as string[];
    const made = (await t.ok(agent, 'cases.create', { accountNumber: current[0], priority: 'MEDIUM', severity: 'low', reasonCode: 'OTHER', defaultType: 'infraction' })) as { caseId: string };
    expect(store.sqlite.prepare('SELECT created_by, default_type, status FROM cases WHERE id = ?').get(made.caseId)).toEqual({ created_by: 'user', default_type: 'infraction', status: 'open' });
    expect(await t.dispatch(agent, 'cases.create', { accountNumber: current[0], priority: 'LOW', severity: 'low', reasonCode: 'OTHER' })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const before = tableCounts(store);
    const batch = { cases: [{ accountNumber: current[1], priority: 'LOW', severity: 'low', reasonCode: 'PAST_DUE' }, { accountNumber: 'NO-SUCH', priority: 'LOW', severity: 'low', reasonCode: 'PAST_DUE' }] };
    expect(await t.dispatch(agent, 'cases.createBatch', batch)).toMatchObject({ ok: false, error: { code: 'not_found', field: 'cases.1.accountNumber' } });
    expect(tableCounts(store)).toEqual(before);
    batch.cases[1]!.accountNumber = current[2]!;
    expect(((await t.ok(agent, 'cases.createBatch', batch)) as { caseIds: string[] }).caseIds).toHaveLength(2);
  });

  it('lets only a supervisor write a case off, with its GL entry and audit event', async () => {
    const { id, loan_id, balance_minor } = activeCase(3);
    const before = tableCounts(store);
    expect(await t.dispatch(t.sessionAs('agent'), 'cases.writeOff', { caseId: id, reason: 'uncollectable' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(tableCounts(store)).toEqual(before);
    const supervisor = t.sessionAs('supervisor');
    await t.ok(supervisor, 'cases.writeOff', { caseId: id, reason: 'uncollectable' });
    expect(store.sqlite.prepare('SELECT status, close_reason FROM cases WHERE id = ?').get(id)).toEqual({ status: 'written_off', close_reason: 'written_off' });
    expect(store.sqlite.prepare(`SELECT debit_account, credit_account, amount_minor FROM gl_entries WHERE loan_id = ? AND debit_account = 'allowance_for_credit_losses'`).get(loan_id)).toEqual({
      debit_account: 'allowance_for_credit_losses', credit_account: 'loans_receivable', amount_minor: balance_minor,
    });
    expect(auditOf(id, 'LoanWrittenOff')[0]!.actor_id).toBe(supervisor.user!.id);
    expect(await t.dispatch(supervisor, 'cases.update', { caseId: id, status: 'open' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('lets only a supervisor override do-not-contact, with a reason, audited', async () => {
    const dnc = store.sqlite.prepare(`SELECT c.id FROM cases c JOIN loans l ON l.id = c.loan_id JOIN borrowers b ON b.id = l.borrower_id WHERE c.active = 1 AND b.do_not_contact = 1 LIMIT 1`).pluck().get() as string | undefined;
    const caseId = dnc ?? activeCase(4).id;
    if (!dnc) store.sqlite.prepare('UPDATE borrowers SET do_not_contact = 1 WHERE id = (SELECT borrower_id FROM loans WHERE id = (SELECT loan_id FROM cases WHERE id = ?))').run(caseId);
    const before = tableCounts(store);
    expect(await t.dispatch(t.sessionAs('agent'), 'contacts.overrideDoNotContact', { caseId, reason: 'borrower called in' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(tableCounts(store)).toEqual(before);
    const granted = (await t.ok(t.sessionAs('supervisor'), 'contacts.overrideDoNotContact', { caseId, reason: 'borrower called in' })) as { overrideId: string };
    expect(store.sqlite.prepare('SELECT reason, used_at FROM contact_overrides WHERE id = ?').get(granted.overrideId)).toEqual({ reason: 'borrower called in', used_at: null });
    expect(auditOf(caseId, 'contact.dnc_override_granted')).toHaveLength(1);
  });

  it('creates strategies and places and recalls a case with an agency', async () => {
    const supervisor = t.sessionAs('supervisor');
    const { id, balance_minor } = activeCase(5);
    const strategy = (await t.ok(t.sessionAs('agent'), 'strategies.create', { caseId: id, strategyType: 'HARD_COLLECTION', priorityLevel: 1, contactFrequency: 'DAILY' })) as { id: string };
    expect((await t.ok(supervisor, 'strategies.list', { caseId: id })) as unknown[]).toContainEqual(expect.objectContaining({ id: strategy.id, strategyType: 'HARD_COLLECTION' }));
    const [agency] = (await t.ok(supervisor, 'agencies.list', {})) as { id: string }[];
    expect(await t.dispatch(t.sessionAs('agent'), 'agencies.place', { caseId: id, agencyId: agency!.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const placement = (await t.ok(supervisor, 'agencies.place', { caseId: id, agencyId: agency!.id })) as { id: string; placedBalanceMinor: number };
    expect(placement.placedBalanceMinor).toBe(balance_minor);
    expect(await t.dispatch(supervisor, 'agencies.place', { caseId: id, agencyId: agency!.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const recalled = (await t.ok(supervisor, 'agencies.recall', { placementId: placement.id, reason: 'no progress in 90 days' })) as { recalledOn: string | null };
    expect(recalled.recalledOn).not.toBeNull();
  });
});
