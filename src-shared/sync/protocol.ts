import { z } from 'zod';

/**
 * The sync protocol between a desktop and the relay (DESIGN §3). Rows travel as images: one
 * desktop SQLite row as JSON with its snake_case columns, named by table and key (the key
 * columns' values joined by `:`).
 */

const RowData = z.record(z.string(), z.unknown());

/** One row a command wrote, as it stands after the command, and the ledger version it was based on. */
export const RowChange = z.discriminatedUnion('op', [
  z.object({ tbl: z.string().min(1), id: z.string().min(1), op: z.literal('upsert'), data: RowData, baseVersion: z.number().int().nonnegative().nullable() }).strict(),
  z.object({ tbl: z.string().min(1), id: z.string().min(1), op: z.literal('delete'), baseVersion: z.number().int().nonnegative().nullable() }).strict(),
]);
export type RowChange = z.infer<typeof RowChange>;

/** One outbox command: what the user asked for (name, args, actor) and the rows it wrote locally. */
export const PushedCommand = z
  .object({
    seq: z.number().int().positive(),
    id: z.string().min(1),
    name: z.string().min(1).max(100),
    args: z.unknown(),
    actorId: z.string().min(1),
    at: z.string().datetime(),
    changes: z.array(RowChange).max(10_000),
  })
  .strict();
export type PushedCommand = z.infer<typeof PushedCommand>;

export const PushRequest = z.object({ clientId: z.string().min(1).max(64), commands: z.array(PushedCommand).min(1).max(500) }).strict();
export type PushRequest = z.infer<typeof PushRequest>;

/** A row as the ledger holds it now. */
export interface LedgerRowImage {
  tbl: string;
  id: string;
  version: number;
  deleted: boolean;
  data: Record<string, unknown>;
}

/**
 * The relay's answer for one command, the same however often it is asked (idempotent by client id
 * and sequence). A rejection carries the server's rows the command touched, so the desktop puts
 * them back as the ledger has them.
 */
export type PushResult =
  | { seq: number; status: 'applied'; version: number }
  | { seq: number; status: 'rejected'; reason: string; rows: LedgerRowImage[] };

export interface PushResponse {
  results: PushResult[];
}

export interface PullResponse {
  rows: LedgerRowImage[];
  /** Pass back as the next `cursor`. */
  cursor: number;
  hasMore: boolean;
}

/** Sent over the relay's WebSocket whenever the ledger moves. */
export interface ChangedNotice {
  type: 'changed';
  version: number;
}
