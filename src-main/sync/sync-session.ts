import type { LedgerRowImage } from '../../src-shared/sync/protocol';
import type { Store } from '../store/open-store';
import { createRowWriter } from './apply-rows';
import { outboxOf } from './outbox';
import type { RelayClient } from './relay-client';

const CURSOR_KEY = 'sync_cursor';
const PUSH_BATCH = 200;
/** A push body stays well under the relay's limit, whatever the commands carry (a letter's PDF, a daily run's rows). */
const PUSH_BYTES = 8 * 2 ** 20;
const PULL_PAGE = 5_000;

export interface PushOutcome {
  applied: number;
  rejected: number;
}

/**
 * One desktop's exchange with the relay (DESIGN §3): push the outbox in order, pull the ledger's
 * changes after the cursor. Pulled rows are written as the ledger has them, then the commands the
 * relay has not judged yet are laid back on top, in order, so nothing the user did flickers away
 * while it is in flight. A rejection puts the ledger's rows back and keeps the command, with the
 * relay's reason, for the user to see.
 */
export function createSyncSession(store: Store, relay: RelayClient) {
  const { sqlite } = store;
  const outbox = outboxOf(sqlite, store.clientId);
  const writer = createRowWriter(sqlite);
  const setMeta = sqlite.prepare('INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');

  const cursor = (): number => Number((sqlite.prepare('SELECT value FROM app_meta WHERE key = ?').pluck().get(CURSOR_KEY) as string | undefined) ?? 0);

  /** Server rows first, then every pending command's rows again; foreign keys are checked when a sync completes, since a page may hold a child before its parent. */
  function writeServerRows(rows: readonly LedgerRowImage[], after?: () => void): void {
    sqlite.pragma('foreign_keys = OFF');
    try {
      sqlite.transaction(() => {
        for (const row of rows) writer.applyLedgerRow(row);
        after?.();
        for (const command of outbox.pending(Number.MAX_SAFE_INTEGER)) for (const change of command.changes) writer.applyLocalChange(change);
      }).immediate();
    } finally {
      sqlite.pragma('foreign_keys = ON');
    }
  }

  async function pushOnce(): Promise<PushOutcome & { more: boolean }> {
    const commands = withinBytes(outbox.pending(PUSH_BATCH), PUSH_BYTES);
    if (commands.length === 0) return { applied: 0, rejected: 0, more: false };
    const response = await relay.push({ clientId: store.clientId, commands });
    let applied = 0;
    let rejected = 0;
    for (const result of response.results) {
      if (result.status === 'applied') {
        outbox.applied(result.seq, result.version);
        applied += 1;
      } else {
        writeServerRows(result.rows, () => outbox.rejected(result.seq, result.reason));
        rejected += 1;
      }
    }
    // A batch the relay stopped short of (it expected an earlier command) is pushed again from there.
    return { applied, rejected, more: response.results.length > 0 && outbox.pendingCount() > 0 };
  }

  return {
    cursor,
    pendingCount: outbox.pendingCount,
    rejectedCount: outbox.rejectedCount,

    /** Pushes until the outbox is empty or the relay stops taking commands. */
    async push(): Promise<PushOutcome> {
      const total = { applied: 0, rejected: 0 };
      for (;;) {
        const outcome = await pushOnce();
        total.applied += outcome.applied;
        total.rejected += outcome.rejected;
        if (!outcome.more) return total;
      }
    },

    /** Pulls every change after the cursor, page by page; `onPage` reports progress (rows so far, the cursor, the ledger's head when known). */
    async pull(onPage?: (progress: { rows: number; cursor: number; head: number | null }) => void): Promise<{ rows: number }> {
      let rows = 0;
      const initial = cursor() === 0;
      let page = await relay.pull(cursor(), PULL_PAGE);
      for (;;) {
        // The next page is asked for before this one is written, so the relay reads while this desktop writes.
        const next = page.hasMore ? relay.pull(page.cursor, PULL_PAGE) : null;
        // A failed prefetch is seen when awaited, after this page is safely written.
        next?.catch(() => undefined);
        const current = page;
        writeServerRows(current.rows, () => setMeta.run(CURSOR_KEY, String(current.cursor)));
        rows += current.rows.length;
        onPage?.({ rows, cursor: current.cursor, head: current.head ?? null });
        if (!next) break;
        page = await next;
      }
      // A full check costs a scan of every reference: after the initial sync it proves the copy whole.
      if (initial) {
        const broken = sqlite.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`after the initial sync ${broken.length} rows point at rows that are missing; the relay's ledger is incomplete`);
      }
      return { rows };
    },
  };
}

export type SyncSession = ReturnType<typeof createSyncSession>;

/** The longest prefix of commands within a byte budget, and always the first: one command that is too big still goes alone. */
function withinBytes<T>(commands: T[], budget: number): T[] {
  let used = 0;
  const taken: T[] = [];
  for (const command of commands) {
    used += JSON.stringify(command).length;
    if (taken.length > 0 && used > budget) break;
    taken.push(command);
  }
  return taken;
}
