import { describe, expect, it } from 'vitest';
import { presetRule, type JurisdictionRule } from './rules';
import { check, inbound } from './test-fixtures';

// Contact hours are [start, end) on the borrower's local wall clock (DESIGN §2).
describe('contact hours in TT (08:00–20:00, Port of Spain is UTC−4)', () => {
  it.each([
    ['07:59:59', '2024-06-03T11:59:59Z', false],
    ['08:00:00', '2024-06-03T12:00:00Z', true],
    ['19:59:59', '2024-06-03T23:59:59Z', true],
    ['20:00:00', '2024-06-04T00:00:00Z', false],
  ])('%s local is %s', (_, at, allowed) => {
    for (const manual of [false, true]) expect(check({ at, manual }).allowed).toBe(allowed);
  });

  it('before the window, the next instant is 08:00 today; after it, 08:00 tomorrow', () => {
    expect(check({ at: '2024-06-03T11:59:59Z' })).toEqual({ allowed: false, reasons: ['outside_hours'], nextAllowedAt: '2024-06-03T12:00:00.000Z' });
    expect(check({ at: '2024-06-04T00:00:00Z' }).nextAllowedAt).toBe('2024-06-04T12:00:00.000Z');
  });

  it('a stored rule replaces the preset hours', () => {
    const rule: JurisdictionRule = { ...presetRule('TT'), hoursStart: '09:00', hoursEnd: '17:00' };
    expect(check({ rule, at: '2024-06-03T12:30:00Z' }).nextAllowedAt).toBe('2024-06-03T13:00:00.000Z');
    expect(check({ rule, at: '2024-06-03T21:00:00Z' }).nextAllowedAt).toBe('2024-06-04T13:00:00.000Z');
  });
});

describe('contact hours across a DST change (US, 08:00–21:00, America/New_York)', () => {
  const borrower = { jurisdiction: 'US-NY', timezone: 'America/New_York' };

  it.each([
    ['the day before spring forward (EST, UTC−5)', '2024-03-09T12:59:59Z', '2024-03-09T13:00:00Z', '2024-03-10T01:59:59Z', '2024-03-10T02:00:00Z'],
    ['spring-forward day (EDT, UTC−4)', '2024-03-10T11:59:59Z', '2024-03-10T12:00:00Z', '2024-03-11T00:59:59Z', '2024-03-11T01:00:00Z'],
    ['the day before fall back (EDT)', '2024-11-02T11:59:59Z', '2024-11-02T12:00:00Z', '2024-11-03T00:59:59Z', '2024-11-03T01:00:00Z'],
    ['fall-back day (EST)', '2024-11-03T12:59:59Z', '2024-11-03T13:00:00Z', '2024-11-04T01:59:59Z', '2024-11-04T02:00:00Z'],
  ])('%s: 07:59:59 no, 08:00 yes, 20:59:59 yes, 21:00 no', (_, before, opening, last, closing) => {
    expect([before, opening, last, closing].map((at) => check({ borrower, at }).allowed)).toEqual([false, true, true, false]);
  });

  it('the next opening follows the wall clock across the change', () => {
    // 21:00 EST on 9 March to 08:00 EDT on 10 March: 11 hours on the clock, 10 in real time.
    expect(check({ borrower, at: '2024-03-10T02:00:00Z' }).nextAllowedAt).toBe('2024-03-10T12:00:00.000Z');
    // 21:00 EDT on 2 November to 08:00 EST on 3 November: 12 hours in real time.
    expect(check({ borrower, at: '2024-11-03T01:00:00Z' }).nextAllowedAt).toBe('2024-11-03T13:00:00.000Z');
  });

  it('an opening inside the skipped or the repeated hour is the first instant on or after it', () => {
    const rule: JurisdictionRule = { ...presetRule('US-NY'), hoursStart: '02:30' };
    // 02:30 does not exist on 10 March: the window opens at 03:30 EDT.
    expect(check({ borrower, rule, at: '2024-03-10T06:00:00Z' }).nextAllowedAt).toBe('2024-03-10T07:30:00.000Z');
    const early: JurisdictionRule = { ...rule, hoursStart: '01:30' };
    // 01:15 EST, after the clocks went back: the first 01:30 (EDT) is behind us, the second is next.
    expect(check({ borrower, rule: early, at: '2024-11-03T06:15:00Z' }).nextAllowedAt).toBe('2024-11-03T06:30:00.000Z');
  });
});

describe('unknown time zone: the window must hold in every zone of the jurisdiction', () => {
  // US-TX spans America/Chicago (UTC−5 in June) and America/Denver (UTC−6): the joint window is
  // 08:00 Denver (14:00Z) to 21:00 Chicago (02:00Z).
  const texan = { jurisdiction: 'US-TX', timezone: null };

  it.each([
    ['08:30 Chicago, 07:30 Denver', '2024-06-03T13:30:00Z', false],
    ['09:00 Chicago, 08:00 Denver', '2024-06-03T14:00:00Z', true],
    ['20:59:59 Chicago, 19:59:59 Denver', '2024-06-04T01:59:59Z', true],
    ['21:00 Chicago, 20:00 Denver', '2024-06-04T02:00:00Z', false],
  ])('%s', (_, at, allowed) => {
    expect(check({ borrower: texan, at }).allowed).toBe(allowed);
  });

  it('waits for the last zone to open', () => {
    expect(check({ borrower: texan, at: '2024-06-03T13:30:00Z' }).nextAllowedAt).toBe('2024-06-03T14:00:00.000Z');
    expect(check({ borrower: texan, at: '2024-06-04T02:00:00Z' }).nextAllowedAt).toBe('2024-06-04T14:00:00.000Z');
  });

  it('a known zone uses that zone alone', () => {
    expect(check({ borrower: { ...texan, timezone: 'America/Chicago' }, at: '2024-06-03T13:30:00Z' }).allowed).toBe(true);
  });

  it('counts days in the most populous zone (Chicago)', () => {
    // 05:30Z on 3 June is 00:30 on the 3rd in Chicago but 23:30 on the 2nd in Denver: the
    // conversation's day is the 3rd, so the 9th (10:00 Chicago) is still blocked.
    const history = [inbound('2024-06-03T05:30:00Z')];
    expect(check({ borrower: texan, history, at: '2024-06-09T15:00:00Z' })).toEqual({
      allowed: false,
      reasons: ['reg_f_after_conversation'],
      // The 10th starts at 05:00Z in Chicago; the joint window opens at 14:00Z.
      nextAllowedAt: '2024-06-10T14:00:00.000Z',
    });
  });

  it('a zone name no runtime knows is an unknown zone', () => {
    expect(check({ borrower: { timezone: 'Mars/Olympus_Mons' }, at: '2024-06-03T12:00:00Z' }).allowed).toBe(true);
    expect(check({ borrower: { timezone: 'Mars/Olympus_Mons' }, at: '2024-06-03T11:59:59Z' }).allowed).toBe(false);
  });

  it('with no zone and an unknown jurisdiction no hour can be shown to be inside: refused for good', () => {
    expect(check({ borrower: { jurisdiction: 'FR', timezone: null } })).toEqual({ allowed: false, reasons: ['outside_hours'], nextAllowedAt: null });
  });

  it('an unknown jurisdiction with a known zone gets the seed 003 defaults', () => {
    expect(check({ borrower: { jurisdiction: 'FR', timezone: 'Europe/Paris' }, at: '2024-06-03T05:59:59Z' }).nextAllowedAt).toBe('2024-06-03T06:00:00.000Z');
  });
});
