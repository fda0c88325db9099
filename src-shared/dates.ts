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

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/**
 * Days since 1970-01-01. Integer arithmetic (H. Hinnant's days-from-civil) rather than a Date per
 * call: the daily run and the seed convert millions of dates.
 */
export function epochDay(date: IsoDate): EpochDay {
  const month = Number(date.slice(5, 7));
  const year = Number(date.slice(0, 4)) - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + Number(date.slice(8, 10)) - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

/** The date `day` days after 1970-01-01 (civil-from-days, the inverse of `epochDay`). */
export function fromEpochDay(day: EpochDay): IsoDate {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return `${yearOfEra + era * 400 + (month <= 2 ? 1 : 0)}-${pad2(month)}-${pad2(dayOfYear - Math.floor((153 * mp + 2) / 5) + 1)}` as IsoDate;
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
  const monthIndex = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  return `${year}-${pad2(month)}-${pad2(Math.min(Number(date.slice(8, 10)), daysInMonth(year, month)))}` as IsoDate;
}


/** The calendar date an instant falls on in an IANA time zone: the business date "today" there. */
export function businessDateAt(instant: Date, timeZone: string): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}` as IsoDate;
}
