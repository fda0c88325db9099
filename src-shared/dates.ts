/**
 * The one date helper. Business dates are ISO calendar dates with no time zone (`IsoDate`);
 * instants are ISO 8601 UTC strings (`UtcInstant`). Borrower-local wall-clock times belong to the
 * compliance rules and are a separate type there. Day arithmetic goes through epoch days, which
 * have no daylight-saving or time-zone ambiguity.
 */
export type IsoDate = string & { readonly __brand: 'IsoDate' };
export type UtcInstant = string & { readonly __brand: 'UtcInstant' };
/** Days since 1970-01-01 for a business date: the compact form bulk computations use. */
export type EpochDay = number;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Returns the date when `text` is a real calendar date written YYYY-MM-DD, else null. */
export function parseIsoDate(text: string): IsoDate | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? (text as IsoDate) : null;
}

/** Asserts a trusted value (from the store or a literal) is an ISO date. */
export function isoDate(text: string): IsoDate {
  const date = parseIsoDate(text);
  if (!date) throw new RangeError(`not an ISO date: ${text}`);
  return date;
}

export function epochDay(date: IsoDate): EpochDay {
  return Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;
}

export function fromEpochDay(day: EpochDay): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10) as IsoDate;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromEpochDay(epochDay(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return epochDay(to) - epochDay(from);
}

/** Adds calendar months, clamping to the last day of a shorter month (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const firstOfTarget = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  firstOfTarget.setUTCDate(Math.min(day, lastDay));
  return firstOfTarget.toISOString().slice(0, 10) as IsoDate;
}

export function toUtcInstant(date: Date): UtcInstant {
  return date.toISOString() as UtcInstant;
}

/** The calendar date an instant falls on in an IANA time zone: the business date "today" there. */
export function businessDateAt(instant: Date, timeZone: string): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}` as IsoDate;
}
