import { describe, expect, it } from 'vitest';
import { priorityFor, priorityScore, tercileCuts } from './priority';

describe('priority score', () => {
  it.each([
    [{ dpd: 0, balanceMinor: 0, brokenPromises: 0, slaBreached: false }, 0],
    [{ dpd: 180, balanceMinor: 0, brokenPromises: 0, slaBreached: false }, 50],
    [{ dpd: 400, balanceMinor: 0, brokenPromises: 0, slaBreached: false }, 50],
    [{ dpd: 0, balanceMinor: 100_000_000, brokenPromises: 0, slaBreached: false }, 25],
    [{ dpd: 0, balanceMinor: 0, brokenPromises: 5, slaBreached: false }, 15],
    [{ dpd: 0, balanceMinor: 0, brokenPromises: 0, slaBreached: true }, 10],
    [{ dpd: 90, balanceMinor: 99_900, brokenPromises: 1, slaBreached: false }, 25 + 12.5 + 5],
  ])('%o scores %d', (input, expected) => {
    expect(priorityScore(input)).toBeCloseTo(expected, 2);
  });

  it('splits scores into terciles', () => {
    const cuts = tercileCuts([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([1, 3, 4, 6, 7, 9].map((s) => priorityFor(s, cuts))).toEqual(['LOW', 'LOW', 'MEDIUM', 'MEDIUM', 'HIGH', 'HIGH']);
  });
});
