import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDispatcher } from '../../tests-support/dispatcher';
import { seededStore, tableCounts } from '../../tests-support/temp-store';
import type { ActivityLogPage, DueTaskList, LoggedActivity, PromiseToPay, SessionUser } from '../../src-shared/contract';
import { addDays, isoDate } from '../../src-shared/dates';
import { ROLE_PERMISSIONS } from '../../src-shared/roles';
import type { Session } from '../ipc/handler-types';
import type { Store } from '../store/open-store';

let temp: ReturnType<typeof seededStore>;
let store: Store;
let api: ReturnType<typeof testDispatcher>;
/** Open cases, each used by one test, so no test sees another's status change. */
let openCases: { id: string; loan_id: string; assigned_agent_id: string }[];
const today = isoDate(new Date().toISOString().slice(0, 10));

function sessionOf(userId: string): Session {
  const user = store.sqlite.prepare('SELECT id, name, email, role FROM users WHERE id = ?').get(userId) as Omit<SessionUser, 'permissions'>;
  return { user: { ...user, permissions: [...ROLE_PERMISSIONS[user.role]] } };
}
const one = (sql: string, ...params: unknown[]) => store.sqlite.prepare(sql).get(...params) as Record<string, unknown> | undefined;
const otherAgent = (userId: string) => sessionOf(store.sqlite.prepare(`SELECT id FROM users WHERE role = 'agent' AND id != ? ORDER BY id LIMIT 1`).pluck().get(userId) as string);

beforeAll(() => {
  temp = seededStore(60);
  store = temp.store;
  api = testDispatcher(store);
  openCases = store.sqlite.prepare(`SELECT id, loan_id, assigned_agent_id FROM cases WHERE status = 'open' AND assigned_agent_id IS NOT NULL ORDER BY id`).all() as typeof openCases;
  expect(openCases.length).toBeGreaterThanOrEqual(8);
});
afterAll(() => temp.cleanup());

describe('activities.log', () => {
  it('logs a PTP call with its promise, its contact, a follow-up task and the case moved to in progress', async () => {
    const kase = openCases[0]!;
    const agent = sessionOf(kase.assigned_agent_id);
    const dueOn = addDays(today, 7);
    const logged = (await api.ok(agent, 'activities.log', {
      caseId: kase.id, type: 'CALL', contactMethod: 'Mobile', outcome: 'PTP', notes: 'Will pay on Friday', nextActionOn: dueOn, promise: { amountMinor: 25_000, dueOn },
    })) as LoggedActivity;

    expect(logged).toMatchObject({ caseId: kase.id, loanId: kase.loan_id, direction: 'outbound', producedPromise: true, performedBy: agent.user!.id, contact: { channel: 'voice', outcome: 'conversation', direction: 'outbound' } });
    expect(one('SELECT type, outcome, produced_promise, next_action_on FROM activities WHERE id = ?', logged.id)).toEqual({ type: 'CALL', outcome: 'PTP', produced_promise: 1, next_action_on: dueOn });
    expect(one(`SELECT c.channel, c.outcome, c.source, c.at, c.borrower_id = l.borrower_id AS same_borrower FROM contact_attempts c JOIN loans l ON l.id = c.loan_id WHERE c.loan_id = ? AND c.source = 'activity'`, kase.loan_id))
      .toEqual({ channel: 'voice', outcome: 'conversation', source: 'activity', at: logged.at, same_borrower: 1 });
    expect(one('SELECT id, case_id, status, amount_minor, grace_days, due_on, created_on, created_by FROM promises WHERE id = ?', logged.promiseId)).toEqual({
      id: logged.promiseId, case_id: kase.id, status: 'pending', amount_minor: 25_000, grace_days: 3, due_on: dueOn, created_on: logged.at.slice(0, 10), created_by: agent.user!.id,
    });
    expect(one('SELECT case_id, assigned_to, due_on, source, done_at FROM tasks WHERE id = ?', logged.taskId)).toEqual({ case_id: kase.id, assigned_to: kase.assigned_agent_id, due_on: dueOn, source: 'activity', done_at: null });
    expect(one('SELECT status FROM cases WHERE id = ?', kase.id)).toEqual({ status: 'in_progress' });

    const audit = store.sqlite.prepare(`SELECT type, actor_id FROM audit_events WHERE at = ? ORDER BY seq`).all(logged.at);
    expect(audit).toEqual(['activity.logged', 'case.status_changed', 'promise.created'].map((type) => ({ type, actor_id: agent.user!.id })));
    expect(store.sqlite.prepare('SELECT name FROM outbox ORDER BY seq DESC LIMIT 1').pluck().get()).toBe('activities.log');
    expect(api.events).toContainEqual({ event: 'cases.changed', payload: { caseIds: [kase.id] } });
  });

  it('refuses a PTP without a promise, and a promise without a PTP, writing nothing', async () => {
    const kase = openCases[1]!;
    const agent = sessionOf(kase.assigned_agent_id);
    const before = tableCounts(store);
    expect(await api.dispatch(agent, 'activities.log', { caseId: kase.id, type: 'CALL', outcome: 'PTP' })).toMatchObject({ ok: false, error: { code: 'validation', field: 'promise' } });
    const promise = { amountMinor: 1_000, dueOn: addDays(today, 3) };
    expect(await api.dispatch(agent, 'activities.log', { caseId: kase.id, type: 'CALL', outcome: 'REFUSED', promise })).toMatchObject({ ok: false, error: { code: 'validation', field: 'outcome' } });
    expect(await api.dispatch(agent, 'activities.log', { caseId: kase.id, type: 'CALL', nextActionOn: addDays(today, -1) })).toMatchObject({ ok: false, error: { code: 'validation', field: 'nextActionOn' } });
    expect(await api.dispatch(agent, 'activities.log', { caseId: 'case_missing', type: 'CALL' })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'caseId' } });
    expect(tableCounts(store)).toEqual(before);
    expect(one('SELECT status FROM cases WHERE id = ?', kase.id)).toEqual({ status: 'open' });
  });

  it.each([
    ['CALL', 'LEFT_MESSAGE', 'voice', 'voicemail'],
    ['SMS', 'NO_ANSWER', 'sms', 'attempt'],
  ] as const)('records a %s with outcome %s as a %s %s', async (type, outcome, channel, contactOutcome) => {
    const kase = openCases[type === 'CALL' ? 2 : 3]!;
    const logged = (await api.ok(sessionOf(kase.assigned_agent_id), 'activities.log', { caseId: kase.id, type, outcome })) as LoggedActivity;
    expect(store.sqlite.prepare(`SELECT channel, outcome FROM contact_attempts WHERE loan_id = ? AND source = 'activity'`).all(kase.loan_id)).toEqual([{ channel, outcome: contactOutcome }]);
    expect(logged.taskId).toBeNull();
    expect(one('SELECT status FROM cases WHERE id = ?', kase.id)).toEqual({ status: 'in_progress' });
  });

  it('records a note without a contact attempt and leaves the case open', async () => {
    const kase = openCases[4]!;
    const logged = (await api.ok(sessionOf(kase.assigned_agent_id), 'activities.log', { caseId: kase.id, type: 'NOTE', notes: 'Borrower changed employer' })) as LoggedActivity;
    expect(logged.contact).toBeNull();
    expect(one(`SELECT count(*) AS n FROM contact_attempts WHERE loan_id = ? AND source = 'activity'`, kase.loan_id)).toEqual({ n: 0 });
    expect(one('SELECT status FROM cases WHERE id = ?', kase.id)).toEqual({ status: 'open' });
  });
});

describe('promises', () => {
  it('creates, lists oldest first and cancels a pending promise once', async () => {
    const kase = openCases[5]!;
    const agent = sessionOf(kase.assigned_agent_id);
    const first = (await api.ok(agent, 'promises.create', { caseId: kase.id, amountMinor: 5_000, dueOn: addDays(today, 2) })) as PromiseToPay;
    const second = (await api.ok(agent, 'promises.create', { caseId: kase.id, amountMinor: 7_500, dueOn: addDays(today, 9), graceDays: 0 })) as PromiseToPay;
    expect(first).toMatchObject({ status: 'pending', graceDays: 3, createdOn: today, caseId: kase.id });
    expect(((await api.ok(agent, 'promises.list', { caseId: kase.id })) as PromiseToPay[]).map((p) => p.id)).toEqual([first.id, second.id]);

    const cancelled = (await api.ok(agent, 'promises.cancel', { promiseId: first.id, reason: 'Borrower withdrew it' })) as PromiseToPay;
    expect(cancelled).toMatchObject({ id: first.id, status: 'cancelled', statusChangedOn: today });
    expect(one(`SELECT actor_id, payload FROM audit_events WHERE type = 'promise.cancelled' AND entity_id = ?`, first.id)).toEqual({
      actor_id: agent.user!.id, payload: JSON.stringify({ caseId: kase.id, reason: 'Borrower withdrew it' }),
    });
    const before = tableCounts(store);
    expect(await api.dispatch(agent, 'promises.cancel', { promiseId: first.id, reason: 'again' })).toMatchObject({ ok: false, error: { code: 'conflict', field: 'promiseId', message: expect.stringContaining('cancelled') } });
    expect(tableCounts(store)).toEqual(before);
  });

  it('refuses a promise on a closed case', async () => {
    const closed = store.sqlite.prepare(`SELECT id FROM cases WHERE status = 'closed' LIMIT 1`).pluck().get() as string;
    expect(await api.dispatch(api.sessionAs('agent'), 'promises.create', { caseId: closed, amountMinor: 100, dueOn: today })).toMatchObject({ ok: false, error: { code: 'conflict', field: 'caseId' } });
  });
});

describe('activities.list', () => {
  it('lists every case, newest first, with performer, account and borrower, and filters', async () => {
    const kase = openCases[6]!;
    const agent = sessionOf(kase.assigned_agent_id);
    for (const outcome of ['NO_ANSWER', 'REFUSED'] as const) await api.ok(agent, 'activities.log', { caseId: kase.id, type: 'CALL', outcome });

    const all = (await api.ok(agent, 'activities.list', {})) as ActivityLogPage;
    expect(all.total).toBe(store.sqlite.prepare('SELECT count(*) FROM activities').pluck().get());
    expect(new Set(all.rows.map((r) => r.caseId)).size).toBeGreaterThan(1);
    const times = all.rows.map((r) => r.at);
    expect(times).toEqual([...times].sort().reverse());

    const ofCase = (await api.ok(agent, 'activities.list', { caseId: kase.id })) as ActivityLogPage;
    expect(ofCase.rows.map((r) => r.outcome)).toEqual(['REFUSED', 'NO_ANSWER']);
    const caseRow = one('SELECT account_number, borrower_name FROM cases WHERE id = ?', kase.id)!;
    expect(ofCase.rows[0]).toMatchObject({ accountNumber: caseRow.account_number, borrowerName: caseRow.borrower_name, performerName: agent.user!.name });

    const filtered = (await api.ok(agent, 'activities.list', { caseId: kase.id, type: 'CALL', outcome: 'REFUSED', performedBy: agent.user!.id, from: today, to: today })) as ActivityLogPage;
    expect(filtered.rows.map((r) => r.outcome)).toEqual(['REFUSED']);
    expect(((await api.ok(agent, 'activities.list', { type: 'NOTE' })) as ActivityLogPage).rows.every((r) => r.type === 'NOTE')).toBe(true);
    // The seeded agents' calls are all before today.
    const beforeToday = store.sqlite.prepare('SELECT count(*) FROM activities WHERE at < ?').pluck().get(today);
    expect(((await api.ok(agent, 'activities.list', { to: addDays(today, -1) })) as ActivityLogPage).total).toBe(beforeToday);
    expect(((await api.ok(agent, 'activities.list', { pageSize: 1, page: 1 })) as ActivityLogPage).rows.map((r) => r.id)).toEqual([all.rows[1]!.id]);
  });
});

describe('follow-up tasks', () => {
  it('shows a task due today to its assignee only, and lets only the assignee or a supervisor complete it', async () => {
    const kase = openCases[7]!;
    const assignee = sessionOf(kase.assigned_agent_id);
    const other = otherAgent(kase.assigned_agent_id);
    const logged = (await api.ok(api.sessionAs('supervisor'), 'activities.log', { caseId: kase.id, type: 'VISIT', outcome: 'NO_ANSWER', nextActionOn: today })) as LoggedActivity;

    const due = (await api.ok(assignee, 'tasks.dueToday', {})) as DueTaskList;
    const task = due.rows.find((t) => t.id === logged.taskId);
    expect(task).toMatchObject({ caseId: kase.id, dueOn: today, source: 'activity', title: 'Follow up after visit: NO ANSWER', caseStatus: 'open' });
    expect(((await api.ok(other, 'tasks.dueToday', {})) as DueTaskList).rows.map((t) => t.id)).not.toContain(logged.taskId);
    expect(((await api.ok(assignee, 'tasks.dueToday', { date: addDays(today, -1) })) as DueTaskList).rows.map((t) => t.id)).not.toContain(logged.taskId);

    const before = tableCounts(store);
    expect(await api.dispatch(other, 'tasks.complete', { taskId: logged.taskId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(tableCounts(store)).toEqual(before);
    expect(await api.ok(assignee, 'tasks.complete', { taskId: logged.taskId })).toMatchObject({ taskId: logged.taskId });
    expect(await api.dispatch(assignee, 'tasks.complete', { taskId: logged.taskId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(((await api.ok(assignee, 'tasks.dueToday', {})) as DueTaskList).rows.map((t) => t.id)).not.toContain(logged.taskId);
  });
});
