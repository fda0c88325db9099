import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import twilio from 'twilio';

/** How the simulator speaks on the wire, kept apart so each resource module reads like the spec. */
export const API_VERSION = '2010-04-01';
const MAX_FORM_BYTES = 64 * 1024;

/** A SID as Twilio mints them: two-letter type prefix and 32 lowercase hex digits (`^SM[0-9a-fA-F]{32}$`). */
export function newSid(prefix: 'AC' | 'SM' | 'CA'): string {
  return `${prefix}${randomBytes(16).toString('hex')}`;
}

/** Twilio's dates are RFC 2822 in GMT written as `+0000`, e.g. `Thu, 24 Aug 2023 05:01:45 +0000`. */
export function rfc2822(at: Date): string {
  return at.toUTCString().replace(/GMT$/, '+0000');
}

/** A refusal the API answers with Twilio's error body; thrown by validators, caught by the router. */
export class SimulatedTwilioError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }

  body(): { code: number; message: string; more_info: string; status: number } {
    return { code: this.code, message: this.message, more_info: `https://www.twilio.com/docs/errors/${this.code}`, status: this.status };
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** Reads an `application/x-www-form-urlencoded` body, the only encoding Twilio's REST API accepts. */
export async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new SimulatedTwilioError(413, 20001, 'Request body too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * POSTs a webhook the way Twilio does: form-encoded, signed with `X-Twilio-Signature` over the
 * exact URL and the parameters, so the receiver can check it with `twilio.validateRequest`.
 * Answers the receiver's status and body (a Gather action answers TwiML).
 */
export async function postSignedForm(url: string, params: Record<string, string>, authToken: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'user-agent': 'TwilioProxy/1.1',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(authToken, url, params),
    },
    body: new URLSearchParams(params).toString(),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, text: await response.text() };
}
