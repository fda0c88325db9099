import type { RelayDb } from '../db/relay-database';
import { lockLedgerClock } from '../ledger/ledger-clock';
import { log } from '../log';
import { applyTwilioEvents } from './apply-twilio-events';
import { hasUncheckedEvents, uncheckedEvents } from './twilio-event-store';

export interface TwilioApplierOptions {
  /** Events per transaction: the clock is held for one batch, so pushes wait at most that long. */
  batchSize: number;
  /** How often to look for events stored by a relay that died before applying them, or missed by a failed batch. */
  sweepMs: number;
}

export const DEFAULT_APPLIER_OPTIONS: TwilioApplierOptions = { batchSize: 250, sweepMs: 1000 };

export interface TwilioApplier {
  /** Call after storing events: wakes the applier once for every call made while it was busy. */
  wake(): void;
  /** Resolves when no stored event waits to be looked at (tests and benchmarks). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Applies one batch of the oldest unchecked events; answers how many it took. The events are read
 * after the clock is locked (once for the batch): another relay's applier or a push may have
 * applied some meanwhile, and while this holds the clock no one else can, so no event is applied
 * twice. `peek` first looks without the lock, so an idle sweep never makes pushes wait.
 */
export async function applyNextBatch(db: RelayDb, batchSize: number, peek: boolean): Promise<number> {
  if (peek && !(await hasUncheckedEvents(db))) return 0;
  return db.transaction(async (tx) => {
    await lockLedgerClock(tx);
    const batch = await uncheckedEvents(tx, batchSize);
    await applyTwilioEvents(tx, batch);
    return batch.length;
  });
}

/**
 * Applies stored Twilio callbacks to the ledger in batches, on this relay, as they arrive (woken
 * by the route), on a timer, and once at start-up (events a killed relay stored but never applied).
 */
export function startTwilioApplier(db: RelayDb, options: TwilioApplierOptions = DEFAULT_APPLIER_OPTIONS): TwilioApplier {
  let requested = false;
  /** Set when events were just stored: the next batch need not look before taking the clock. */
  let stored = false;
  let running: Promise<void> | null = null;
  let stopped = false;

  const drain = async () => {
    while (requested && !stopped) {
      requested = false;
      const peek = !stored;
      stored = false;
      try {
        while (!stopped && (await applyNextBatch(db, options.batchSize, peek)) === options.batchSize) {
          // A full batch: there may be more waiting. PGlite answers on microtasks alone, so give
          // the server's requests a turn between batches of a long backlog.
          await new Promise((resolve) => setImmediate(resolve));
        }
      } catch (error) {
        // The events stay unchecked; the next callback or sweep tries again.
        requested = false;
        if (!stopped) log.warn('applying Twilio events failed; retrying on the next callback or sweep', { error: error instanceof Error ? error.message : String(error) });
        return;
      }
    }
  };

  const sweep = () => {
    requested = true;
    if (running || stopped) return;
    // Wakes in the same turn of the event loop (callbacks stored together) share one batch.
    running = new Promise<void>((resolve) => setImmediate(resolve))
      .then(drain)
      .finally(() => {
        running = null;
        if (requested && !stopped) sweep();
      });
  };

  const timer = setInterval(sweep, options.sweepMs);
  timer.unref();
  sweep();

  return {
    wake() {
      stored = true;
      sweep();
    },
    async settled() {
      while (!stopped) {
        if (running) await running;
        else if (await hasUncheckedEvents(db)) sweep();
        else return;
      }
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
