import { Temporal } from 'temporal-polyfill';
import { epochDay, fromEpochDay, isoDate, type EpochDay } from '../dates';
import { findJurisdiction } from '../domain/jurisdictions';
import type { ClockWindow } from './types';

/** Instants are compared as epoch milliseconds: cheap to order and to step. */
export type EpochMs = number;

const MS_PER_MINUTE = 60_000;
const CLOCK = /^(\d{2}):(\d{2})$/;

/** A window as minutes since local midnight; `start === end` is the whole day. */
interface MinuteWindow {
  start: number;
  end: number;
}

function parseClock(text: string, isEnd: boolean): number {
  const match = CLOCK.exec(text);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  const valid = match !== null && Number(match[2]) < 60 && (minutes < 1440 || (isEnd && minutes === 1440));
  if (!valid) throw new RangeError(`not a clock time HH:MM: ${text}`);
  return minutes;
}

/** Throws a RangeError on a malformed window: rules and preferences are validated where stored. */
export function minuteWindow(window: ClockWindow): MinuteWindow {
  return { start: parseClock(window.start, false), end: parseClock(window.end, true) };
}

function zoned(zone: string, at: EpochMs): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(zone);
}

/**
 * Wall-clock comparison in the zone, so that a DST change moves the UTC instants of the window
 * and not the window itself. A window whose start is after its end runs over midnight.
 */
export function insideWindow(window: MinuteWindow, zone: string, at: EpochMs): boolean {
  if (window.start === window.end) return true;
  const local = zoned(zone, at);
  const ms = ((local.hour * 60 + local.minute) * 60 + local.second) * 1000 + local.millisecond;
  const [start, end] = [window.start * MS_PER_MINUTE, window.end * MS_PER_MINUTE];
  return window.start < window.end ? ms >= start && ms < end : ms >= start || ms < end;
}

/** The first instant at or after `at` that is inside the window in this zone. */
export function nextOpening(window: MinuteWindow, zone: string, at: EpochMs): EpochMs {
  if (insideWindow(window, zone, at)) return at;
  const local = zoned(zone, at);
  const minutes = local.hour * 60 + local.minute;
  // Outside a same-day window after its end, the next opening is tomorrow; otherwise today.
  const afterEnd = window.start < window.end && minutes >= window.end;
  const plainTime = new Temporal.PlainTime(Math.floor(window.start / 60), window.start % 60);
  const openingOn = (date: Temporal.PlainDate, disambiguation: 'compatible' | 'later'): EpochMs =>
    date.toPlainDateTime(plainTime).toZonedDateTime(zone, { disambiguation }).epochMilliseconds;
  const day = afterEnd ? local.toPlainDate().add({ days: 1 }) : local.toPlainDate();
  // A start inside a repeated (fall-back) hour may name an instant already behind us.
  for (const candidate of [openingOn(day, 'compatible'), openingOn(day, 'later')]) if (candidate > at) return candidate;
  return openingOn(day.add({ days: 1 }), 'compatible');
}

/** The borrower's local calendar day of an instant, as an epoch day (the counting unit). */
export function localDay(zone: string, at: EpochMs): EpochDay {
  return epochDay(isoDate(zoned(zone, at).toPlainDate().toString()));
}

/** The first instant of a local calendar day (not always 00:00 where DST starts at midnight). */
export function startOfLocalDay(zone: string, day: EpochDay): EpochMs {
  return Temporal.PlainDate.from(fromEpochDay(day)).toZonedDateTime({ timeZone: zone }).epochMilliseconds;
}

function knownZone(zone: string | null): zone is string {
  if (zone === null) return false;
  try {
    zoned(zone, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where the hours and the days are read (DESIGN §2): the borrower's zone when known; otherwise
 * the window must hold in every zone of the jurisdiction and days are counted in its most
 * populous one. An unknown zone in an unknown jurisdiction leaves no zones at all.
 */
export function contactZones(timezone: string | null, jurisdiction: string): { hourZones: readonly string[]; dayZone: string | null } {
  if (knownZone(timezone)) return { hourZones: [timezone], dayZone: timezone };
  const zones = findJurisdiction(jurisdiction)?.zones ?? [];
  return { hourZones: zones, dayZone: zones[0] ?? null };
}
