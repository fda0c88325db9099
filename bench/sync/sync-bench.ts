import { benchInitialSync } from './initial-sync';
import { benchPropagation } from './propagation';
import { benchWebhooks } from './webhooks';
import { benchPushLoad } from './push-load';

/**
 * The relay and sync figures of `npm run bench`, each against its own relay process on a fresh
 * Postgres database: the seeded portfolio published and synced to a fresh desktop, a change
 * travelling between two desktops, Twilio status callbacks into the ledger, and twenty desks
 * pushing signed commands at once through every trust check.
 */
export async function benchSync(path: string, progress: (message: string) => void) {
  const initial = await benchInitialSync(path, progress);
  const propagation = await benchPropagation({ loans: 2_000, changes: 500 }, progress);
  const webhooks = await benchWebhooks({ sequential: 1_000, callbacks: 20_000, seconds: 10, concurrency: 32 }, progress);
  const pushLoad = await benchPushLoad({ loans: 2_000, desks: 20, seconds: 20 }, progress);
  return { ...initial, propagation, webhooks, pushLoad };
}
