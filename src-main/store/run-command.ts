import { randomUUID } from 'node:crypto';
import type { Role } from '../../src-shared/roles';
import { appendAudit, type AuditInput } from './audit-log';
import type { Store } from './open-store';

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
 * written in one SQLite transaction, so a crash leaves all of them or none.
 */
export function runCommand<T>(store: Store, actor: Actor, name: string, args: unknown, apply: (at: string) => CommandOutcome<T>): T {
  const transaction = store.sqlite.transaction(() => {
    const at = new Date().toISOString();
    const outcome = apply(at);
    for (const event of outcome.audit) appendAudit(store.sqlite, { ...event, actorId: actor.id, at });
    const next = store.sqlite.prepare('SELECT coalesce(max(seq), 0) + 1 AS seq FROM outbox WHERE client_id = ?').get(store.clientId) as { seq: number };
    store.sqlite
      .prepare('INSERT INTO outbox (id, client_id, seq, name, args, actor_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(randomUUID(), store.clientId, next.seq, name, JSON.stringify(args), actor.id, at);
    return outcome.value;
  });
  return transaction.immediate();
}
