import { describe, expect, it } from 'vitest';
import { mapTwilioError, TwilioSendError } from './twilio-errors';
import { verifyTwilioSignature } from './webhook-signature';
import twilio from 'twilio';

describe('mapTwilioError', () => {
  it.each([
    [21211, 'invalid_number', false],
    [21610, 'opted_out', true],
    [21614, 'not_mobile', false],
    [30003, 'delivery_failed', false],
    [30004, 'delivery_failed', false],
    [30005, 'delivery_failed', false],
    [30006, 'delivery_failed', false],
    [30007, 'delivery_failed', false],
    [30008, 'delivery_failed', false],
    [20429, 'rate_limited', false],
    [21408, 'unknown', false],
    [null, 'unknown', false],
  ] as const)('maps %s to %s (revoke consent: %s)', (code, reason, revokeConsent) => {
    const failure = mapTwilioError(code);
    expect(failure).toMatchObject({ reason, revokeConsent });
    expect(failure.message.length).toBeGreaterThan(10);
  });

  it('names an unknown code and where Twilio documents it', () => {
    expect(mapTwilioError(21408).message).toContain('https://www.twilio.com/docs/errors/21408');
  });

  it('crosses the IPC boundary as an AppError with the field at fault', () => {
    expect(new TwilioSendError(mapTwilioError(21614), 21614).toData()).toEqual({ code: 'validation', message: mapTwilioError(21614).message, field: 'to' });
    expect(new TwilioSendError(mapTwilioError(21610), 21610).toData().code).toBe('forbidden');
  });
});

describe('verifyTwilioSignature', () => {
  const token = 'a1'.repeat(16);
  const url = 'https://relay.example/api/twilio/webhook/sms';
  const params = { MessageSid: `SM${'1'.repeat(32)}`, MessageStatus: 'delivered' };
  const signature = twilio.getExpectedTwilioSignature(token, url, params);

  it('accepts Twilio’s signature and rejects a tampered, missing or malformed one', () => {
    expect(verifyTwilioSignature(token, url, params, signature)).toBe(true);
    expect(verifyTwilioSignature(token, url, { ...params, MessageStatus: 'failed' }, signature)).toBe(false);
    expect(verifyTwilioSignature('b2'.repeat(16), url, params, signature)).toBe(false);
    expect(verifyTwilioSignature(token, url, params, undefined)).toBe(false);
    expect(verifyTwilioSignature(token, 'not a url', params, 'x')).toBe(false);
  });
});
