import { dirname, join } from 'node:path';
import { createDesktopServices, type DesktopServices } from '../src-main/app/desktop-services';
import type { Communications } from '../src-main/communications/communications';
import { createCommunications } from '../src-main/communications/communications';
import { createHandlers } from '../src-main/ipc/handlers';
import { chromiumPdfRenderer } from '../src-main/letters/chromium-pdf-renderer';
import { fileKeyCipher } from '../src-main/secrets/sealed-file';
import type { Store } from '../src-main/store/open-store';
import { createSyncManager } from '../src-main/sync/sync-manager';

const secretsOf = (store: Store) => join(dirname(store.path), 'secrets');

/** The communications a harness would run: sandbox until settings are saved next to the store, letters by headless Chromium. */
export function testCommunications(store: Store): Communications {
  return createCommunications({ store, secretsDir: secretsOf(store), letterRenderer: chromiumPdfRenderer() });
}

/** Every handler over a store, with its own sandbox communications and no relay (close them with `communications.close()`). */
export function testHandlers(store: Store) {
  const communications = testCommunications(store);
  const sync = createSyncManager({ store, secretsDir: secretsOf(store), cipher: fileKeyCipher(join(secretsOf(store), 'secret.key')) });
  return { handlers: createHandlers(store, { communications, sync }), communications };
}

/** The whole desktop as the harness wires it, events collected; close it when done. */
export function testServices(store: Store, options: { maxSyncRetryDelayMs?: number; now?: () => Date } = {}): DesktopServices & { events: { event: string; payload: unknown }[] } {
  const events: { event: string; payload: unknown }[] = [];
  const services = createDesktopServices({
    store, secretsDir: secretsOf(store), letterRenderer: chromiumPdfRenderer(), maxSyncRetryDelayMs: options.maxSyncRetryDelayMs, now: options.now,
    broadcast: (event, payload) => events.push({ event, payload }),
  });
  return { ...services, events };
}
