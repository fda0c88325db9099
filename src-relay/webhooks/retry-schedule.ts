/** How long a failing delivery keeps being retried. */
export interface RetryPolicy {
  /** Attempts in one round (a replay starts another) before the delivery is marked failed. */
  maxAttempts: number;
  /** The step after the first failure; each later one doubles, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Thirty seconds, doubling to a ceiling of two hours, sixteen attempts: 8 to 16 hours in all, so
 * a receiver that is down overnight still gets every event, and one gone for good is given up
 * within a day.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 16, baseDelayMs: 30_000, maxDelayMs: 2 * 60 * 60 * 1000 };

/**
 * The wait before the next attempt after `attemptsMade` failed ones, or null once the round is
 * spent. Equal jitter: half of each step is fixed and half random, so the deliveries a receiver's
 * outage failed together do not all come back at once, and none comes back sooner than half its step.
 */
export function nextRetryDelay(policy: RetryPolicy, attemptsMade: number, random: () => number = Math.random): number | null {
  if (attemptsMade >= policy.maxAttempts) return null;
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}
