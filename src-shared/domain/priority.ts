import type { Priority } from './vocabulary';

export interface PriorityInput {
  dpd: number;
  /** The balance in a common reference currency (USD minor units), so a JMD loan is not ranked by its bigger numbers. */
  referenceBalanceMinor: number;
  brokenPromises: number;
  slaBreached: boolean;
}

/**
 * Priority score in [0, 100], higher is worked first:
 *   50 × min(DPD, 180) / 180                      how late the account is
 * + 25 × min(log10(balance in USD + 1) / 6, 1)  how much is at stake (1,000,000 saturates)
 * + 15 × min(broken promises, 3) / 3             how unreliable the borrower's word has been
 * + 10 if an SLA timer is breached               work the team already owes
 * Rounded to two decimals so the score is identical on every machine.
 */
export function priorityScore(input: PriorityInput): number {
  const lateness = (50 * Math.min(Math.max(input.dpd, 0), 180)) / 180;
  const exposure = 25 * Math.min(Math.log10(Math.max(input.referenceBalanceMinor, 0) / 100 + 1) / 6, 1);
  const unreliability = (15 * Math.min(input.brokenPromises, 3)) / 3;
  const owed = input.slaBreached ? 10 : 0;
  return Math.round((lateness + exposure + unreliability + owed) * 100) / 100;
}

/**
 * LOW/MEDIUM/HIGH are the terciles of the scores of the active cases: returns the two cut
 * points (a score at or above `high` is HIGH, at or above `medium` is MEDIUM).
 */
export function tercileCuts(scores: readonly number[]): { medium: number; high: number } {
  if (scores.length === 0) return { medium: Infinity, high: Infinity };
  const sorted = [...scores].sort((a, b) => a - b);
  const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] as number;
  return { medium: at(1 / 3), high: at(2 / 3) };
}

export function priorityFor(score: number, cuts: { medium: number; high: number }): Priority {
  if (score >= cuts.high) return 'HIGH';
  if (score >= cuts.medium) return 'MEDIUM';
  return 'LOW';
}

/**
 * USD per unit of each portfolio currency, for ranking only (never for money movements). The
 * defaults are the currencies' long-standing rates (BBD is pegged 2:1); `app_meta` keys
 * `reference_rate:<CURRENCY>` override them.
 */
export const DEFAULT_REFERENCE_RATES: Readonly<Record<string, number>> = { USD: 1, BBD: 0.5, TTD: 0.147, JMD: 0.0064, GYD: 0.0048 };

export function referenceBalanceMinor(balanceMinor: number, rate: number): number {
  return Math.round(balanceMinor * rate);
}
