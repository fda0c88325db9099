import { describe, expect, it } from 'vitest';
import { epochDay, isoDate } from '../dates';
import { evaluatePromise, type PromiseTerms } from './promise-evaluation';

const promise: PromiseTerms = { createdOn: isoDate('2026-03-01'), dueOn: isoDate('2026-03-10'), graceDays: 3, amountMinor: 50_000, status: 'pending' };
const paid = (on: string, amountMinor: number) => ({ paidDay: epochDay(isoDate(on)), amountMinor });

describe('promise to pay', () => {
  it.each([
    ['no payment, before the due date', [], '2026-03-05', 'pending'],
    ['no payment, within grace', [], '2026-03-13', 'pending'],
    ['no payment, grace passed', [], '2026-03-14', 'broken'],
    ['paid in full early: kept at once', [paid('2026-03-02', 50_000)], '2026-03-02', 'kept'],
    ['paid in full on the last day of grace', [paid('2026-03-13', 50_000)], '2026-03-20', 'kept'],
    ['paid in two parts', [paid('2026-03-02', 20_000), paid('2026-03-12', 30_000)], '2026-03-12', 'kept'],
    ['paid in part, window still open', [paid('2026-03-02', 20_000)], '2026-03-11', 'pending'],
    ['paid in part, grace passed', [paid('2026-03-02', 20_000)], '2026-03-14', 'partially_kept'],
    ['paid after grace does not count', [paid('2026-03-14', 50_000)], '2026-03-20', 'broken'],
    ['paid before the promise was made does not count', [paid('2026-02-28', 50_000)], '2026-03-20', 'broken'],
    ['paid on the day it was made counts', [paid('2026-03-01', 50_000)], '2026-03-20', 'kept'],
    ['a payment dated after as-of is not known yet', [paid('2026-03-12', 50_000)], '2026-03-11', 'pending'],
  ] as const)('%s → %s', (_label, payments, asOf, status) => {
    expect(evaluatePromise(promise, payments, isoDate(asOf))).toBe(status);
  });

  it('lets one payment serve several promises, each judged on its own window', () => {
    const payments = [paid('2026-03-05', 60_000)];
    const second = { ...promise, createdOn: isoDate('2026-03-04'), amountMinor: 60_000 };
    expect([evaluatePromise(promise, payments, isoDate('2026-03-20')), evaluatePromise(second, payments, isoDate('2026-03-20'))]).toEqual(['kept', 'kept']);
  });

  it('never moves a judged or cancelled promise', () => {
    for (const status of ['kept', 'partially_kept', 'broken', 'cancelled'] as const) {
      expect(evaluatePromise({ ...promise, status }, [paid('2026-03-02', 50_000)], isoDate('2026-03-05'))).toBe(status);
    }
  });
});
