import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { AppError } from '../../src-shared/errors';
import { log } from '../log';

export const SYNC_SOCKET_PATH = '/api/sync/ws';

/** Close code for a refused token, in the 4000 range WebSocket leaves to applications (401-alike). */
export const CLOSE_UNAUTHORIZED = 4401;

const HEARTBEAT_MS = 30_000;

/**
 * The relay only sends on this socket; a desktop never needs to send more than a close frame. A
 * frame over this closes that socket with 1009 before it is buffered (ws' default is 100 MiB).
 */
export const MAX_CLIENT_FRAME_BYTES = 1024;

/** A socket's protocol error (oversized or malformed frame, reset) ends that socket only; never the process. */
const logSocketError = (stage: string) => (error: Error) => log.warn('sync socket error', { stage, error: error.message });

export interface LedgerSocket {
  /** Tells every connected desktop the ledger reached `version`, so it pulls. */
  broadcast(version: number): void;
  /** Closes the sockets of a device revoked just now (4401): a revoked desk hears nothing more. */
  closeDevice(deviceId: string): void;
  close(): void;
}

/**
 * Desktops keep a WebSocket open to hear `{"type":"changed","version":N}` whenever the ledger
 * moves; they then pull. Sockets that stop answering pings are dropped.
 */
export function attachLedgerSocket(server: Server, authenticate: (request: IncomingMessage, url: URL) => Promise<{ id: string }>): LedgerSocket {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });
  sockets.on('error', logSocketError('server'));
  const alive = new WeakSet<WebSocket>();
  const deviceOf = new WeakMap<WebSocket, string>();
  let newestSent = 0;

  const opened = (deviceId: string) => (ws: WebSocket) => {
    deviceOf.set(ws, deviceId);
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
  };
  // A refused token still gets a WebSocket close code (4401): a desktop reads it as "sign in again".
  const refused = (error: unknown) => (ws: WebSocket) => {
    const unauthorized = error instanceof AppError && error.code === 'unauthenticated';
    if (!unauthorized) log.error('sync socket could not authenticate', { error: error instanceof Error ? error.message : String(error) });
    ws.close(unauthorized ? CLOSE_UNAUTHORIZED : 1011, unauthorized ? 'unauthorized' : 'internal error');
  };

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://relay.invalid');
    if (url.pathname !== SYNC_SOCKET_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    // Node's HTTP server stops listening for errors on a socket it hands to 'upgrade': a reset
    // while the token is checked would otherwise be an uncaught exception.
    const onRawError = logSocketError('authenticating');
    socket.on('error', onRawError);
    const upgrade = (then: (ws: WebSocket) => void) => {
      socket.off('error', onRawError);
      if (socket.destroyed) return;
      sockets.handleUpgrade(request, socket, head, (ws) => {
        ws.on('error', logSocketError('open'));
        then(ws);
      });
    };
    authenticate(request, url).then(
      (device) => upgrade(opened(device.id)),
      (error: unknown) => upgrade(refused(error)),
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
    closeDevice(deviceId) {
      for (const ws of sockets.clients) if (deviceOf.get(ws) === deviceId) ws.close(CLOSE_UNAUTHORIZED, 'device revoked');
    },
    close() {
      clearInterval(heartbeat);
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
    },
  };
}
