import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CurrencyAmount, DashboardSummary } from '../../src-shared/contract';
import { testDispatcher } from '../../tests-support/dispatcher';
import { seededStore, TEST_AS_OF } from '../../tests-support/temp-store';
import type { Session } from '../ipc/handler-types';
import type { Store } from '../store/open-store';
import { independentFigures, type Period } from './independent-figures.test-support';

// Activities are dated by the wall clock: pin it to the business date's afternoon.
const NOW = `${TEST_AS_OF}T15:00:00.000Z`;

let temp: ReturnType<typeof seededStore>;
let store: Store;
let api: ReturnType<typeof testDispatcher>;
let supervisor: Session;

const summary = (input: Record<string, unknown>) => api.ok(supervisor, 'dashboard.summary', input) as Promise<DashboardSummary>;
const asRecord = (amounts: CurrencyAmount[]) => Object.fromEntries(amounts.map((a) => [a.currency, a.amountMinor]));

/**
 * The demo seed has no agent work, so agents log calls through the real channel today, and
 * promises the daily run has already judged are laid in the month, kept, broken and otherwise.
 */
async function addAgentWork(): Promise<void> {
  const agents = [0, 1, 2].map((index) => api.sessionAs('agent', index));
  const outcomes = ['PTP', 'NO_ANSWER', 'LEFT_MESSAGE', 'REFUSED', 'PAID', 'WRONG_NUMBER'] as const;
  for (const [index, agent] of agents.entries()) {
    const cases = store.sqlite.prepare(`SELECT id, amount_past_due_minor AS due FROM cases WHERE active = 1 AND assigned_agent_id = ? ORDER BY id LIMIT 4`).all(agent.user!.id) as { id: string; due: number }[];
    for (const [n, kase] of cases.entries()) {
      const outcome = outcomes[(index + n) % outcomes.length]!;
      const promise = outcome === 'PTP' ? { promise: { amountMinor: Math.max(100, kase.due), dueOn: '2026-11-27' } } : {};
      await api.ok(agent, 'activities.log', { caseId: kase.id, type: 'CALL', outcome, ...promise });
    }
    if (cases[0]) await api.ok(agent, 'activities.log', { caseId: cases[0].id, type: 'SMS', notes: 'Reminder sent by hand' });
    if (cases[1]) await api.ok(agent, 'activities.log', { caseId: cases[1].id, type: 'CALL', direction: 'inbound', outcome: 'PTP', promise: { amountMinor: 5_000, dueOn: '2026-12-01' } });
  }
  const cases = store.sqlite.prepare(`SELECT id, loan_id, assigned_agent_id FROM cases WHERE active = 1 AND assigned_agent_id IS NOT NULL ORDER BY id LIMIT 24`).all() as { id: string; loan_id: string; assigned_agent_id: string }[];
  const statuses = ['kept', 'broken', 'partially_kept', 'kept', 'cancelled', 'pending', 'kept', 'broken'] as const;
  const insert = store.sqlite.prepare(`INSERT INTO promises (id, case_id, loan_id, created_on, due_on, amount_minor, status, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  cases.forEach((kase, n) => {
    const due = `2026-${n % 3 === 0 ? '10-28' : `11-${String(2 + (n % 17)).padStart(2, '0')}`}`;
    insert.run(`promise_test_${n}`, kase.id, kase.loan_id, '2026-10-20', due, 10_000 + n, statuses[n % statuses.length], kase.assigned_agent_id);
  });
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(NOW));
  temp = seededStore(300);
  store = temp.store;
  api = testDispatcher(store);
  supervisor = api.sessionAs('supervisor');
  await addAgentWork();
}, 60_000);
afterAll(() => {
  api?.close();
  temp?.cleanup();
  vi.useRealTimers();
});

/** Compares every dashboard figure with the same figure computed from first principles in the test. */
function expectMatches(dashboard: DashboardSummary, period: Period) {
  const truth = independentFigures(store.sqlite, period);
  const { kpis } = dashboard;
  expect(Object.fromEntries(kpis.arrearsByStage.map((s) => [s.stage, { accounts: s.accounts, pastDue: asRecord(s.pastDue) }]))).toEqual(truth.arrearsByStage);
  expect(kpis.accountsInArrears).toBe(truth.accountsInArrears);
  expect(asRecord(kpis.collectedToday)).toEqual(truth.collectedToday);
  expect(asRecord(kpis.collectedMonthToDate)).toEqual(truth.collectedMonthToDate);
  expect(asRecord(kpis.collectedInPeriod)).toEqual(truth.collectedInPeriod);
  expect(kpis.promiseKeptRate).toEqual(truth.promiseKeptRate);
  expect(kpis.rightPartyContactRate).toEqual(truth.rightPartyContactRate);
  expect(kpis.contactsToday).toBe(truth.contactsToday);
  expect(kpis.cureRate).toEqual(truth.cureRate);
  expect(Object.fromEntries(dashboard.aging.map((b) => [b.bucket, { accounts: b.accounts, pastDue: asRecord(b.pastDue), balance: asRecord(b.balance) }]))).toEqual(truth.aging);
  expect(dashboard.roll.matrix.flatMap((row) => row.to.filter((cell) => cell.accounts > 0).map((cell) => `${row.from}>${cell.bucket}:${cell.accounts}`)).sort()).toEqual(truth.transitions);
  expect(Object.fromEntries(dashboard.roll.rates.map((r) => [r.currency, r.rates.map((rate) => rate.ratio)]))).toEqual(truth.rollRates);
  expect(dashboard.agents.filter((a) => a.cases + a.contacts + a.promises > 0).map((a) => ({ ...a, collected: asRecord(a.collected) }))).toEqual(truth.agents);
}

describe('dashboard.summary', () => {
  it('equals figures computed independently for the business date’s month', async () => {
    const dashboard = await summary({});
    expect(dashboard).toMatchObject({ businessDate: TEST_AS_OF, from: '2026-11-01', to: TEST_AS_OF, startOn: '2026-10-31', currency: null });
    expectMatches(dashboard, { from: '2026-11-01', to: TEST_AS_OF, startOn: '2026-10-31', businessDate: TEST_AS_OF, monthStart: '2026-11-01', currency: null });
    // The seeded book has work in every measure, so equality above is not equality of zeros.
    expect(dashboard.kpis.accountsInArrears).toBeGreaterThan(30);
    expect(dashboard.kpis.collectedMonthToDate.length).toBeGreaterThan(1);
    expect(dashboard.kpis.promiseKeptRate.denominator).toBeGreaterThan(5);
    expect(dashboard.kpis.rightPartyContactRate.numerator).toBeGreaterThan(0);
    expect(dashboard.kpis.cureRate.numerator).toBeGreaterThan(0);
    expect(dashboard.kpis.contactsToday).toBeGreaterThan(0);
    expect(dashboard.agents.some((agent) => agent.rightPartyContacts > 0 && agent.promises > 0)).toBe(true);
  });

  it('equals independent figures for a past week in one currency', async () => {
    const dashboard = await summary({ from: '2026-11-09', to: '2026-11-15', currency: 'USD' });
    expect(dashboard).toMatchObject({ from: '2026-11-09', to: '2026-11-15', startOn: '2026-11-08', currency: 'USD' });
    expect(dashboard.currencies).toEqual(['BBD', 'GYD', 'JMD', 'TTD', 'USD']);
    expectMatches(dashboard, { from: '2026-11-09', to: '2026-11-15', startOn: '2026-11-08', businessDate: TEST_AS_OF, monthStart: '2026-11-01', currency: 'USD' });
    expect(dashboard.aging.every((bucket) => bucket.pastDue.every((amount) => amount.currency === 'USD'))).toBe(true);
  });

  it('reads the trend from the daily snapshots, its last day agreeing with the loans', async () => {
    const dashboard = await summary({});
    expect(dashboard.trend).toHaveLength(30);
    expect(dashboard.trend.at(-1)!.on).toBe(TEST_AS_OF);
    const arrears = store.sqlite.prepare(`SELECT currency, count(*) AS n, sum(amount_past_due_minor) AS due FROM loans WHERE status = 'active' AND dpd > 0 GROUP BY currency`).all() as { currency: string; n: number; due: number }[];
    expect(dashboard.trend.at(-1)!.accountsInArrears).toBe(arrears.reduce((sum, row) => sum + row.n, 0));
    expect(asRecord(dashboard.trend.at(-1)!.pastDue)).toEqual(Object.fromEntries(arrears.map((row) => [row.currency, row.due])));
    const jmd = await summary({ currency: 'JMD' });
    expect(jmd.trend.at(-1)).toMatchObject({ accountsInArrears: arrears.find((row) => row.currency === 'JMD')!.n, openCases: null });
  });

  it('starts roll and cure rates at the first day with history when the period begins earlier', async () => {
    const dashboard = await summary({ from: '2026-09-01' });
    expect(dashboard.startOn).toBe('2026-10-22');
    expectMatches(dashboard, { from: '2026-09-01', to: TEST_AS_OF, startOn: '2026-10-22', businessDate: TEST_AS_OF, monthStart: '2026-11-01', currency: null });
  });

  it('refuses agents, a period after the business date and a reversed range', async () => {
    expect(await api.dispatch(api.sessionAs('agent'), 'dashboard.summary', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await api.dispatch(supervisor, 'dashboard.summary', { from: '2026-12-01' })).toMatchObject({ ok: false, error: { code: 'validation', field: 'from' } });
    expect(await api.dispatch(supervisor, 'dashboard.summary', { from: '2026-11-10', to: '2026-11-01' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await api.dispatch(supervisor, 'dashboard.summary', { currency: 'usd' })).toMatchObject({ ok: false, error: { code: 'validation', field: 'currency' } });
  });
});
