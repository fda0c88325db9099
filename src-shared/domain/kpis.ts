import type { IsoDate } from '../dates';
import type { Minor } from '../money';
import { BUCKETS, type Bucket, type PromiseStatus } from './vocabulary';

/** A ratio with what it was computed from; `rate` is null when there was nothing to divide by. */
export interface Ratio {
  numerator: number;
  denominator: number;
  rate: number | null;
}

function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator };
}

/**
 * Roll rates b → b+1 (DESIGN §2): balance in bucket b+1 now ÷ balance in bucket b a period ago.
 * Balances must be of one currency; amounts in different currencies are never added.
 */
export function rollRates(balancesThen: Readonly<Record<Bucket, Minor>>, balancesNow: Readonly<Record<Bucket, Minor>>): { from: Bucket; to: Bucket; ratio: Ratio }[] {
  return BUCKETS.slice(0, -1).map((from, index) => {
    const to = BUCKETS[index + 1]!;
    return { from, to, ratio: ratio(balancesNow[to], balancesThen[from]) };
  });
}

/** Cure rate: the share of accounts delinquent at the period's start that are current at its end. */
export function cureRate(delinquentAtStart: ReadonlySet<string>, currentAtEnd: ReadonlySet<string>): Ratio {
  let cured = 0;
  for (const account of delinquentAtStart) if (currentAtEnd.has(account)) cured += 1;
  return ratio(cured, delinquentAtStart.size);
}

/** Promise-kept rate: kept ÷ promises that fell due in the period (cancelled ones never fell due; partly kept is not kept). */
export function promiseKeptRate(promises: readonly { dueOn: IsoDate; status: PromiseStatus }[], from: IsoDate, to: IsoDate): Ratio {
  const fellDue = promises.filter((p) => p.dueOn >= from && p.dueOn <= to && p.status !== 'cancelled' && p.status !== 'pending');
  return ratio(fellDue.filter((p) => p.status === 'kept').length, fellDue.length);
}

/** Right-party-contact rate: conversations ÷ outbound call attempts (a voicemail or no answer is an attempt). */
export function rightPartyContactRate(calls: readonly { direction: 'outbound' | 'inbound'; outcome: string }[]): Ratio {
  const outbound = calls.filter((call) => call.direction === 'outbound');
  return ratio(outbound.filter((call) => call.outcome === 'conversation').length, outbound.length);
}

/** Collected: payments received in the period on loans with a case, per currency. */
export function collected(payments: readonly { paidOn: IsoDate; amountMinor: Minor; currency: string; loanHasCase: boolean }[], from: IsoDate, to: IsoDate): Record<string, Minor> {
  const totals: Record<string, Minor> = {};
  for (const p of payments) if (p.loanHasCase && p.paidOn >= from && p.paidOn <= to) totals[p.currency] = (totals[p.currency] ?? 0) + p.amountMinor;
  return totals;
}
