import type { LedgerRowImage } from '../../src-shared/sync/protocol';
import type { Store } from '../store/open-store';
import { createRowWriter } from './apply-rows';
import { outboxOf } from './outbox';
import { createPulledRows } from './pulled-rows';
import type { RelayClient } from './relay-client';

const CURSOR_KEY = 'sync_cursor';
/** The cursor up to which every written row's references were checked; behind the cursor after a pull cut short. */
const CHECKED_KEY = 'sync_references_checked';
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
 * relay's reason, for the user to see. A pulled row this replica cannot take is set aside with its
 * reason and the sync goes on (`pulled-rows.ts`).
 */
export function createSyncSession(store: Store, relay: RelayClient) {
  const { sqlite } = store;
  const outbox = outboxOf(sqlite, store.clientId);
  const writer = createRowWriter(sqlite);
  const pulled = createPulledRows(sqlite, writer);
  const getMeta = sqlite.prepare('SELECT value FROM app_meta WHERE key = ?').pluck();
  const setMeta = sqlite.prepare('INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');

  const cursor = (): number => Number((getMeta.get(CURSOR_KEY) as string | undefined) ?? 0);

  /** Runs `work` in one transaction with foreign keys off: pulled rows may name parents a later page brings. */
  function withoutForeignKeys(work: () => void): void {
    sqlite.pragma('foreign_keys = OFF');
    try {
      sqlite.transaction(work).immediate();
    } finally {
      sqlite.pragma('foreign_keys = ON');
    }
  }

  /** Server rows first (a row this replica cannot take is set aside), then every pending command's rows again; references are checked when a pull completes. */
  function writeServerRows(rows: readonly LedgerRowImage[], after?: () => void): void {
    withoutForeignKeys(() => {
      for (const row of rows) pulled.write(row);
      after?.();
      for (const command of outbox.pending(Number.MAX_SAFE_INTEGER)) for (const change of command.changes) writer.applyLocalChange(change);
    });
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
    setAsideCount: pulled.setAsideCount,
    setAsideRows: pulled.setAsideRows,

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
      // A first sync (or the first of this build), or one after a pull cut short before its check, checks every row's references.
      pulled.begin(getMeta.get(CHECKED_KEY) !== String(cursor()));
      let page = await relay.pull(cursor(), PULL_PAGE, store.clientId);
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
      if (pulled.unsettled()) {
        withoutForeignKeys(() => {
          pulled.settle();
          setMeta.run(CHECKED_KEY, String(cursor()));
        });
      } else setMeta.run(CHECKED_KEY, String(cursor()));
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
