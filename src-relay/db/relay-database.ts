import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/** The ledger database through drizzle, whichever driver (node-postgres or PGlite) is underneath. */
export type RelayDb = PgDatabase<PgQueryResultHKT>;
/** A transaction on it: every ledger write happens inside one. */
export type RelayTx = Parameters<Parameters<RelayDb['transaction']>[0]>[0];

/** The Postgres channel every ledger write notifies with its newest version, in the same transaction. */
export const LEDGER_CHANNEL = 'recourse_ledger';

export interface LedgerListener {
  stop(): Promise<void>;
}

export interface RelayDatabase {
  readonly kind: 'postgres' | 'pglite';
  readonly db: RelayDb;
  /**
   * Calls `onVersion` with the version of each ledger change committed by any relay on this
   * database (Postgres `LISTEN`), including this one's own.
   */
  listenForLedgerChanges(onVersion: (version: number) => void): Promise<LedgerListener>;
  close(): Promise<void>;
}
