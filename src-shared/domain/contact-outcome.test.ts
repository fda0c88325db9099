import { describe, expect, it } from 'vitest';
import { contactOfActivity } from './contact-outcome';
import { ACTIVITY_OUTCOMES } from './vocabulary';

describe('the contact an activity represents (DESIGN §2, Counting)', () => {
  it.each([
    ['PTP', 'conversation'],
    ['REFUSED', 'conversation'],
    ['PAID', 'conversation'],
    ['PARTIAL_PAYMENT', 'conversation'],
    ['DISPUTE', 'conversation'],
    ['LEFT_MESSAGE', 'voicemail'],
    ['NO_ANSWER', 'attempt'],
    ['WRONG_NUMBER', 'attempt'],
    ['OTHER', 'attempt'],
  ] as const)('a call with outcome %s is a voice %s', (outcome, expected) => {
    expect(contactOfActivity({ type: 'CALL', outcome, direction: 'outbound' })).toEqual({ channel: 'voice', outcome: expected, direction: 'outbound' });
  });

  it.each([
    ['CALL', 'voice'],
    ['SMS', 'sms'],
    ['WHATSAPP', 'whatsapp'],
    ['EMAIL', 'email'],
    ['LETTER', 'letter'],
    ['LEGAL_NOTICE', 'letter'],
  ] as const)('%s travels on %s', (type, channel) => {
    expect(contactOfActivity({ type, outcome: 'NO_ANSWER', direction: 'outbound' })?.channel).toBe(channel);
  });

  it.each(['VISIT', 'FIELD_VISIT', 'NOTE', 'SKIP_TRACE', 'AGENCY_REFERRAL', 'OTHER'] as const)('%s is not a remote contact, whatever its outcome', (type) => {
    for (const outcome of [...ACTIVITY_OUTCOMES, null]) expect(contactOfActivity({ type, outcome, direction: 'outbound' })).toBeNull();
  });

  it('counts an outbound activity without an outcome as an attempt', () => {
    expect(contactOfActivity({ type: 'SMS', outcome: undefined, direction: 'outbound' })).toEqual({ channel: 'sms', outcome: 'attempt', direction: 'outbound' });
  });

  it('keeps the direction, so an inbound conversation still blocks calls but is not an outbound attempt', () => {
    expect(contactOfActivity({ type: 'CALL', outcome: 'PTP', direction: 'inbound' })).toEqual({ channel: 'voice', outcome: 'conversation', direction: 'inbound' });
  });
});
