import { CHANNEL_NAMES, type EventName, type Events, type RecourseApi } from '../../../src-shared/contract';
import type { Result } from '../../../src-shared/errors';

type Pending = (result: Result<unknown>) => void;

/**
 * The browser preload (DESIGN §1): the same `window.api` the Electron preload exposes, carried
 * over the harness WebSocket. Calls made while the socket is connecting wait for it; if it drops,
 * calls fail with a clear error rather than hanging.
 */
export function createSocketApi(url: string): RecourseApi {
  const socket = new WebSocket(url);
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('cannot reach the Recourse harness')), { once: true });
  });
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let nextId = 1;

  socket.addEventListener('message', (message) => {
    const frame = JSON.parse(String(message.data)) as { id?: number; result?: Result<unknown>; event?: EventName; payload?: unknown };
    if (frame.id !== undefined && frame.result) {
      pending.get(frame.id)?.(frame.result);
      pending.delete(frame.id);
    } else if (frame.event) {
      for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload as never);
    }
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'internal', message: 'the connection to Recourse was lost; reload the page' } });
    pending.clear();
  });

  const call = async (channel: string, payload: unknown): Promise<Result<unknown>> => {
    await opened;
    if (socket.readyState !== WebSocket.OPEN) return { ok: false, error: { code: 'internal', message: 'the connection to Recourse was lost; reload the page' } };
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, channel, payload }));
    });
  };

  const api: Record<string, unknown> = Object.fromEntries(CHANNEL_NAMES.map((name) => [name, (input: unknown) => call(name, input)]));
  api.on = <E extends EventName>(event: E, listener: (payload: Events[E]) => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener as (payload: never) => void);
    listeners.set(event, set);
    return () => set.delete(listener as (payload: never) => void);
  };
  return api as RecourseApi;
}
