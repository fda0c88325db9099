import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyTwilioSignature } from './webhook-signature';

export interface ReceivedWebhook {
  path: string;
  params: Record<string, string>;
  signatureValid: boolean;
}

/**
 * A stand-in for the relay's Twilio webhooks in tests: records every POST and whether its
 * `X-Twilio-Signature` verifies against the URL it arrived at. `answer` supplies a TwiML body
 * (for a Gather action or a call's Url); everything else gets an empty 200. The token may be a
 * getter, for a sandbox whose token is minted after the receiver's URL is needed.
 */
export async function startWebhookReceiver(authToken: string | (() => string), answer?: (path: string, params: Record<string, string>) => string | undefined) {
  const received: ReceivedWebhook[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
    const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    const path = request.url ?? '/';
    const signature = request.headers['x-twilio-signature'];
    received.push({ path, params, signatureValid: verifyTwilioSignature(typeof authToken === 'string' ? authToken : authToken(), `${url}${path}`, params, typeof signature === 'string' ? signature : undefined) });
    const twiml = answer?.(path, params);
    response.writeHead(200, { 'content-type': twiml === undefined ? 'text/plain' : 'text/xml' });
    response.end(twiml ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    /** Resolves once `predicate` holds for the posts received so far; fails the test after `timeoutMs`. */
    async waitFor(predicate: (posts: ReceivedWebhook[]) => boolean, timeoutMs = 5000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline) throw new Error(`webhooks not received in time; got ${JSON.stringify(received.map((r) => r.path))}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
