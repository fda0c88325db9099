import { describe, expect, it } from 'vitest';
import { addDays, addMonths, businessDateAt, daysBetween, epochDay, fromEpochDay, parseIsoDate, type IsoDate } from './dates';

/** The obvious Date-based answers the integer arithmetic must agree with. */
const reference = {
  epochDay: (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000,
  addMonths: (date: string, months: number) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
    return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
  },
};

describe('the one date helper', () => {
  it('agrees with Date on every 13th day from 1948 to 2036, round trip, days and months', () => {
    for (let day = reference.epochDay('1948-01-01'); day < reference.epochDay('2036-01-01'); day += 13) {
      const date = new Date(day * 86_400_000).toISOString().slice(0, 10) as IsoDate;
      expect(epochDay(date)).toBe(day);
      expect(fromEpochDay(day)).toBe(date);
      expect(addDays(date, 45)).toBe(new Date((day + 45) * 86_400_000).toISOString().slice(0, 10));
      for (const months of [1, 7, 12, 37, -1, -36]) expect(addMonths(date, months)).toBe(reference.addMonths(date, months));
    }
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-12-15', 1, '2027-01-15'],
  ] as const)('%s plus %i month is %s', (date, months, expected) => {
    expect(addMonths(date as IsoDate, months)).toBe(expected);
  });

  it('counts days across a leap day and refuses dates that do not exist', () => {
    expect(daysBetween('2028-02-28' as IsoDate, '2028-03-01' as IsoDate)).toBe(2);
    expect(parseIsoDate('2026-02-30')).toBeNull();
    expect(parseIsoDate('2026-2-3')).toBeNull();
    expect(parseIsoDate('2028-02-29')).toBe('2028-02-29');
  });

  it('gives the business date of an instant in a time zone', () => {
    expect(businessDateAt(new Date('2026-11-22T01:00:00Z'), 'America/Port_of_Spain')).toBe('2026-11-21');
    expect(businessDateAt(new Date('2026-11-22T01:00:00Z'), 'UTC')).toBe('2026-11-22');
  });
});
