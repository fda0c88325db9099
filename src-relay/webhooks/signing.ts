import { createHmac } from 'node:crypto';

export const SIGNATURE_VERSION = 'v1';

/**
 * `v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>">` under the subscription's secret. Signing the
 * timestamp with the body lets a receiver refuse an old request replayed by someone who captured it.
 */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  return `${SIGNATURE_VERSION}=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}
