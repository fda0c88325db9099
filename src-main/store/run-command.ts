import { randomUUID } from 'node:crypto';
import type { Role } from '../../src-shared/roles';
import { appendAudit, type AuditInput } from './audit-log';
import type { Store } from './open-store';
import { drainChanges, isCapturing, setCapturing } from '../sync/capture';

export interface Actor {
  id: string;
  role: Role;
}

export interface CommandOutcome<T> {
  value: T;
  audit: Omit<AuditInput, 'actorId' | 'at'>[];
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
    const next = sqlite.prepare('SELECT coalesce(max(seq), 0) + 1 AS seq FROM outbox WHERE client_id = ?').get(store.clientId) as { seq: number };
    sqlite
      .prepare('INSERT INTO outbox (id, client_id, seq, name, args, actor_id, created_at, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(randomUUID(), store.clientId, next.seq, name, JSON.stringify(args), actor.id, at, JSON.stringify(changes));
    return outcome.value;
  });
  return transaction.immediate();
}
