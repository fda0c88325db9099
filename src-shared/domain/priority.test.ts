import { describe, expect, it } from 'vitest';
import { DEFAULT_REFERENCE_RATES, priorityFor, priorityScore, referenceBalanceMinor, tercileCuts } from './priority';

describe('priority score', () => {
  it.each([
    [{ dpd: 0, referenceBalanceMinor: 0, brokenPromises: 0, slaBreached: false }, 0],
    [{ dpd: 180, referenceBalanceMinor: 0, brokenPromises: 0, slaBreached: false }, 50],
    [{ dpd: 400, referenceBalanceMinor: 0, brokenPromises: 0, slaBreached: false }, 50],
    [{ dpd: 0, referenceBalanceMinor: 100_000_000, brokenPromises: 0, slaBreached: false }, 25],
    [{ dpd: 0, referenceBalanceMinor: 0, brokenPromises: 5, slaBreached: false }, 15],
    [{ dpd: 0, referenceBalanceMinor: 0, brokenPromises: 0, slaBreached: true }, 10],
    [{ dpd: 90, referenceBalanceMinor: 99_900, brokenPromises: 1, slaBreached: false }, 25 + 12.5 + 5],
  ])('%o scores %d', (input, expected) => {
    expect(priorityScore(input)).toBeCloseTo(expected, 2);
  });

  it('ranks exposure in a reference currency, so a JMD balance is not worth 150 USD balances', () => {
    const jmd = priorityScore({ dpd: 30, referenceBalanceMinor: referenceBalanceMinor(15_000_000, DEFAULT_REFERENCE_RATES.JMD!), brokenPromises: 0, slaBreached: false });
    const usd = priorityScore({ dpd: 30, referenceBalanceMinor: referenceBalanceMinor(96_000, DEFAULT_REFERENCE_RATES.USD!), brokenPromises: 0, slaBreached: false });
    expect(jmd).toBeCloseTo(usd, 2);
  });

  it('splits scores into terciles', () => {
    const cuts = tercileCuts([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([1, 3, 4, 6, 7, 9].map((s) => priorityFor(s, cuts))).toEqual(['LOW', 'LOW', 'MEDIUM', 'MEDIUM', 'HIGH', 'HIGH']);
  });
});
