import type { SQL } from 'drizzle-orm';
import { openRelayDatabase } from '../../src-relay/db/open-database';
import type { RelayDatabase } from '../../src-relay/db/relay-database';
import { addDevice } from '../../src-relay/devices/device-tokens';
import { scratchPostgres } from '../../src-relay/test-support/scratch-databases';
import { startRelayProcess, type RelayProcess } from './relay-process';

export interface ScratchRelay {
  relay: RelayProcess;
  /** The same ledger opened in the bench, to register devices, seed rows and check results. */
  ledger: RelayDatabase;
  /** One device token per name asked for, in order. */
  tokens: string[];
}

/**
 * Runs `work` against a relay process on a fresh Postgres database, then stops the relay and
 * drops the database whatever happened.
 */
export async function withScratchRelay<T>(options: { devices: readonly string[]; twilioAuthToken?: string }, work: (scratch: ScratchRelay) => Promise<T>): Promise<T> {
  const database = await scratchPostgres();
  let relay: RelayProcess | undefined;
  let ledger: RelayDatabase | undefined;
  try {
    relay = await startRelayProcess({ databaseUrl: database.target.url, twilioAuthToken: options.twilioAuthToken });
    ledger = await openRelayDatabase(database.target);
    const tokens: string[] = [];
    for (const name of options.devices) tokens.push((await addDevice(ledger.db, name)).token);
    return await work({ relay, ledger, tokens });
  } finally {
    await ledger?.close();
    await relay?.stop();
    await database.drop();
  }
}

/** The rows of a query on the ledger (a Postgres one: node-postgres answers `{ rows }`). */
export async function ledgerRows<T>(ledger: RelayDatabase, query: SQL): Promise<T[]> {
  return ((await ledger.db.execute(query)) as unknown as { rows: T[] }).rows;
}
