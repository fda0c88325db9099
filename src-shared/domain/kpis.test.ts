import { describe, expect, it } from 'vitest';
import { isoDate } from '../dates';
import { collected, cureRate, cureRateOfTransitions, promiseKeptRate, rightPartyContactRate, rollMatrix, rollRates } from './kpis';

const d = isoDate;

describe('collection KPIs (DESIGN §2)', () => {
  it('rolls each bucket into the next: balance in b+1 now over balance in b a period ago', () => {
    const then = { current: 1_000_000, dpd_1_29: 200_000, dpd_30_59: 100_000, dpd_60_89: 0, dpd_90_119: 40_000, dpd_120_plus: 10_000 };
    const now = { current: 900_000, dpd_1_29: 150_000, dpd_30_59: 50_000, dpd_60_89: 30_000, dpd_90_119: 20_000, dpd_120_plus: 30_000 };
    expect(rollRates(then, now).map((r) => [r.from, r.to, r.ratio.rate])).toEqual([
      ['current', 'dpd_1_29', 0.15],
      ['dpd_1_29', 'dpd_30_59', 0.25],
      ['dpd_30_59', 'dpd_60_89', 0.3],
      ['dpd_60_89', 'dpd_90_119', null],
      ['dpd_90_119', 'dpd_120_plus', 0.75],
    ]);
  });

  it('cures the accounts delinquent at the start that are current at the end', () => {
    expect(cureRate(new Set(['a', 'b', 'c', 'd']), new Set(['a', 'c', 'x']))).toEqual({ numerator: 2, denominator: 4, rate: 0.5 });
    expect(cureRate(new Set(), new Set(['a'])).rate).toBeNull();
  });

  it('counts kept promises among those that fell due in the period', () => {
    const promises = [
      { dueOn: d('2026-03-02'), status: 'kept' as const },
      { dueOn: d('2026-03-05'), status: 'broken' as const },
      { dueOn: d('2026-03-09'), status: 'partially_kept' as const },
      { dueOn: d('2026-03-10'), status: 'cancelled' as const },
      { dueOn: d('2026-03-31'), status: 'kept' as const },
      { dueOn: d('2026-04-01'), status: 'kept' as const },
      { dueOn: d('2026-03-30'), status: 'pending' as const },
    ];
    expect(promiseKeptRate(promises, d('2026-03-01'), d('2026-03-31'))).toEqual({ numerator: 2, denominator: 4, rate: 0.5 });
  });

  it('divides conversations by outbound call attempts, voicemails included', () => {
    const calls = [
      { direction: 'outbound' as const, outcome: 'conversation' },
      { direction: 'outbound' as const, outcome: 'voicemail' },
      { direction: 'outbound' as const, outcome: 'attempt' },
      { direction: 'outbound' as const, outcome: 'attempt' },
      { direction: 'inbound' as const, outcome: 'conversation' },
    ];
    expect(rightPartyContactRate(calls)).toEqual({ numerator: 1, denominator: 4, rate: 0.25 });
  });

  it('sums payments in the period on loans with a case, per currency', () => {
    const payments = [
      { paidOn: d('2026-03-01'), amountMinor: 10_000, currency: 'USD', loanHasCase: true },
      { paidOn: d('2026-03-15'), amountMinor: 5_000, currency: 'TTD', loanHasCase: true },
      { paidOn: d('2026-03-16'), amountMinor: 7_000, currency: 'USD', loanHasCase: false },
      { paidOn: d('2026-04-01'), amountMinor: 9_000, currency: 'USD', loanHasCase: true },
    ];
    expect(collected(payments, d('2026-03-01'), d('2026-03-31'))).toEqual({ USD: 10_000, TTD: 5_000 });
  });

  it('weighs grouped rows by their count, as a store hands them over', () => {
    const promises = [
      { dueOn: d('2026-03-02'), status: 'kept' as const, count: 6 },
      { dueOn: d('2026-03-05'), status: 'broken' as const, count: 3 },
      { dueOn: d('2026-03-06'), status: 'pending' as const, count: 9 },
      { dueOn: d('2026-03-07'), status: 'partially_kept' as const },
    ];
    expect(promiseKeptRate(promises, d('2026-03-01'), d('2026-03-31'))).toEqual({ numerator: 6, denominator: 10, rate: 0.6 });
    const calls = [
      { direction: 'outbound' as const, outcome: 'conversation', count: 3 },
      { direction: 'outbound' as const, outcome: 'attempt', count: 9 },
      { direction: 'inbound' as const, outcome: 'conversation', count: 5 },
    ];
    expect(rightPartyContactRate(calls)).toEqual({ numerator: 3, denominator: 12, rate: 0.25 });
  });

  it('reads the roll matrix and the cure rate off bucket transitions', () => {
    const transitions = [
      { from: 'current' as const, to: 'current' as const, accounts: 90 },
      { from: 'current' as const, to: 'dpd_1_29' as const, accounts: 10 },
      { from: 'dpd_1_29' as const, to: 'current' as const, accounts: 5 },
      { from: 'dpd_1_29' as const, to: 'dpd_1_29' as const, accounts: 3 },
      { from: 'dpd_1_29' as const, to: 'dpd_30_59' as const, accounts: 12 },
      { from: 'dpd_90_119' as const, to: 'dpd_120_plus' as const, accounts: 4 },
    ];
    const matrix = rollMatrix(transitions);
    expect(matrix.map((row) => [row.from, row.accounts])).toEqual([['current', 100], ['dpd_1_29', 20], ['dpd_30_59', 0], ['dpd_60_89', 0], ['dpd_90_119', 4], ['dpd_120_plus', 0]]);
    expect(matrix[1]!.to.map((cell) => cell.share)).toEqual([0.25, 0.15, 0.6, 0, 0, 0]);
    expect(matrix[2]!.to.every((cell) => cell.share === null)).toBe(true);
    expect(cureRateOfTransitions(transitions)).toEqual({ numerator: 5, denominator: 24, rate: 5 / 24 });
  });
});
