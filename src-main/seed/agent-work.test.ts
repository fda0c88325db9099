import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactZones, insideWindow, minuteWindow } from '../../src-shared/compliance/local-time';
import { addDays, epochDay, type IsoDate } from '../../src-shared/dates';
import { contactOfActivity } from '../../src-shared/domain/contact-outcome';
import type { ActivityOutcome } from '../../src-shared/domain/vocabulary';
import { stableId } from '../../src-shared/ids';
import { TEST_AS_OF, tempStore } from '../../tests-support/temp-store';
import { seedDatabase } from '../demo/seed-database';
import type { Store } from '../store/open-store';

const LOANS = 600;

interface Call {
  id: string;
  caseId: string;
  borrowerId: string;
  outcome: ActivityOutcome;
  at: string;
  timezone: string | null;
  jurisdiction: string;
  performedBy: string;
}

let temps: ReturnType<typeof tempStore>[];
let first: Store;
let again: Store;
let other: Store;

beforeAll(() => {
  temps = [tempStore(), tempStore(), tempStore()];
  [first, again, other] = temps.map((temp, n) => {
    seedDatabase(temp.store, { loans: LOANS, seed: n === 2 ? 8 : 7, asOf: TEST_AS_OF });
    return temp.store;
  }) as [Store, Store, Store];
});
afterAll(() => temps?.forEach((temp) => temp.cleanup()));

const rows = (store: Store, sql: string, ...params: unknown[]): unknown[] => store.sqlite.prepare(sql).raw().all(...params);
const agentWork = (store: Store) => [
  rows(store, 'SELECT * FROM activities ORDER BY id'),
  rows(store, `SELECT * FROM contact_attempts WHERE source = 'activity' ORDER BY id`),
  rows(store, 'SELECT * FROM promises ORDER BY id'),
];
const calls = (store: Store): Call[] =>
  store.sqlite.prepare(`SELECT a.id, a.case_id AS caseId, b.id AS borrowerId, a.outcome, a.at, b.timezone, b.jurisdiction, a.performed_by AS performedBy
    FROM activities a JOIN loans l ON l.id = a.loan_id JOIN borrowers b ON b.id = l.borrower_id ORDER BY a.at`).all() as Call[];

describe('the seed agents month of work', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(agentWork(again)).toEqual(agentWork(first));
    expect(agentWork(other)).not.toEqual(agentWork(first));
  });

  it('logs each call as activities.log does: a voice contact attempt with its outcome, a promise for a PTP', () => {
    const all = calls(first);
    expect(all.length).toBeGreaterThan(100);
    expect(new Set(all.map((c) => c.outcome))).toEqual(new Set(['NO_ANSWER', 'LEFT_MESSAGE', 'WRONG_NUMBER', 'REFUSED', 'PTP', 'PAID']));
    const attempt = first.sqlite.prepare(`SELECT channel, direction, outcome, at FROM contact_attempts WHERE id = ? AND source = 'activity'`);
    const promiseOf = first.sqlite.prepare('SELECT case_id, created_on, created_by FROM promises WHERE id = ?');
    for (const call of all) {
      const { channel, outcome } = contactOfActivity({ type: 'CALL', direction: 'outbound', outcome: call.outcome })!;
      expect(attempt.get(stableId('contact_attempt', 'activity', call.id))).toEqual({ channel, direction: 'outbound', outcome, at: call.at });
      const promise = promiseOf.get(stableId('promise', 'activity', call.id));
      expect(promise).toEqual(call.outcome === 'PTP' ? { case_id: call.caseId, created_on: call.at.slice(0, 10), created_by: call.performedBy } : undefined);
    }
  });

  it('leaves the promises to the daily runs, which judge them by the payments in their window', () => {
    const promises = first.sqlite.prepare(`SELECT p.status, p.due_on AS dueOn, p.amount_minor AS amount,
        (SELECT coalesce(sum(amount_minor), 0) FROM payments pay WHERE pay.loan_id = p.loan_id AND pay.paid_on >= p.created_on AND pay.paid_on <= date(p.due_on, '+' || p.grace_days || ' days')) AS paid
      FROM promises p`).all() as { status: string; dueOn: IsoDate; amount: number; paid: number }[];
    for (const p of promises) {
      const expected = p.paid >= p.amount ? 'kept' : addDays(p.dueOn, 3) >= TEST_AS_OF ? 'pending' : p.paid > 0 ? 'partially_kept' : 'broken';
      expect(p.status).toBe(expected);
    }
    const statuses = new Set(promises.map((p) => p.status));
    for (const status of ['kept', 'broken', 'pending']) expect(statuses).toContain(status);
  });

  it('calls on working days before as-of, within 09:00–17:00 in the borrower zone, a handful to 30 cases per agent a day', () => {
    const hours = minuteWindow({ start: '09:00', end: '17:00' });
    const perAgentDay = new Map<string, number>();
    for (const call of calls(first)) {
      const day = call.at.slice(0, 10) as IsoDate;
      expect(day < TEST_AS_OF).toBe(true);
      expect([0, 6]).not.toContain(new Date(`${day}T12:00:00Z`).getUTCDay());
      for (const zone of contactZones(call.timezone, call.jurisdiction).hourZones) expect(insideWindow(hours, zone, Date.parse(call.at))).toBe(true);
      perAgentDay.set(`${call.performedBy} ${day}`, (perAgentDay.get(`${call.performedBy} ${day}`) ?? 0) + 1);
    }
    expect(Math.max(...perAgentDay.values())).toBeLessThanOrEqual(30);
  });

  it('keeps each borrower to one contact a day, two calls in 7 days, and no call within 7 days after a conversation', () => {
    const contacts = first.sqlite.prepare(`SELECT channel, direction, outcome, at FROM contact_attempts WHERE borrower_id = ? AND blocked = 0 AND at >= ? AND at < ?`);
    for (const call of calls(first)) {
      const day = call.at.slice(0, 10) as IsoDate;
      const week = contacts.all(call.borrowerId, addDays(day, -6), addDays(day, 1)) as { channel: string; direction: string; outcome: string; at: string }[];
      expect(week.filter((c) => c.at.startsWith(day))).toHaveLength(1);
      expect(week.filter((c) => c.channel === 'voice' && c.direction === 'outbound').length).toBeLessThanOrEqual(2);
      expect(week.filter((c) => c.outcome === 'conversation' && c.at < day)).toEqual([]);
    }
  });

  it('spreads the work over the month and across the agents', () => {
    const all = calls(first);
    expect(new Set(all.map((c) => epochDay(c.at.slice(0, 10) as IsoDate))).size).toBeGreaterThanOrEqual(18);
    expect(new Set(all.map((c) => c.performedBy)).size).toBeGreaterThanOrEqual(4);
  });
});
