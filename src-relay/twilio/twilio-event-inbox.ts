import type { RelayDb } from '../db/relay-database';
import { storeTwilioEvents } from './twilio-event-store';
import { eventKey, type TwilioEvent } from './twilio-event';

/** Inserts in flight at once; callbacks arriving meanwhile wait and go in the next insert together. */
const INSERTS_IN_FLIGHT = 3;
/** Events per insert, so that one insert (and the answers waiting on it) stays short under a flood. */
const EVENTS_PER_INSERT = 500;

export type StoreOutcome = 'recorded' | 'replayed';

interface Waiting {
  event: TwilioEvent;
  resolve: (outcome: StoreOutcome) => void;
  reject: (error: unknown) => void;
}

export interface TwilioEventInbox {
  /** Resolves once the event is committed (or was already stored): then it may be acknowledged. */
  store(event: TwilioEvent): Promise<StoreOutcome>;
}

/**
 * Stores verified callbacks durably, with the callbacks that arrive together written by one
 * insert (one round trip and one commit for all of them, a group commit). Each caller is answered
 * only after the insert holding its event has committed, so nothing acknowledged can be lost.
 */
export function createTwilioEventInbox(db: RelayDb, onRecorded: () => void): TwilioEventInbox {
  let queue: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;

  const insert = async (batch: Waiting[]) => {
    inFlight += 1;
    try {
      const recorded = await storeTwilioEvents(db, batch.map((waiting) => waiting.event));
      // Of two same callbacks in one insert, the first counts as recorded, the other as its replay.
      const answered = new Set<string>();
      for (const waiting of batch) {
        const key = eventKey(waiting.event);
        waiting.resolve(recorded.has(key) && !answered.has(key) ? 'recorded' : 'replayed');
        answered.add(key);
      }
      if (recorded.size > 0) onRecorded();
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    } finally {
      inFlight -= 1;
      flush();
    }
  };

  function flush(): void {
    scheduled = false;
    while (queue.length > 0 && inFlight < INSERTS_IN_FLIGHT) {
      void insert(queue.slice(0, EVENTS_PER_INSERT));
      queue = queue.slice(EVENTS_PER_INSERT);
    }
  }

  return {
    store(event) {
      return new Promise<StoreOutcome>((resolve, reject) => {
        queue.push({ event, resolve, reject });
        if (scheduled) return;
        scheduled = true;
        // The callbacks whose bodies arrived in this turn of the event loop go in together.
        setImmediate(flush);
      });
    },
  };
}
