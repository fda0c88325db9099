import { describe, expect, it } from 'vitest';
import { presetRule, type JurisdictionRule } from './rules';
import { check, inbound, outbound } from './test-fixtures';

// Seed 003 caps in TT: 3 a day, 10 in 7 days, 4 h cooling-off, every channel, every loan of the
// borrower. Port of Spain is UTC−4: local 08:00 is 12:00Z.
describe('TT daily cap (3 a day)', () => {
  const morning = [outbound('2024-06-03T12:00:00Z', 'voice', 'voicemail'), outbound('2024-06-03T15:00:00Z', 'sms', 'delivered')];
  const third = outbound('2024-06-03T18:00:00Z', 'email', 'failed');
  const at = '2024-06-03T22:30:00Z'; // 18:30 local, cooling-off over since 18:00

  it('allows a third contact and refuses a fourth, whatever the outcomes were', () => {
    expect(check({ history: morning, at }).allowed).toBe(true);
    expect(check({ history: [...morning, third], at })).toEqual({ allowed: false, reasons: ['daily_cap'], nextAllowedAt: '2024-06-04T12:00:00.000Z' });
  });

  it('counts the borrower\'s contacts on all loans', () => {
    const history = [outbound('2024-06-03T12:00:00Z', 'voice', 'attempt', 'L2'), outbound('2024-06-03T15:00:00Z', 'sms', 'delivered', 'L3'), third];
    expect(check({ history, at }).reasons).toEqual(['daily_cap']);
  });

  it('does not count inbound contacts', () => {
    expect(check({ history: [...morning, inbound('2024-06-03T18:00:00Z')], at }).allowed).toBe(true);
  });

  it('counts the borrower\'s local day, not the UTC date', () => {
    // 21:00–23:00 on the 3rd in Port of Spain is already the 4th in UTC.
    const lateOn3rd = ['2024-06-04T01:00:00Z', '2024-06-04T02:00:00Z', '2024-06-04T03:00:00Z'].map((t) => outbound(t));
    expect(check({ history: lateOn3rd, at: '2024-06-04T14:00:00Z' }).allowed).toBe(true);
  });

  it('counts only the channels the rule counts, and refuses only those', () => {
    const rule: JurisdictionRule = { ...presetRule('TT'), countedChannels: ['voice'] };
    const calls = ['2024-06-03T12:00:00Z', '2024-06-03T15:00:00Z', '2024-06-03T18:00:00Z'].map((t) => outbound(t));
    expect(check({ rule, history: calls, at, channel: 'email' }).allowed).toBe(true);
    expect(check({ rule, history: calls, at, channel: 'voice' }).reasons).toEqual(['daily_cap']);
  });
});

describe('TT weekly cap (10 in the day of the attempt and the 6 before)', () => {
  const twoADay = (days: number[]) => days.flatMap((d) => [`2024-06-0${d}T12:00:00Z`, `2024-06-0${d}T18:00:00Z`].map((t) => outbound(t, 'sms', 'delivered')));

  it('refuses the 11th and clears when the oldest day leaves the window', () => {
    const history = twoADay([1, 2, 3, 4, 5]);
    expect(check({ history: history.slice(1), at: '2024-06-07T15:00:00Z' }).allowed).toBe(true);
    expect(check({ history, at: '2024-06-07T15:00:00Z' })).toEqual({ allowed: false, reasons: ['weekly_cap'], nextAllowedAt: '2024-06-08T12:00:00.000Z' });
    expect(check({ history, at: '2024-06-08T12:00:00Z' }).allowed).toBe(true);
  });

  it('over the cap, waits until enough attempts have left', () => {
    // 11 in the window: one on the 1st, one on the 2nd, nine on the 3rd–6th. The 8th still holds ten.
    const history = [outbound('2024-06-01T12:00:00Z'), outbound('2024-06-02T12:00:00Z'), ...twoADay([3, 4, 5, 6]), outbound('2024-06-06T22:00:00Z')];
    expect(check({ history, at: '2024-06-07T15:00:00Z' }).nextAllowedAt).toBe('2024-06-09T12:00:00.000Z');
    expect(check({ history, at: '2024-06-08T15:00:00Z' }).reasons).toEqual(['weekly_cap']);
  });
});

describe('TT cooling-off (4 h from the last counted attempt)', () => {
  const history = [outbound('2024-06-03T18:00:00Z', 'voice', 'failed')]; // 14:00 local

  it('refuses until 4 h have passed, then allows', () => {
    expect(check({ history, at: '2024-06-03T20:00:00Z', channel: 'email' })).toEqual({ allowed: false, reasons: ['cooling_off'], nextAllowedAt: '2024-06-03T22:00:00.000Z' });
    expect(check({ history, at: '2024-06-03T22:00:00Z' }).allowed).toBe(true);
  });

  it('does not start with an inbound contact', () => {
    expect(check({ history: [inbound('2024-06-03T18:00:00Z')], at: '2024-06-03T20:00:00Z' }).allowed).toBe(true);
  });

  it('ending after hours, waits for the next opening', () => {
    const late = [outbound('2024-06-03T21:00:00Z')]; // 17:00 local: clears at 21:00, after closing
    expect(check({ history: late, at: '2024-06-03T22:00:00Z' }).nextAllowedAt).toBe('2024-06-04T12:00:00.000Z');
  });

  it('stacks with the daily cap: the latest of them decides', () => {
    const day = ['2024-06-03T12:00:00Z', '2024-06-03T16:00:00Z', '2024-06-03T23:00:00Z'].map((t) => outbound(t));
    expect(check({ history: day, at: '2024-06-03T23:30:00Z' })).toEqual({ allowed: false, reasons: ['daily_cap', 'cooling_off'], nextAllowedAt: '2024-06-04T12:00:00.000Z' });
  });

  it('ignores contacts logged after the instant asked about', () => {
    expect(check({ history, at: '2024-06-03T17:00:00Z' }).allowed).toBe(true);
  });
});
