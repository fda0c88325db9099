import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST as a receiver got it. */
export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as signed. */
  body: string;
  event: { id: string; type: string; occurredAt: string; ledgerVersion: number; data: Record<string, unknown> };
}

export interface TestReceiver {
  /** `http://127.0.0.1:<port>`; each test subscribes on a path of its own. */
  url: string;
  received: ReceivedWebhook[];
  /** What got to `path`. */
  at(path: string): ReceivedWebhook[];
  close(): Promise<void>;
}

/**
 * A real HTTP receiver for the delivery tests. `answer` gives the status for a request, knowing how
 * many times this path already got this event id before it (0 the first time).
 */
export async function startReceiver(answer: (path: string, seenBefore: number) => number | Promise<number> = () => 200): Promise<TestReceiver> {
  const received: ReceivedWebhook[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString('utf8');
    const event = JSON.parse(body) as ReceivedWebhook['event'];
    const path = request.url ?? '/';
    const seenBefore = received.filter((earlier) => earlier.path === path && earlier.event.id === event.id).length;
    received.push({ path, headers: request.headers, body, event });
    response.writeHead(await answer(path, seenBefore)).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    at: (path) => received.filter((request) => request.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** An http URL on this machine that refuses connections: a receiver that is down. */
export async function downUrl(): Promise<string> {
  const receiver = await startReceiver();
  await receiver.close();
  return `${receiver.url}/down`;
}
