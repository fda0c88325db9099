import type { IncomingMessage } from 'node:http';
import twilio from 'twilio';
import { AppError } from '../../src-shared/errors';

/**
 * Twilio signs the URL it called (our public URL, path and query) and the posted fields with the
 * account's auth token (DESIGN §3): no signature → 400, a wrong one → 403.
 */
export function verifyTwilioSignature(input: { authToken: string; publicUrl: string; request: IncomingMessage; params: Record<string, string> }): void {
  const signature = input.request.headers['x-twilio-signature'];
  if (typeof signature !== 'string' || signature === '') {
    throw new AppError('validation', 'the X-Twilio-Signature header is missing', 'X-Twilio-Signature');
  }
  let valid = false;
  try {
    valid = twilio.validateRequest(input.authToken, signature, `${input.publicUrl}${input.request.url ?? '/'}`, input.params);
  } catch {
    valid = false;
  }
  if (!valid) throw new AppError('forbidden', 'the X-Twilio-Signature does not match this request', 'X-Twilio-Signature');
}
