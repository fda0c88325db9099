import { z } from 'zod';

/**
 * The sync protocol between a desktop and the relay (DESIGN §3). Rows travel as images: one
 * desktop SQLite row as JSON with its snake_case columns, named by table and key (the key
 * columns' values joined by `:`).
 */

const RowData = z.record(z.string(), z.unknown());

/**
 * One row a command wrote: as it stands after the command (`data`; a delete has none), as it
 * stood before (`base`; null for a row the command created), and the ledger version the desktop
 * had seen of it (null: never seen from the relay).
 */
export const RowChange = z.discriminatedUnion('op', [
  z.object({ tbl: z.string().min(1), id: z.string().min(1), op: z.literal('upsert'), data: RowData, base: RowData.nullable(), baseVersion: z.number().int().nonnegative().nullable() }).strict(),
  z.object({ tbl: z.string().min(1), id: z.string().min(1), op: z.literal('delete'), base: RowData.nullable(), baseVersion: z.number().int().nonnegative().nullable() }).strict(),
]);
export type RowChange = z.infer<typeof RowChange>;

/**
 * Who vouches for a command (DESIGN §3, Trust): the id of the actor's signing key, which the relay
 * registered for that user on this device at an online sign-in, and the key's Ed25519 signature of
 * the command's signing text (`command-signature.ts`), base64url. The engine host's system
 * commands carry none: its device token is their proof.
 */
export const CommandAuth = z.object({ keyId: z.string().min(1).max(100), signature: z.string().min(1).max(200) }).strict();
export type CommandAuth = z.infer<typeof CommandAuth>;

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
    auth: CommandAuth.optional(),
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

/**
 * Results for the commands applied or rejected, in order. The relay takes a client's commands
 * strictly in sequence: when the batch does not start at the next one it expects (a request lost
 * or overtaken), it stops there and names it in `expectedSeq`, and the desktop pushes again from it.
 */
export interface PushResponse {
  results: PushResult[];
  expectedSeq: number;
}

/** Before an automated contact leaves, its deterministic key is claimed, so one desktop only sends it. */
export const ClaimRequest = z.object({ clientId: z.string().min(1).max(64), key: z.string().min(1).max(200) }).strict();
export type ClaimRequest = z.infer<typeof ClaimRequest>;
export interface ClaimResponse {
  /** True when this client holds the key (now or from before); another client's id is never revealed. */
  granted: boolean;
}

/**
 * Moving an existing desktop database onto an empty relay: its synced rows in pages, the last one
 * marked `final`. Refused once the ledger has been bootstrapped or holds rows.
 */
export const BootstrapRequest = z
  .object({
    rows: z.array(z.object({ tbl: z.string().min(1), id: z.string().min(1), data: RowData }).strict()).max(5_000),
    final: z.boolean(),
    /**
     * On the final page: the publishing desktop's client id and the last outbox sequence its data
     * already holds, so its next command is expected at `lastSeq + 1` rather than at 1.
     */
    client: z.object({ clientId: z.string().min(1).max(64), lastSeq: z.number().int().nonnegative() }).strict().optional(),
  })
  .strict();
export type BootstrapRequest = z.infer<typeof BootstrapRequest>;

export interface PullResponse {
  rows: LedgerRowImage[];
  /** Pass back as the next `cursor`. */
  cursor: number;
  hasMore: boolean;
  /** The ledger's newest version: how far a first sync has to go (absent from relays before it was added). */
  head?: number;
}

/** Sent over the relay's WebSocket whenever the ledger moves. */
export interface ChangedNotice {
  type: 'changed';
  version: number;
}
