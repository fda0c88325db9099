import { dirname, join } from 'node:path';
import { createCommunications, type Communications } from '../src-main/communications/communications';
import { createHandlers } from '../src-main/ipc/handlers';

import { chromiumPdfRenderer } from '../src-main/letters/chromium-pdf-renderer';
import type { Store } from '../src-main/store/open-store';

/** The communications a harness would run: sandbox until settings are saved next to the store, letters by headless Chromium. */
export function testCommunications(store: Store): Communications {
  return createCommunications({ store, secretsDir: join(dirname(store.path), 'secrets'), letterRenderer: chromiumPdfRenderer() });
}

/** Every handler over a store, with its own sandbox communications (close them with `communications.close()`). */
export function testHandlers(store: Store) {
  const communications = testCommunications(store);
  return { handlers: createHandlers(store, { communications }), communications };
}
