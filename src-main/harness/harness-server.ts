import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventName, Events } from '../../src-shared/contract';
import type { Dispatcher } from '../ipc/dispatch';
import type { Session } from '../ipc/handler-types';
import { log } from '../log/logger';
import { harnessOrigins } from './allowed-origins';
import { MAX_FRAME_BYTES, socketRequestSchema } from './socket-protocol';
import { acceptSocketsFrom } from './socket-upgrade';

export interface Harness {
  url: string;
  server: Server;
  /** Sends an event to every connected browser. */
  broadcast<E extends EventName>(event: E, payload: Events[E]): void;
  close(): Promise<void>;
}

/**
 * The browser harness (DESIGN §1): the main-process services under plain Node, the built renderer
 * as static files, and the one contract carried over a WebSocket at `/api`. Each socket is its
 * own session, like one Electron window.
 */
export async function startHarness(options: {
  rendererDir: string;
  port: number;
  host?: string;
  /** Builds the dispatcher once the harness can broadcast to its browsers. */
  createDispatch(broadcast: Harness['broadcast']): Dispatcher;
  /** Extra HTTP routes tried before the static files (a test's sandbox hooks); true when answered. */
  routes?(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
}): Promise<Harness> {
  const sockets = new Set<WebSocket>();
  const broadcast = <E extends EventName>(event: E, payload: Events[E]) => {
    const frame = JSON.stringify({ event, payload });
    for (const socket of sockets) socket.send(frame);
  };
  const dispatch = options.createDispatch(broadcast);
  const serveStatic = sirv(options.rendererDir, { single: true, dev: false, etag: true });
  const serve = (request: IncomingMessage, response: ServerResponse) =>
    serveStatic(request, response, () => {
      response.statusCode = 404;
      response.end('not found');
    });
  const server = createServer((request, response) => {
    if (!options.routes) return serve(request, response);
    void options.routes(request, response).then((answered) => answered || serve(request, response));
  });
  // noServer: the upgrade is ours to check first (acceptSocketsFrom).
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  wss.on('error', (error) => log.error('harness socket server failed', { error: error.message }));
  wss.on('connection', (socket) => {
    const session: Session = { user: null };
    sockets.add(socket);
    // ws reports a bad frame (too big, a reserved opcode, invalid UTF-8) as an 'error' on that one
    // socket, then closes it (1009, 1002, 1007); unheard, the error would end the whole harness.
    socket.on('error', (error) => log.warn('harness socket closed on a bad frame', { error: error.message }));
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', async (data) => {
      let request: { id: number; channel: unknown; payload: unknown };
      try {
        request = socketRequestSchema.parse(JSON.parse(String(data)));
      } catch {
        socket.send(JSON.stringify({ id: -1, result: { ok: false, error: { code: 'validation', message: 'malformed request frame' } } }));
        return;
      }
      const result = await dispatch(session, request.channel, request.payload);
      socket.send(JSON.stringify({ id: request.id, result }));
    });
  });
  server.listen(options.port, options.host ?? '127.0.0.1');
  // Rejects on a listen error (the port in use); after that, a server error is logged, not fatal.
  await once(server, 'listening');
  server.on('error', (error) => log.error('harness server failed', { error: error.message }));
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/`;
  acceptSocketsFrom(server, wss, harnessOrigins(options.host ?? '127.0.0.1', port));
  log.info('harness listening', { url });
  return {
    url,
    server,
    broadcast,
    close: async () => {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
