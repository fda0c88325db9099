import type { IsoDate } from '../dates';
import type { Minor } from '../money';
import { BUCKETS, type Bucket, type PromiseStatus } from './vocabulary';

/** A ratio with what it was computed from; `rate` is null when there was nothing to divide by. */
export interface Ratio {
  numerator: number;
  denominator: number;
  rate: number | null;
}

export function ratio(numerator: number, denominator: number): Ratio {
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

/** Rows may stand for several alike records (`count`, 1 when absent), so a store can group them before the rule counts. */
type Counted = { count?: number };
const total = (rows: readonly Counted[]) => rows.reduce((sum, row) => sum + (row.count ?? 1), 0);

/** Whether a promise fell due in the period: cancelled ones never did, and pending ones are still inside their grace. */
export function promiseFellDue(promise: { dueOn: IsoDate; status: PromiseStatus }, from: IsoDate, to: IsoDate): boolean {
  return promise.dueOn >= from && promise.dueOn <= to && promise.status !== 'cancelled' && promise.status !== 'pending';
}

/** Promise-kept rate: kept ÷ promises that fell due in the period (partly kept is not kept). */
export function promiseKeptRate(promises: readonly ({ dueOn: IsoDate; status: PromiseStatus } & Counted)[], from: IsoDate, to: IsoDate): Ratio {
  const fellDue = promises.filter((p) => promiseFellDue(p, from, to));
  return ratio(total(fellDue.filter((p) => p.status === 'kept')), total(fellDue));
}

/** Right-party-contact rate: conversations ÷ outbound call attempts (a voicemail or no answer is an attempt). */
export function rightPartyContactRate(calls: readonly ({ direction: 'outbound' | 'inbound'; outcome: string } & Counted)[]): Ratio {
  const outbound = calls.filter((call) => call.direction === 'outbound');
  return ratio(total(outbound.filter((call) => call.outcome === 'conversation')), total(outbound));
}

/** Accounts that went from one bucket at the period's start to another at its end. */
export interface BucketTransition {
  from: Bucket;
  to: Bucket;
  accounts: number;
}

/**
 * The bucket-to-bucket roll matrix by accounts: for each starting bucket, the share of its
 * accounts in each bucket at the period's end (a row's shares add up to 1).
 */
export function rollMatrix(transitions: readonly BucketTransition[]): { from: Bucket; accounts: number; to: { bucket: Bucket; accounts: number; share: number | null }[] }[] {
  return BUCKETS.map((from) => {
    const row = transitions.filter((t) => t.from === from);
    const accounts = row.reduce((sum, t) => sum + t.accounts, 0);
    return {
      from,
      accounts,
      to: BUCKETS.map((to) => {
        const moved = row.filter((t) => t.to === to).reduce((sum, t) => sum + t.accounts, 0);
        return { bucket: to, accounts: moved, share: ratio(moved, accounts).rate };
      }),
    };
  });
}

/** The cure rate read off transitions: of the accounts not current at the start, those current at the end. */
export function cureRateOfTransitions(transitions: readonly BucketTransition[]): Ratio {
  const delinquent = transitions.filter((t) => t.from !== 'current');
  const cured = delinquent.filter((t) => t.to === 'current');
  return ratio(cured.reduce((sum, t) => sum + t.accounts, 0), delinquent.reduce((sum, t) => sum + t.accounts, 0));
}

/** Collected: payments received in the period on loans with a case, per currency. */
export function collected(payments: readonly { paidOn: IsoDate; amountMinor: Minor; currency: string; loanHasCase: boolean }[], from: IsoDate, to: IsoDate): Record<string, Minor> {
  const totals: Record<string, Minor> = {};
  for (const p of payments) if (p.loanHasCase && p.paidOn >= from && p.paidOn <= to) totals[p.currency] = (totals[p.currency] ?? 0) + p.amountMinor;
  return totals;
}
