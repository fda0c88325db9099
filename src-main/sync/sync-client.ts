import { backOff } from 'exponential-backoff';
import WebSocket from 'ws';
import type { SyncStatus } from '../../src-shared/contract/sync';
import { AppError } from '../../src-shared/errors';
import type { ChangedNotice } from '../../src-shared/sync/protocol';
import { log } from '../log/logger';
import type { Store } from '../store/open-store';
import { createRelayClient, RelayUnavailable, type RelayClient } from './relay-client';
import { createSyncSession } from './sync-session';

export interface SyncClientOptions {
  store: Store;
  relayUrl: string;
  deviceToken: string;
  /** Told every time the status changes (the sync indicator, via the `sync.status` event). */
  onStatus?(status: SyncStatus): void;
  /** Told after pulled rows land, so screens refetch. */
  onChanged?(): void;
  /** Longest pause between retries while the relay is unreachable (30 s by default). */
  maxRetryDelayMs?: number;
}

export interface SyncClient {
  start(): void;
  stop(): Promise<void>;
  /** Runs a push and a pull now (or right after the one running) and resolves when the relay is caught up or out of reach. */
  syncNow(): Promise<SyncStatus>;
  /** Something was written locally: push soon. */
  kick(): void;
  status(): SyncStatus;
  /** Claims an automated contact's key at the relay; false when another desktop holds it. Unreachable relay: false, so nothing is sent twice. */
  claim(key: string): Promise<boolean>;
  relay: RelayClient;
}

/**
 * The desktop's sync loop (DESIGN §3): pushes the outbox with backoff while the relay is out of
 * reach, pulls when the relay's WebSocket says the ledger moved (and after every push), and keeps a
 * status for the indicator. One cycle runs at a time; asking during one queues exactly one more.
 */
export function createSyncClient(options: SyncClientOptions): SyncClient {
  const { store } = options;
  const relay = createRelayClient(options.relayUrl, options.deviceToken);
  const session = createSyncSession(store, relay);
  let stopped = true;
  let socket: WebSocket | null = null;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let current: SyncStatus = {
    state: 'offline', relayUrl: options.relayUrl, pending: session.pendingCount(), rejected: session.rejectedCount(), setAside: session.setAsideCount(), lastSyncedAt: null,
    initialSync: null, problem: null,
  };

  const update = (changes: Partial<SyncStatus>) => {
    current = { ...current, ...changes, pending: session.pendingCount(), rejected: session.rejectedCount(), setAside: session.setAsideCount() };
    options.onStatus?.(current);
  };

  async function cycleOnce(): Promise<void> {
    if (stopped) return;
    // While retrying an unreachable relay the indicator stays "offline" rather than flickering.
    if (current.state !== 'offline') update({ state: 'syncing' });
    const pushed = await session.push();
    const initial = session.cursor() === 0;
    const pulled = await session.pull((progress) => {
      if (initial) update({ initialSync: { rows: progress.rows, percent: progress.head ? Math.min(100, Math.floor((progress.cursor / progress.head) * 100)) : null } });
    });
    if (pushed.applied + pushed.rejected + pulled.rows > 0) options.onChanged?.();
    update({ state: 'online', lastSyncedAt: new Date().toISOString(), initialSync: null, problem: null });
  }

  /** One cycle, retried with growing pauses while the relay is out of reach; a refused token stops it. */
  async function cycle(): Promise<void> {
    try {
      await backOff(cycleOnce, {
        numOfAttempts: Number.MAX_SAFE_INTEGER,
        startingDelay: 250,
        maxDelay: options.maxRetryDelayMs ?? 30_000,
        jitter: 'full',
        retry: (error: unknown) => {
          if (stopped || !(error instanceof RelayUnavailable)) return false;
          update({ state: 'offline', problem: error.message });
          return true;
        },
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'unauthenticated') update({ state: 'unauthorized', problem: error.message });
      else if (error instanceof RelayUnavailable) update({ state: 'offline', problem: error.message });
      else {
        log.error('sync failed', { error: String(error) });
        update({ state: 'offline', problem: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  function syncNow(): Promise<SyncStatus> {
    if (running) {
      again = true;
      return running.then(() => current);
    }
    running = (async () => {
      do {
        again = false;
        await cycle();
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running.then(() => current);
  }

  function connectNotices(): void {
    if (stopped) return;
    const ws = new WebSocket(relay.noticesUrl());
    socket = ws;
    ws.on('message', (data) => {
      const notice = JSON.parse(String(data)) as ChangedNotice;
      if (notice.type === 'changed' && notice.version > session.cursor()) void syncNow();
    });
    // A dropped notice channel is reopened after a pause; the next cycle catches up on anything missed.
    ws.on('close', (code) => {
      socket = null;
      if (stopped) return;
      if (code === 4401) {
        update({ state: 'unauthorized', problem: 'the relay refused this device’s token' });
        return;
      }
      reconnectTimer = setTimeout(() => {
        connectNotices();
        void syncNow();
      }, 2_000);
    });
    ws.on('error', () => undefined);
  }

  return {
    relay,
    start() {
      if (!stopped) return;
      stopped = false;
      connectNotices();
      void syncNow();
    },
    async stop() {
      stopped = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      socket?.close();
      await running;
    },
    syncNow,
    kick() {
      if (!stopped) void syncNow();
    },
    status: () => current,
    async claim(key) {
      try {
        return (await relay.claim(store.clientId, key)).granted;
      } catch (error) {
        log.warn('sync: could not claim an automated contact', { key, error: String(error) });
        return false;
      }
    },
  };
}
