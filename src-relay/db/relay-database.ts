import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/** The ledger database through drizzle, whichever driver (node-postgres or PGlite) is underneath. */
export type RelayDb = PgDatabase<PgQueryResultHKT>;
/** A transaction on it: every ledger write happens inside one. */
export type RelayTx = Parameters<Parameters<RelayDb['transaction']>[0]>[0];

/** The Postgres channel every ledger write notifies with its newest version, in the same transaction. */
export const LEDGER_CHANNEL = 'recourse_ledger';

/** The channel a device's revocation notifies with the device's id, so every relay closes its sockets at once. */
export const REVOKED_DEVICE_CHANNEL = 'recourse_device_revoked';

export interface LedgerEvents {
  /** The version of a ledger change committed by any relay on this database, this one's own included. */
  onVersion(version: number): void;
  /** A device revoked by any process on this database (the relay's CLI included). */
  onDeviceRevoked(deviceId: string): void;
}

export interface LedgerListener {
  stop(): Promise<void>;
}

export interface RelayDatabase {
  readonly kind: 'postgres' | 'pglite';
  readonly db: RelayDb;
  /** Hears ledger changes and device revocations committed by any process on this database (Postgres `LISTEN`). */
  listenForLedgerChanges(events: LedgerEvents): Promise<LedgerListener>;
  close(): Promise<void>;
}
