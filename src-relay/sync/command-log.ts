import { and, asc, eq, gt, inArray, max } from 'drizzle-orm';
import type { PushResult } from '../../src-shared/sync/protocol';
import { syncCommands } from '../db/schema';
import type { RelayDb, RelayTx } from '../db/relay-database';

/** A command the relay has taken from a client, applied or rejected. */
export interface LoggedCommand {
  seq: number;
  commandId: string;
  result: PushResult;
}

export interface CommandRecord {
  clientId: string;
  deviceId: string;
  commandId: string;
  name: string;
  actorId: string;
  result: PushResult;
}

const logged = { seq: syncCommands.seq, commandId: syncCommands.commandId, result: syncCommands.result };
const asLogged = (row: { seq: number; commandId: string; result: Record<string, unknown> }): LoggedCommand => ({
  seq: Number(row.seq),
  commandId: row.commandId,
  result: row.result as unknown as PushResult,
});

/** The stored answers for these sequence numbers of one client, by seq. */
export async function loggedCommands(db: RelayDb | RelayTx, clientId: string, seqs: readonly number[]): Promise<Map<number, LoggedCommand>> {
  if (seqs.length === 0) return new Map();
  const rows = await db
    .select(logged)
    .from(syncCommands)
    .where(and(eq(syncCommands.clientId, clientId), inArray(syncCommands.seq, [...new Set(seqs)])));
  return new Map(rows.map((row) => [Number(row.seq), asLogged(row)]));
}

/** The last sequence number taken from a client; 0 before its first. */
export async function lastSeq(db: RelayDb | RelayTx, clientId: string): Promise<number> {
  const [row] = await db.select({ last: max(syncCommands.seq) }).from(syncCommands).where(eq(syncCommands.clientId, clientId));
  return Number(row?.last ?? 0);
}

export async function logCommand(tx: RelayTx, record: CommandRecord): Promise<void> {
  const { result } = record;
  await tx.insert(syncCommands).values({
    clientId: record.clientId,
    seq: result.seq,
    commandId: record.commandId,
    name: record.name,
    actorId: record.actorId,
    status: result.status,
    reason: result.status === 'rejected' ? result.reason : null,
    version: result.status === 'applied' ? result.version : null,
    result: result as unknown as Record<string, unknown>,
    deviceId: record.deviceId,
  });
}

/** Whether any client has pushed a command: the bootstrap is over once one has. */
export async function anyCommandLogged(tx: RelayTx): Promise<boolean> {
  const [row] = await tx.select({ seq: syncCommands.seq }).from(syncCommands).limit(1);
  return row !== undefined;
}

export interface Rejection {
  seq: number;
  commandId: string;
  name: string;
  actorId: string;
  reason: string;
  rows: Extract<PushResult, { status: 'rejected' }>['rows'];
  receivedAt: string;
}

/** A client's rejected commands after `afterSeq`, oldest first. */
export async function listRejections(db: RelayDb, query: { clientId: string; afterSeq: number; limit: number }): Promise<Rejection[]> {
  const rows = await db
    .select({ ...logged, name: syncCommands.name, actorId: syncCommands.actorId, receivedAt: syncCommands.receivedAt })
    .from(syncCommands)
    .where(and(eq(syncCommands.clientId, query.clientId), eq(syncCommands.status, 'rejected'), gt(syncCommands.seq, query.afterSeq)))
    .orderBy(asc(syncCommands.seq))
    .limit(query.limit);
  return rows.flatMap((row) => {
    const { result, seq, commandId } = asLogged(row);
    return result.status === 'rejected' ? [{ seq, commandId, name: row.name, actorId: row.actorId, reason: result.reason, rows: result.rows, receivedAt: row.receivedAt.toISOString() }] : [];
  });
}
