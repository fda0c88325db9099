import { createHash, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';

export interface AuditInput {
  type: string;
  entityType: string;
  entityId: string;
  actorId: string;
  at: string;
  payload: unknown;
}

const GENESIS = '0'.repeat(64);

function hashOf(prevHash: string, event: AuditInput, id: string, payload: string): string {
  return createHash('sha256')
    .update([prevHash, id, event.type, event.entityType, event.entityId, event.actorId, event.at, payload].join('\u001f'))
    .digest('hex');
}

/** Appends to the hash-chained audit log. Call inside the transaction that made the change. */
export function appendAudit(sqlite: Database.Database, event: AuditInput): void {
  const last = sqlite.prepare('SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined;
  const prevHash = last?.hash ?? GENESIS;
  const id = randomUUID();
  const payload = JSON.stringify(event.payload ?? null);
  sqlite
    .prepare('INSERT INTO audit_events (id, type, entity_type, entity_id, actor_id, at, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(id, event.type, event.entityType, event.entityId, event.actorId, event.at, payload, prevHash, hashOf(prevHash, event, id, payload));
}

/** Recomputes the chain; returns the seq of the first broken link, or null when intact. */
export function verifyAuditChain(sqlite: Database.Database): number | null {
  let prevHash = GENESIS;
  const rows = sqlite.prepare('SELECT * FROM audit_events ORDER BY seq').iterate() as IterableIterator<{
    seq: number; id: string; type: string; entity_type: string; entity_id: string; actor_id: string; at: string; payload: string; prev_hash: string; hash: string;
  }>;
  for (const row of rows) {
    const event: AuditInput = { type: row.type, entityType: row.entity_type, entityId: row.entity_id, actorId: row.actor_id, at: row.at, payload: null };
    if (row.prev_hash !== prevHash || row.hash !== hashOf(prevHash, event, row.id, row.payload)) return row.seq;
    prevHash = row.hash;
  }
  return null;
}
