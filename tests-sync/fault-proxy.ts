import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** Odds of each fault per request, between 0 and 1. */
export interface Faults {
  /** The request never reaches the relay (503). */
  dropRequest: number;
  /** The relay handles it, but its answer is lost (502). */
  dropResponse: number;
  /** The relay receives it twice. */
  duplicate: number;
  /** An earlier push is delivered again, late, before this request: deliveries out of order. */
  replayStale: number;
}

export interface FaultProxy {
  url: string;
  /** Offline: connections are cut and refused, as when a laptop loses its network. */
  setOffline(offline: boolean): void;
  stats: Record<'forwarded' | 'droppedRequests' | 'droppedResponses' | 'duplicated' | 'replayed' | 'refused', number>;
  close(): Promise<void>;
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * An unreliable network between one desktop and the relay: it drops requests and answers,
 * delivers some twice and replays old pushes late, and can go offline. WebSocket upgrades are
 * piped through (and cut when offline). `random` is the test's seeded generator.
 */
export async function startFaultProxy(target: string, faults: Faults, random: () => number): Promise<FaultProxy> {
  const upstream = new URL(target);
  let offline = false;
  const stats = { forwarded: 0, droppedRequests: 0, droppedResponses: 0, duplicated: 0, replayed: 0, refused: 0 };
  const stalePushes: { headers: Record<string, string>; body: Buffer }[] = [];
  const tunnels = new Set<Socket>();
  const forward = (method: string, path: string, headers: Record<string, string>, body: Buffer) =>
    fetch(`${target}${path}`, { method, headers, body: method === 'GET' ? undefined : body, signal: AbortSignal.timeout(30_000) });

  const server: Server = createServer((request, response) => {
    void (async () => {
      if (offline) {
        stats.refused += 1;
        request.socket.destroy();
        return;
      }
      const body = await bodyOf(request);
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'content-type']) if (request.headers[name]) headers[name] = String(request.headers[name]);
      const path = request.url ?? '/';
      const method = request.method ?? 'GET';
      if (random() < faults.dropRequest) {
        stats.droppedRequests += 1;
        response.writeHead(503, { 'content-type': 'application/json' }).end('{"ok":false,"error":{"code":"internal","message":"dropped by the test network"}}');
        return;
      }
      try {
        if (path.startsWith('/api/sync/push')) {
          if (stalePushes.length > 0 && random() < faults.replayStale) {
            stats.replayed += 1;
            const stale = stalePushes[Math.floor(random() * stalePushes.length)]!;
            await forward('POST', path, stale.headers, stale.body).then((r) => r.text()).catch(() => undefined);
          }
          stalePushes.push({ headers, body });
          if (stalePushes.length > 20) stalePushes.shift();
        }
        let answer = await forward(method, path, headers, body);
        if (random() < faults.duplicate) {
          stats.duplicated += 1;
          await answer.text();
          answer = await forward(method, path, headers, body);
        }
        const text = await answer.text();
        if (random() < faults.dropResponse) {
          stats.droppedResponses += 1;
          response.writeHead(502).end();
          return;
        }
        stats.forwarded += 1;
        response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(text);
      } catch {
        response.writeHead(502).end();
      }
    })();
  });

  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    if (offline) {
      socket.destroy();
      return;
    }
    const tunnel = connect(Number(upstream.port), upstream.hostname, () => {
      const lines = [`${request.method} ${request.url} HTTP/1.1`, ...Object.entries(request.headers).map(([name, value]) => `${name}: ${String(value)}`), '', ''];
      tunnel.write(lines.join('\r\n'));
      tunnel.write(head);
      socket.pipe(tunnel).pipe(socket);
    });
    tunnels.add(socket);
    const cut = () => {
      tunnels.delete(socket);
      socket.destroy();
      tunnel.destroy();
    };
    tunnel.on('error', cut);
    tunnel.on('close', cut);
    socket.on('error', cut);
    socket.on('close', cut);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    stats,
    setOffline(next) {
      offline = next;
      if (next) for (const socket of tunnels) socket.destroy();
    },
    async close() {
      for (const socket of tunnels) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
