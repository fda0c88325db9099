import type { DatabaseTarget } from '../config';
import { openPgliteDatabase } from './pglite-database';
import { openPostgresDatabase } from './postgres-database';
import type { RelayDatabase } from './relay-database';

/** Opens the ledger and brings its schema up to date before anything reads it. */
export function openRelayDatabase(target: DatabaseTarget): Promise<RelayDatabase> {
  return 'url' in target ? openPostgresDatabase(target.url) : openPgliteDatabase(target.dataDir);
}
