import { join } from 'node:path';
import type { EventName, Events } from '../../src-shared/contract';
import { createCommunications, type Communications } from '../communications/communications';
import { createDispatcher, type Dispatcher } from '../ipc/dispatch';
import { createHandlers } from '../ipc/handlers';
import type { LetterPdfRenderer } from '../letters';
import { fileKeyCipher, type SecretCipher } from '../secrets/sealed-file';
import type { Store } from '../store/open-store';
import { createSyncManager, type SyncManager } from '../sync/sync-manager';

export interface DesktopServicesOptions {
  store: Store;
  /** The app's data folder for sealed settings (Twilio, SMTP, relay). */
  secretsDir: string;
  /** Electron's safeStorage in the app; a key file in `secretsDir` under Node. */
  cipher?: SecretCipher;
  letterRenderer: LetterPdfRenderer;
  broadcast<E extends EventName>(event: E, payload: Events[E]): void;
  /** Longest pause between sync retries while the relay is out of reach. */
  maxSyncRetryDelayMs?: number;
  /** The clock compliance and sends judge by; the wall clock by default. */
  now?: () => Date;
  /** The system's folder picker, where there is one (the Electron app, not the browser harness). */
  chooseFolder?: (title: string) => Promise<string | null>;
}

export interface DesktopServices {
  communications: Communications;
  sync: SyncManager;
  /** The one entry for every renderer call; a command kicks a push. */
  dispatch: Dispatcher;
  /** Connects to the saved relay, if any. */
  start(): void;
  close(): Promise<void>;
}

/**
 * Everything the main process runs behind the contract, wired once, for the Electron shell and the
 * browser harness alike: the relay connection, communications (claiming automated contacts at
 * the relay and sending Twilio's callbacks there when there is one), and the dispatcher.
 */
export function createDesktopServices(options: DesktopServicesOptions): DesktopServices {
  const { store, secretsDir, broadcast } = options;
  const cipher = options.cipher ?? fileKeyCipher(join(secretsDir, 'secret.key'));
  const sync = createSyncManager({
    store, secretsDir, cipher, maxRetryDelayMs: options.maxSyncRetryDelayMs,
    onStatus: (status) => broadcast('sync.status', status),
    onChanged: () => broadcast('cases.changed', { caseIds: [] }),
  });
  const communications = createCommunications({ store, secretsDir, cipher, letterRenderer: options.letterRenderer, relayUrl: sync.relayUrl, claim: sync.claim, now: options.now });
  const dispatch = createDispatcher(createHandlers(store, { communications, sync, chooseFolder: options.chooseFolder }), broadcast, { afterCommand: sync.kick });
  return {
    communications, sync, dispatch,
    start: () => sync.start(),
    async close() {
      await sync.stop();
      await communications.close();
    },
  };
}
