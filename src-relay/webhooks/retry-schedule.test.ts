import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, nextRetryDelay } from './retry-schedule';

const MINUTE = 60_000;

describe('nextRetryDelay', () => {
  it.each([
    // attempts made, shortest wait (random 0), longest wait (random 1)
    [1, 15_000, 30_000],
    [2, 30_000, MINUTE],
    [3, MINUTE, 2 * MINUTE],
    [5, 4 * MINUTE, 8 * MINUTE],
    [8, 32 * MINUTE, 64 * MINUTE],
    [9, 60 * MINUTE, 120 * MINUTE],
    [15, 60 * MINUTE, 120 * MINUTE],
  ])('after %i failed attempts waits between %i and %i ms', (attempts, shortest, longest) => {
    expect(nextRetryDelay(DEFAULT_RETRY_POLICY, attempts, () => 0)).toBe(shortest);
    expect(nextRetryDelay(DEFAULT_RETRY_POLICY, attempts, () => 1)).toBe(longest);
    const jittered = nextRetryDelay(DEFAULT_RETRY_POLICY, attempts)!;
    expect(jittered).toBeGreaterThanOrEqual(shortest);
    expect(jittered).toBeLessThanOrEqual(longest);
  });

  it('gives up once the round’s attempts are spent', () => {
    expect(nextRetryDelay(DEFAULT_RETRY_POLICY, 16)).toBeNull();
    const longest = Array.from({ length: 15 }, (_, n) => nextRetryDelay(DEFAULT_RETRY_POLICY, n + 1, () => 1)!).reduce((sum, wait) => sum + wait, 0);
    expect(longest / 3_600_000).toBeCloseTo(16.1, 1);
    expect(nextRetryDelay({ maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100 }, 2, () => 0.5)).toBe(15);
    expect(nextRetryDelay({ maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100 }, 3)).toBeNull();
  });

  it('stays at the ceiling however far the exponent runs', () => {
    expect(nextRetryDelay({ maxAttempts: 5000, baseDelayMs: 1000, maxDelayMs: 10_000 }, 4000, () => 1)).toBe(10_000);
  });
});
