import twilio from 'twilio';

export const TEST_AUTH_TOKEN = 'test-auth-token-0123456789abcdef';

export type Signing = 'signed' | 'unsigned' | 'forged';

/** Posts a form to the relay as Twilio would, signed against the relay's public URL. */
export function postAsTwilio(relayUrl: string, path: string, params: Record<string, string>, signing: Signing = 'signed'): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (signing === 'signed') headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(TEST_AUTH_TOKEN, `${relayUrl}${path}`, params);
  if (signing === 'forged') headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature('not-the-auth-token', `${relayUrl}${path}`, params);
  return fetch(`${relayUrl}${path}`, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
}

function hex(length: number): string {
  return Array.from({ length }, () => Math.floor(Math.random() * 16).toString(16)).join('');
}

/** A Twilio-shaped SID: `SM`, `CA`… and 32 hex digits. */
export function fakeSid(prefix: 'SM' | 'CA'): string {
  return `${prefix}${hex(32)}`;
}
