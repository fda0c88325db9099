import twilio from 'twilio';

/**
 * True when `signature` (the `X-Twilio-Signature` header) is Twilio's HMAC of `url` and the posted
 * `params` under `authToken`. A missing header or a malformed URL is simply not valid: callers
 * answer 400/403 (DESIGN §3) rather than crash on a forged request.
 */
export function verifyTwilioSignature(authToken: string, url: string, params: Record<string, string>, signature: string | undefined): boolean {
  if (!signature) return false;
  try {
    return twilio.validateRequest(authToken, signature, url, params);
  } catch {
    return false;
  }
}
