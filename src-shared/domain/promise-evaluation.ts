import { addDays, epochDay, type IsoDate } from '../dates';
import type { Minor } from '../money';
import type { PaymentMade } from './allocation';
import type { PromiseStatus } from './vocabulary';

export interface PromiseTerms {
  createdOn: IsoDate;
  dueOn: IsoDate;
  graceDays: number;
  amountMinor: Minor;
  status: PromiseStatus;
}

export const DEFAULT_GRACE_DAYS = 3;

/**
 * Judges one promise on its own window (DESIGN §2): the payments dated from its creation to its
 * due date plus grace, and known by `asOf`. Reaching the amount keeps it at once; otherwise it is
 * pending until the window has passed, then partially kept or broken. One payment may serve
 * several promises. Statuses only move forward: a judged or cancelled promise stays as it is.
 */
export function evaluatePromise(promise: PromiseTerms, payments: readonly PaymentMade[], asOf: IsoDate): PromiseStatus {
  if (promise.status !== 'pending') return promise.status;
  const from = epochDay(promise.createdOn);
  const windowEnd = epochDay(addDays(promise.dueOn, promise.graceDays));
  const known = Math.min(epochDay(asOf), windowEnd);
  let received = 0;
  for (const payment of payments) if (payment.paidDay >= from && payment.paidDay <= known) received += payment.amountMinor;
  if (received >= promise.amountMinor) return 'kept';
  if (epochDay(asOf) <= windowEnd) return 'pending';
  return received > 0 ? 'partially_kept' : 'broken';
}
