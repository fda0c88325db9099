import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Communications } from '../communications/communications';
import { log } from '../log/logger';

export const SANDBOX_REPLY_PATH = '/__sandbox/reply';

const replyRequest = z.object({ from: z.string().regex(/^\+\d{6,15}$/, 'must be an E.164 number'), text: z.string().min(1).max(1600) }).strict();

function answer(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/**
 * `--sandbox-replies`: lets a script play the borrower in sandbox mode, replying to the last text
 * the sandbox carrier delivered to a number (as a real borrower would from their phone). Off
 * unless asked for, and refused while live Twilio credentials are saved: it can never fake a
 * real borrower's message.
 */
export function sandboxReplies(communications: Communications) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    if (request.method !== 'POST' || request.url !== SANDBOX_REPLY_PATH) return false;
    if (communications.status().twilio.mode !== 'sandbox') {
      answer(response, 409, { error: 'live Twilio credentials are saved: sandbox replies are off' });
      return true;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const parsed = replyRequest.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
    if (!parsed.success) {
      answer(response, 400, { error: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') });
      return true;
    }
    try {
      const sid = await (await communications.sandbox()).simulator.script.replyFrom(parsed.data.from, parsed.data.text);
      log.info('sandbox reply scripted', { sid });
      answer(response, 200, { sid });
    } catch (error) {
      answer(response, 409, { error: error instanceof Error ? error.message : String(error) });
    }
    return true;
  };
}
