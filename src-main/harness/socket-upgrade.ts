import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import type { WebSocketServer } from 'ws';
import { log } from '../log/logger';
import { isAllowedOrigin } from './allowed-origins';

/** The path the browser preload opens (`ws://host/api`); nothing else upgrades. */
const API_PATH = '/api';

/**
 * Hands the server's WebSocket upgrades at `/api` to `wss`, refusing a page of another origin with
 * 403 before any frame is read (ws's own pattern for authenticating an upgrade: the `upgrade`
 * event rather than the discouraged `verifyClient`).
 */
export function acceptSocketsFrom(server: Server, wss: WebSocketServer, origins: ReadonlySet<string>): void {
  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    // A client that resets mid-handshake must cost only its own connection.
    const onHandshakeError = (error: Error) => log.warn('harness handshake failed', { error: error.message });
    socket.on('error', onHandshakeError);
    const refuse = (status: string) => socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    // Compared as ws compares its `path` option, query string aside.
    if (request.url?.split('?')[0] !== API_PATH) return refuse('400 Bad Request');
    if (!isAllowedOrigin(request.headers.origin, origins)) {
      log.warn('refused a harness socket from another origin', { origin: request.headers.origin ?? null });
      return refuse('403 Forbidden');
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      socket.off('error', onHandshakeError);
      wss.emit('connection', ws, request);
    });
  });
}
