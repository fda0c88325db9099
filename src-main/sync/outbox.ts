import type Database from 'better-sqlite3';
import type { PushedCommand, RowChange } from '../../src-shared/sync/protocol';

interface OutboxRow {
  id: string;
  seq: number;
  name: string;
  args: string;
  actor_id: string;
  created_at: string;
  changes: string | null;
  key_id: string | null;
  signature: string | null;
}

/** A command the relay refused, kept and shown until someone has seen why (DESIGN §3: never dropped). */
export interface RejectedCommand {
  seq: number;
  name: string;
  actorId: string;
  at: string;
  reason: string;
}

const toPushed = (row: OutboxRow): PushedCommand => ({
  seq: row.seq, id: row.id, name: row.name, args: JSON.parse(row.args) as unknown, actorId: row.actor_id, at: row.created_at,
  changes: row.changes === null ? [] : (JSON.parse(row.changes) as RowChange[]),
  ...(row.key_id !== null && row.signature !== null ? { auth: { keyId: row.key_id, signature: row.signature } } : {}),
});

/** This desktop's outbox as the sync client reads and settles it. */
export function outboxOf(sqlite: Database.Database, clientId: string) {
  const pending = sqlite.prepare(`SELECT id, seq, name, args, actor_id, created_at, changes, key_id, signature FROM outbox WHERE client_id = ? AND state = 'pending' ORDER BY seq LIMIT ?`);
  const settle = sqlite.prepare('UPDATE outbox SET state = ?, rejection = ?, server_version = ? WHERE client_id = ? AND seq = ?');
  return {
    /** The oldest pending commands, in the order they were made. */
    pending: (limit: number): PushedCommand[] => (pending.all(clientId, limit) as OutboxRow[]).map(toPushed),
    pendingCount: (): number => sqlite.prepare(`SELECT count(*) FROM outbox WHERE client_id = ? AND state = 'pending'`).pluck().get(clientId) as number,
    rejectedCount: (): number => sqlite.prepare(`SELECT count(*) FROM outbox WHERE client_id = ? AND state = 'rejected'`).pluck().get(clientId) as number,
    applied: (seq: number, version: number) => settle.run('applied', null, version, clientId, seq),
    rejected: (seq: number, reason: string) => settle.run('rejected', reason, null, clientId, seq),
    rejections: (): RejectedCommand[] =>
      sqlite
        .prepare(`SELECT seq, name, actor_id AS actorId, created_at AS at, rejection AS reason FROM outbox WHERE client_id = ? AND state = 'rejected' ORDER BY seq DESC LIMIT 500`)
        .all(clientId) as RejectedCommand[],
  };
}
