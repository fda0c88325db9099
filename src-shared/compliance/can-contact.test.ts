import { describe, expect, it } from 'vitest';
import { allowedAt, check } from './test-fixtures';

// TT is UTC−4 all year: 15:00Z is 11:00 in Port of Spain, inside 08:00–20:00.
const AT = '2024-06-03T15:00:00Z';

describe('canContact: hard blocks (DESIGN §2, Contact compliance)', () => {
  it('allows a clean contact and names `at` as the next allowed instant', () => {
    expect(check({ at: AT })).toEqual(allowedAt(AT));
  });

  it.each([
    ['an active dispute', { activeDispute: true }, 'dispute'],
    ['a bankruptcy', { bankruptcy: true }, 'bankruptcy'],
    ['an active legal representative', { legalRepresentativeActive: true }, 'legal_representative'],
  ] as const)('refuses %s, manual or automated, with no next instant', (_, borrower, reason) => {
    for (const manual of [false, true]) expect(check({ borrower, manual })).toEqual({ allowed: false, reasons: [reason], nextAllowedAt: null });
  });

  describe('do-not-contact', () => {
    const borrower = { doNotContact: true };
    it('refuses automated contact, even with an override on record', () => {
      expect(check({ borrower }).reasons).toEqual(['do_not_contact']);
      expect(check({ borrower, override: { doNotContact: true } })).toEqual({ allowed: false, reasons: ['do_not_contact'], nextAllowedAt: null });
    });
    it('refuses manual contact without a recorded override', () => {
      expect(check({ borrower, manual: true }).reasons).toEqual(['do_not_contact']);
      expect(check({ borrower, manual: true, override: { doNotContact: false } }).reasons).toEqual(['do_not_contact']);
    });
    it('allows manual contact with the override, still within the rules', () => {
      expect(check({ borrower, manual: true, override: { doNotContact: true } })).toEqual(allowedAt(AT));
      expect(check({ borrower, manual: true, override: { doNotContact: true }, at: '2024-06-03T11:00:00Z' }).reasons).toEqual(['outside_hours']);
    });
  });

  describe('letters', () => {
    const letter = { channel: 'letter' as const, to: { address: '12 Frederick St, Port of Spain, TT', isMobile: null } };
    it('are mailed whatever the clock says: no hours, caps or cooling-off', () => {
      const night = '2024-06-03T04:00:00Z';
      expect(check({ ...letter, at: night })).toEqual(allowedAt(night));
      expect(check({ channel: 'voice', at: night }).reasons).toEqual(['outside_hours']);
    });
    it.each([
      [{ doNotContact: true }, 'do_not_contact'],
      [{ activeDispute: true }, 'dispute'],
      [{ bankruptcy: true }, 'bankruptcy'],
      [{ legalRepresentativeActive: true }, 'legal_representative'],
    ] as const)('meet the hard blocks (%o)', (borrower, reason) => {
      expect(check({ ...letter, borrower })).toEqual({ allowed: false, reasons: [reason], nextAllowedAt: null });
    });
    it('need a postal address', () => {
      expect(check({ channel: 'letter', to: null }).reasons).toEqual(['invalid_number']);
    });
  });

  describe('the address', () => {
    it.each(['sms', 'whatsapp', 'email'] as const)('an opt-out refuses %s', (channel) => {
      expect(check({ channel, to: { optedOut: true } }).reasons).toEqual(['opted_out']);
    });
    it('an opt-out (a STOP text) does not refuse a call', () => {
      expect(check({ channel: 'voice', to: { optedOut: true } }).allowed).toBe(true);
    });
    it.each(['sms', 'whatsapp'] as const)('%s needs SMS consent', (channel) => {
      expect(check({ channel, to: { smsConsent: false } })).toEqual({ allowed: false, reasons: ['no_consent'], nextAllowedAt: null });
    });
    it.each(['voice', 'email'] as const)('%s does not need SMS consent', (channel) => {
      expect(check({ channel, to: { smsConsent: false } }).allowed).toBe(true);
    });
    it.each(['sms', 'whatsapp'] as const)('a number known not to be mobile cannot take %s', (channel) => {
      expect(check({ channel, to: { isMobile: false } }).reasons).toEqual(['invalid_number']);
    });
    it('an unknown line type may take a text, and a landline a call', () => {
      expect(check({ channel: 'sms', to: { isMobile: null } }).allowed).toBe(true);
      expect(check({ channel: 'voice', to: { isMobile: false } }).allowed).toBe(true);
    });
    it.each([
      ['an invalid number', { valid: false }],
      ['an inactive contact', { active: false }],
    ] as const)('%s is never used', (_, to) => {
      for (const channel of ['sms', 'voice', 'email'] as const) expect(check({ channel, to }).reasons).toEqual(['invalid_number']);
    });
    it('no address at all is an invalid number', () => {
      expect(check({ to: null })).toEqual({ allowed: false, reasons: ['invalid_number'], nextAllowedAt: null });
    });
  });

  describe('an opt-out sticks to the number (issue 14, item 5)', () => {
    const stopped = { textOptOuts: ['+18685550100'] };
    it.each(['sms', 'whatsapp'] as const)('a STOP standing on the number refuses %s, whichever row holds it: consent and a clean row do not lift it', (channel) => {
      expect(check({ channel, borrower: stopped, to: { address: '+18685550100', smsConsent: true, optedOut: false } })).toEqual({ allowed: false, reasons: ['opted_out'], nextAllowedAt: null });
      expect(check({ channel, manual: true, borrower: stopped, to: { address: '+18685550100' } }).reasons).toEqual(['opted_out']);
    });
    it('a do-not-contact override does not lift it either', () => {
      expect(check({ channel: 'sms', manual: true, override: { doNotContact: true }, borrower: stopped, to: { address: '+18685550100' } }).reasons).toEqual(['opted_out']);
    });
    it('it leaves calls to the number, and texts to the borrower’s other numbers, alone', () => {
      expect(check({ channel: 'voice', borrower: stopped, to: { address: '+18685550100' } })).toEqual(allowedAt(AT));
      expect(check({ channel: 'sms', borrower: stopped, to: { address: '+18685550199' } })).toEqual(allowedAt(AT));
    });
  });

  it('lists every reason once, in the DESIGN §4 order, and keeps time blocks beside hard ones', () => {
    const decision = check({
      channel: 'sms',
      at: '2024-06-03T11:00:00Z',
      borrower: { bankruptcy: true, doNotContact: true, activeDispute: true },
      to: { optedOut: true, smsConsent: false, isMobile: false },
    });
    expect(decision).toEqual({
      allowed: false,
      reasons: ['do_not_contact', 'dispute', 'bankruptcy', 'opted_out', 'no_consent', 'invalid_number', 'outside_hours'],
      nextAllowedAt: null,
    });
  });
});

describe('canContact: preferred hours narrow automated contact only', () => {
  const evening = { preferredHours: { start: '17:00', end: '19:00' } };
  it('an automated send waits for the preferred hours', () => {
    expect(check({ borrower: evening })).toEqual({ allowed: false, reasons: ['outside_hours'], nextAllowedAt: '2024-06-03T21:00:00.000Z' });
    expect(check({ borrower: evening, at: '2024-06-03T21:00:00Z' }).allowed).toBe(true);
    expect(check({ borrower: evening, at: '2024-06-03T23:00:00Z' }).nextAllowedAt).toBe('2024-06-04T21:00:00.000Z');
  });
  it('an agent may call outside them, within the legal hours', () => {
    expect(check({ borrower: evening, manual: true })).toEqual(allowedAt(AT));
  });
  it('never widen the legal hours: both windows must hold', () => {
    const late = { preferredHours: { start: '19:00', end: '22:00' } };
    // 20:30 local: preferred yes, legal no; tomorrow 08:00 legal yes, preferred no; then 19:00.
    expect(check({ borrower: late, at: '2024-06-04T00:30:00Z' }).nextAllowedAt).toBe('2024-06-04T23:00:00.000Z');
  });
  it('a window running over midnight leaves its two ends inside the legal hours', () => {
    const overnight = { preferredHours: { start: '18:00', end: '09:00' } };
    expect(check({ borrower: overnight, at: '2024-06-03T12:30:00Z' }).allowed).toBe(true);
    expect(check({ borrower: overnight, at: '2024-06-03T13:00:00Z' }).nextAllowedAt).toBe('2024-06-03T22:00:00.000Z');
  });
  it('preferred hours that never meet the legal hours leave no next instant', () => {
    const night = { preferredHours: { start: '21:00', end: '23:00' } };
    expect(check({ borrower: night })).toEqual({ allowed: false, reasons: ['outside_hours'], nextAllowedAt: null });
  });
  it('the preferred channel does not refuse another channel: choosing one is the caller\'s job', () => {
    expect(check({ borrower: { preferredChannel: 'email' }, channel: 'sms' }).allowed).toBe(true);
  });
});
