import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { AppError } from '../../src-shared/errors';
import { log } from '../log';

export const SYNC_SOCKET_PATH = '/api/sync/ws';

/** Close code for a refused token, in the 4000 range WebSocket leaves to applications (401-alike). */
export const CLOSE_UNAUTHORIZED = 4401;

const HEARTBEAT_MS = 30_000;

export interface LedgerSocket {
  /** Tells every connected desktop the ledger reached `version`, so it pulls. */
  broadcast(version: number): void;
  close(): void;
}

/**
 * Desktops keep a WebSocket open to hear `{"type":"changed","version":N}` whenever the ledger
 * moves; they then pull. Sockets that stop answering pings are dropped.
 */
export function attachLedgerSocket(server: Server, authenticate: (request: IncomingMessage, url: URL) => Promise<unknown>): LedgerSocket {
  const sockets = new WebSocketServer({ noServer: true });
  const alive = new WeakSet<WebSocket>();
  let newestSent = 0;

  const refuse = (request: IncomingMessage, socket: Duplex, head: Buffer, error: unknown) => {
    const unauthorized = error instanceof AppError && error.code === 'unauthenticated';
    if (!unauthorized) log.error('sync socket could not authenticate', { error: error instanceof Error ? error.message : String(error) });
    sockets.handleUpgrade(request, socket, head, (ws) => ws.close(unauthorized ? CLOSE_UNAUTHORIZED : 1011, unauthorized ? 'unauthorized' : 'internal error'));
  };

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://relay.invalid');
    if (url.pathname !== SYNC_SOCKET_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    authenticate(request, url).then(
      () =>
        sockets.handleUpgrade(request, socket, head, (ws) => {
          alive.add(ws);
          ws.on('pong', () => alive.add(ws));
          ws.on('error', (error) => log.warn('sync socket error', { error: error.message }));
        }),
      (error: unknown) => refuse(request, socket, head, error),
    );
  });

  const heartbeat = setInterval(() => {
    for (const ws of sockets.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    broadcast(version) {
      if (version <= newestSent) return;
      newestSent = version;
      const notice = JSON.stringify({ type: 'changed', version });
      for (const ws of sockets.clients) if (ws.readyState === WebSocket.OPEN) ws.send(notice);
    },
    close() {
      clearInterval(heartbeat);
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
    },
  };
}
