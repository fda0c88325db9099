import { describe, expect, it } from 'vitest';
import { check, inbound, outbound } from './test-fixtures';

// Los Angeles is UTC−7 in June: local 08:00 is 15:00Z, and 17:00Z is 10:00.
const CA = { jurisdiction: 'US-CA', timezone: 'America/Los_Angeles' };
const days = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `2024-06-0${from + i}T17:00:00Z`);

describe('Regulation F: 7 calls in 7 days, per debt', () => {
  const outcomes = ['attempt', 'voicemail', 'voicemail', 'failed', 'attempt', 'voicemail', 'voicemail'] as const;
  const sevenCalls = days(1, 7).map((t, i) => outbound(t, 'voice', outcomes[i]));
  const at = '2024-06-07T20:00:00Z';

  it('counts voicemails and failed calls as calls placed', () => {
    expect(check({ borrower: CA, history: sevenCalls.slice(1), at }).allowed).toBe(true);
    // The 1st leaves the window on the 8th (07:00Z local midnight); hours open at 15:00Z.
    expect(check({ borrower: CA, history: sevenCalls, at })).toEqual({ allowed: false, reasons: ['reg_f_7_in_7'], nextAllowedAt: '2024-06-08T15:00:00.000Z' });
    expect(check({ borrower: CA, history: sevenCalls, at: '2024-06-08T15:00:00Z' }).allowed).toBe(true);
  });

  it('limits calls only, and only about this debt, and only those placed by the collector', () => {
    expect(check({ borrower: CA, history: sevenCalls, at, channel: 'sms' }).allowed).toBe(true);
    expect(check({ borrower: CA, history: sevenCalls, at, loanId: 'L2' }).allowed).toBe(true);
    const received = days(1, 7).map((t) => inbound(t, 'voice', 'attempt'));
    expect(check({ borrower: CA, history: received, at }).allowed).toBe(true);
  });

  it('has no seed 003 caps: a busy day is fine under 7', () => {
    const busy = ['2024-06-03T15:00:00Z', '2024-06-03T16:00:00Z', '2024-06-03T17:00:00Z', '2024-06-03T18:00:00Z'].map((t) => outbound(t));
    expect(check({ borrower: CA, history: busy, at: '2024-06-03T18:30:00Z' }).allowed).toBe(true);
  });
});

describe('Regulation F: no call within 7 days after a telephone conversation', () => {
  const talk = outbound('2024-06-03T18:00:00Z', 'voice', 'conversation'); // day D = the 3rd

  it('blocks calls through D+6 and allows them on D+7', () => {
    expect(check({ borrower: CA, history: [talk], at: '2024-06-03T20:00:00Z' }).reasons).toEqual(['reg_f_after_conversation']);
    expect(check({ borrower: CA, history: [talk], at: '2024-06-10T03:59:59Z' }).reasons).toEqual(['reg_f_after_conversation']); // 20:59:59 on the 9th
    expect(check({ borrower: CA, history: [talk], at: '2024-06-10T15:00:00Z' }).allowed).toBe(true); // 08:00 on the 10th
    expect(check({ borrower: CA, history: [talk], at: '2024-06-09T17:00:00Z' }).nextAllowedAt).toBe('2024-06-10T15:00:00.000Z');
  });

  it('applies whoever placed the call', () => {
    expect(check({ borrower: CA, history: [inbound('2024-06-03T18:00:00Z')], at: '2024-06-09T17:00:00Z' }).reasons).toEqual(['reg_f_after_conversation']);
  });

  it('takes the conversation\'s local day (22:30 on the 3rd is the 4th in UTC)', () => {
    const late = outbound('2024-06-04T05:30:00Z', 'voice', 'conversation');
    expect(check({ borrower: CA, history: [late], at: '2024-06-10T15:00:00Z' }).allowed).toBe(true);
  });

  it('bars calls only, about this debt only, after a voice conversation only', () => {
    expect(check({ borrower: CA, history: [talk], at: '2024-06-04T17:00:00Z', channel: 'sms' }).allowed).toBe(true);
    expect(check({ borrower: CA, history: [talk], at: '2024-06-04T17:00:00Z', loanId: 'L2' }).allowed).toBe(true);
    const texted = outbound('2024-06-03T18:00:00Z', 'sms', 'conversation');
    expect(check({ borrower: CA, history: [texted], at: '2024-06-04T17:00:00Z' }).allowed).toBe(true);
  });
});

// New York is UTC−4 in June: local 08:00 is 12:00Z.
describe('US-MA: at most 2 calls, texts or voicemails in 7 days per debt', () => {
  const MA = { jurisdiction: 'US-MA', timezone: 'America/New_York' };
  const two = [outbound('2024-06-03T14:00:00Z', 'sms', 'delivered'), outbound('2024-06-05T14:00:00Z', 'voice', 'voicemail')];
  const at = '2024-06-08T15:00:00Z';

  it.each(['voice', 'sms', 'whatsapp'] as const)('refuses a third by %s', (channel) => {
    expect(check({ borrower: MA, history: two, at, channel })).toEqual({ allowed: false, reasons: ['ma_2_in_7'], nextAllowedAt: '2024-06-10T12:00:00.000Z' });
  });

  it('does not count or refuse e-mail, another debt, or attempts that left the window', () => {
    expect(check({ borrower: MA, history: two, at, channel: 'email' }).allowed).toBe(true);
    expect(check({ borrower: MA, history: two, at, loanId: 'L2' }).allowed).toBe(true);
    expect(check({ borrower: MA, history: [...two, outbound('2024-06-04T14:00:00Z', 'email')], at: '2024-06-10T12:00:00Z' }).allowed).toBe(true);
  });

  it('also applies Regulation F', () => {
    const talk = inbound('2024-06-03T14:00:00Z');
    expect(check({ borrower: MA, history: [talk], at: '2024-06-05T14:00:00Z' }).reasons).toEqual(['reg_f_after_conversation']);
  });
});

describe('US-NY-NYC: at most 3 contacts or attempts in 7 days per account, every channel', () => {
  const NYC = { jurisdiction: 'US-NY-NYC', timezone: 'America/New_York' };
  const three = [outbound('2024-06-03T14:00:00Z', 'email', 'delivered'), outbound('2024-06-04T14:00:00Z', 'sms', 'failed'), outbound('2024-06-05T14:00:00Z', 'voice', 'attempt')];
  const at = '2024-06-06T15:00:00Z';

  it.each(['email', 'sms', 'whatsapp', 'voice'] as const)('refuses a fourth by %s', (channel) => {
    expect(check({ borrower: NYC, history: three, at, channel })).toEqual({ allowed: false, reasons: ['nyc_3_in_7'], nextAllowedAt: '2024-06-10T12:00:00.000Z' });
  });

  it('counts per account', () => {
    expect(check({ borrower: NYC, history: three, at, loanId: 'L2' }).allowed).toBe(true);
    expect(check({ borrower: NYC, history: three.slice(1), at }).allowed).toBe(true);
  });

  it('also applies Regulation F, and both reasons show', () => {
    const history = [...three.slice(0, 2), outbound('2024-06-05T14:00:00Z', 'voice', 'conversation')];
    expect(check({ borrower: NYC, history, at }).reasons).toEqual(['reg_f_after_conversation', 'nyc_3_in_7']);
    expect(check({ borrower: NYC, history, at }).nextAllowedAt).toBe('2024-06-12T12:00:00.000Z');
  });
});
