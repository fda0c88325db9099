import type { EpochDay } from '../dates';
import type { Channel } from '../domain/vocabulary';
import { localDay, startOfLocalDay, type EpochMs } from './local-time';
import type { ContactReason, ContactRecord } from './types';

/** A time-based block at an instant and the earliest instant it can clear (null: never). */
export interface TimeBlock {
  reason: ContactReason;
  /**
   * Never later than the true clearing instant, always after the instant asked about: the caller
   * re-evaluates there, so a bound that is merely safe still lands on the exact answer.
   */
  clearsAt: EpochMs | null;
}

/** A history entry with its instant and the borrower's local day worked out once. */
export interface DatedContact extends ContactRecord {
  ms: EpochMs;
  day: EpochDay;
}

/** Oldest first, so that the days are in order too and "the oldest attempt" is the first. */
export function dateHistory(history: readonly ContactRecord[], dayZone: string): DatedContact[] {
  return history
    .map((record) => {
      const ms = Date.parse(record.at);
      if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant: ${record.at}`);
      return { ...record, ms, day: localDay(dayZone, ms) };
    })
    .sort((a, b) => a.ms - b.ms);
}

/** What a limit counts: outbound attempts on some channels, on one loan or on all of them. */
export interface CountScope {
  channels: ReadonlySet<Channel>;
  /** null counts the borrower's contacts on every loan. */
  loanId: string | null;
}

/**
 * Every outbound attempt counts whatever its outcome (a voicemail is a call placed, a failed
 * text was still sent); inbound contacts are the borrower's doing and count for nobody's cap.
 * Only what has happened by `at` counts.
 */
function attempts(history: readonly DatedContact[], scope: CountScope, at: EpochMs): DatedContact[] {
  return history.filter((c) => c.direction === 'outbound' && c.ms <= at && scope.channels.has(c.channel) && (scope.loanId === null || c.loanId === scope.loanId));
}

export interface DayCap {
  reason: ContactReason;
  /** 1 for a daily cap; 7 for "N in 7 days": the day of the attempt and the 6 days before it. */
  days: number;
  cap: number;
  scope: CountScope;
}

/**
 * Refuses when `cap` attempts already fall in the window of days ending today. It clears when
 * enough of them have left the window: the day after the (count − cap + 1)th oldest drops out.
 */
export function dayCapBlock(limit: DayCap, history: readonly DatedContact[], dayZone: string, at: EpochMs): TimeBlock | null {
  const today = localDay(dayZone, at);
  const inWindow = attempts(history, limit.scope, at).filter((c) => c.day > today - limit.days);
  if (inWindow.length < limit.cap) return null;
  const leaving = inWindow[inWindow.length - limit.cap];
  const clearsAt = limit.cap > 0 && leaving ? startOfLocalDay(dayZone, leaving.day + limit.days) : null;
  return { reason: limit.reason, clearsAt };
}

/** Cooling-off runs from the last counted attempt, whichever day it fell on. */
export function coolingOffBlock(minutes: number, scope: CountScope, history: readonly DatedContact[], at: EpochMs): TimeBlock | null {
  const last = attempts(history, scope, at).at(-1);
  const clearsAt = last ? last.ms + minutes * 60_000 : -Infinity;
  return at < clearsAt ? { reason: 'cooling_off', clearsAt } : null;
}

/**
 * Regulation F: a telephone conversation about the debt on day D, whoever placed the call, bars
 * further calls through day D+6 (the conversation's day is day 1).
 */
export function afterConversationBlock(loanId: string, history: readonly DatedContact[], dayZone: string, at: EpochMs): TimeBlock | null {
  const today = localDay(dayZone, at);
  const conversations = history.filter((c) => c.loanId === loanId && c.channel === 'voice' && c.outcome === 'conversation' && c.ms <= at);
  const lastDay = conversations.at(-1)?.day;
  if (lastDay === undefined || today > lastDay + 6) return null;
  return { reason: 'reg_f_after_conversation', clearsAt: startOfLocalDay(dayZone, lastDay + 7) };
}
