import type { Store } from '../store/open-store';
import { appendOutbox, SYSTEM_ACTOR } from '../store/run-command';
import { drainChanges, setCapturing } from './capture';

/** The rows one pushed part carries: the relay takes each part in one transaction. */
const ROWS_PER_PART = 2_000;

/**
 * Runs bulk work of the system's own (the engine host's daily run) inside the caller's
 * transaction with capture on, then queues every row it wrote as `name` commands in parts, in the
 * order written (a loan's rows together), so the derived rows reach the ledger by the push.
 */
export function asSystemCommands<T>(store: Store, name: string, args: Record<string, unknown>, work: () => T): T {
  setCapturing(store.sqlite, true);
  const result = work();
  const changes = drainChanges(store.sqlite);
  setCapturing(store.sqlite, false);
  const parts = Math.max(1, Math.ceil(changes.length / ROWS_PER_PART));
  const at = new Date().toISOString();
  for (let part = 0; part < parts; part++) {
    appendOutbox(store, { actorId: SYSTEM_ACTOR.id, name, args: { ...args, part: part + 1, parts }, at, changes: changes.slice(part * ROWS_PER_PART, (part + 1) * ROWS_PER_PART) });
  }
  return result;
}
