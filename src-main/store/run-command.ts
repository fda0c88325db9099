import { randomUUID } from 'node:crypto';
import type { Role } from '../../src-shared/roles';
import { appendAudit, type AuditInput } from './audit-log';
import type { Store } from './open-store';
import type { RowChange } from '../../src-shared/sync/protocol';
import { drainChanges, isCapturing, setCapturing } from '../sync/capture';
import { signCommand } from '../session/command-signers';

export interface Actor {
  id: string;
  role: Role;
}

/** Twilio's callbacks, the scheduler and the engine act for nobody in particular; their audit events and commands say so. */
export const SYSTEM_ACTOR: Actor = { id: 'system', role: 'admin' };

export interface CommandOutcome<T> {
  value: T;
  audit: Omit<AuditInput, 'actorId' | 'at'>[];
}

/**
 * Queues one command for the push, numbered after this client's last; inside the caller's
 * transaction. A signed-in user's command is signed here, exactly as it will be pushed.
 */
export function appendOutbox(store: Store, entry: { actorId: string; name: string; args: unknown; at: string; changes: readonly RowChange[] }): void {
  const next = store.sqlite.prepare('SELECT coalesce(max(seq), 0) + 1 AS seq FROM outbox WHERE client_id = ?').get(store.clientId) as { seq: number };
  const id = randomUUID();
  const argsText = JSON.stringify(entry.args);
  const changesText = JSON.stringify(entry.changes);
  const auth = signCommand(store, { seq: next.seq, id, name: entry.name, args: JSON.parse(argsText) as unknown, actorId: entry.actorId, at: entry.at, changes: JSON.parse(changesText) as RowChange[] });
  store.sqlite
    .prepare('INSERT INTO outbox (id, client_id, seq, name, args, actor_id, created_at, changes, key_id, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(id, store.clientId, next.seq, entry.name, argsText, entry.actorId, entry.at, changesText, auth?.keyId ?? null, auth?.signature ?? null);
}

/**
 * Runs a named command (DESIGN §3): the change, its audit events and its outbox entry are
 * written in one SQLite transaction, so a crash leaves all of them or none. The capture triggers
 * note every synced row the change writes; the outbox entry carries their images for the push.
 * A command run inside another's transaction leaves the capture to the outer one, whose entry
 * then carries both commands' rows.
 */
export function runCommand<T>(store: Store, actor: Actor, name: string, args: unknown, apply: (at: string) => CommandOutcome<T>): T {
  const { sqlite } = store;
  const transaction = sqlite.transaction(() => {
    const at = new Date().toISOString();
    const outer = !isCapturing(sqlite);
    if (outer) setCapturing(sqlite, true);
    const outcome = apply(at);
    const changes = outer ? drainChanges(sqlite) : [];
    if (outer) setCapturing(sqlite, false);
    for (const event of outcome.audit) appendAudit(sqlite, { ...event, actorId: actor.id, at });
    appendOutbox(store, { actorId: actor.id, name, args, at, changes });
    return outcome.value;
  });
  return transaction.immediate();
}
