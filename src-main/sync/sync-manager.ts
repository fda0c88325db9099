import { join } from 'node:path';
import { AppError } from '../../src-shared/errors';
import { RelaySettings, type SyncStatus } from '../../src-shared/contract/sync';
import { createSealedFile, type SecretCipher } from '../secrets/sealed-file';
import type { Store } from '../store/open-store';
import { outboxOf } from './outbox';
import { setAsideOf } from './set-aside';
import type { RelayForSignIn } from '../session/sign-in';
import { createRelayClient } from './relay-client';
import { createSyncClient, type SyncClient } from './sync-client';

export interface SyncManagerOptions {
  store: Store;
  secretsDir: string;
  cipher: SecretCipher;
  onStatus?(status: SyncStatus): void;
  onChanged?(): void;
  maxRetryDelayMs?: number;
}

/**
 * This desktop's relay connection, if it has one: the sealed settings, the running client, and
 * the status the indicator shows. Without a relay the desktop is its own ledger (`local`).
 */
export function createSyncManager(options: SyncManagerOptions) {
  const { store } = options;
  const settings = createSealedFile(join(options.secretsDir, 'relay.sealed'), options.cipher, RelaySettings, 'relay settings');
  let client: SyncClient | null = null;

  const outbox = outboxOf(store.sqlite, store.clientId);
  const setAside = setAsideOf(store.sqlite);
  const localStatus = (): SyncStatus => ({
    state: 'local', relayUrl: null, pending: outbox.pendingCount(), rejected: outbox.rejectedCount(), setAside: setAside.count(), lastSyncedAt: null, initialSync: null, problem: null,
  });

  function connect(relay: RelaySettings): void {
    client = createSyncClient({ store, relayUrl: relay.relayUrl, deviceToken: relay.deviceToken, onStatus: options.onStatus, onChanged: options.onChanged, maxRetryDelayMs: options.maxRetryDelayMs });
    client.start();
  }

  return {
    /** Connects to the saved relay, if any. */
    start(): void {
      const saved = settings.load();
      if (saved) connect(saved);
    },
    async configure(input: unknown): Promise<SyncStatus> {
      const saved = settings.save(input);
      await client?.stop();
      connect(saved);
      return client!.status();
    },
    async disconnect(): Promise<SyncStatus> {
      settings.clear();
      await client?.stop();
      client = null;
      const status = localStatus();
      options.onStatus?.(status);
      return status;
    },
    status: (): SyncStatus => client?.status() ?? localStatus(),
    syncNow: async (): Promise<SyncStatus> => (client ? client.syncNow() : localStatus()),
    kick: () => client?.kick(),
    rejections: () => outbox.rejections(),
    setAsideRows: () => setAside.list(),
    relayUrl: (): string | null => client?.status().relayUrl ?? null,
    /** The saved relay, reachable or not: with one, users sign in at it (or offline with their sealed key). */
    relayForSignIn(): RelayForSignIn | null {
      const relay = settings.load();
      return relay ? { url: relay.relayUrl, client: client?.relay ?? createRelayClient(relay.relayUrl, relay.deviceToken) } : null;
    },
    /** Borrower self-service links are minted by the relay, which serves the pages; without one there is nowhere for them to point. */
    async selfServiceLink(request: { accountNumber: string; days?: number }, relaySession: string | null): Promise<{ url: string; expiresAt: string }> {
      const relay = settings.load();
      if (!relay) throw new AppError('conflict', 'self-service links come from the relay: connect this desktop to a relay in Settings, Sync');
      if (!relaySession) throw new AppError('unauthenticated', 'the relay mints links for a user signed in there: sign out and in again while the relay is reachable');
      return createRelayClient(relay.relayUrl, relay.deviceToken).selfServiceLink(request, relaySession);
    },
    /** Without a relay this desktop is the only sender, so every claim is granted. */
    claim: (key: string): Promise<boolean> => (client ? client.claim(key) : Promise.resolve(true)),
    stop: async () => {
      await client?.stop();
    },
  };
}

export type SyncManager = ReturnType<typeof createSyncManager>;
