import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../src-shared/errors';
import { ensureCaptureTriggers } from '../sync/capture';
import { migrationsFolder } from './migrations-folder';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;

export interface Store {
  readonly path: string;
  readonly db: Db;
  readonly sqlite: Database.Database;
  /** This store's sync identity, created with the database. */
  readonly clientId: string;
  close(): void;
}

export interface OpenStoreOptions {
  /** Path of a better-sqlite3 binary built for another runtime (Electron's ABI). */
  nativeBinding?: string;
}

/** The number of migrations this build knows; stored in `PRAGMA user_version` after migrating. */
function knownSchemaVersion(folder: string): number {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

/**
 * Opens (creating if needed) a Recourse store: WAL, foreign keys, migrations applied. A database
 * written by a newer build is refused before anything touches it, so an old app can never
 * half-understand and damage it.
 */
export function openStore(path: string, options: OpenStoreOptions = {}): Store {
  const sqlite = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    const folder = migrationsFolder();
    const known = knownSchemaVersion(folder);
    const current = sqlite.pragma('user_version', { simple: true }) as number;
    if (current > known) {
      throw new AppError('conflict', `${path} has schema version ${current}, newer than this Recourse build understands (${known}); update Recourse to open it`);
    }
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // A 64 MB page cache keeps a 100,000-loan portfolio's hot indexes in memory (the default is 2 MB).
    sqlite.pragma('cache_size = -65536');
    sqlite.pragma('temp_store = MEMORY');
    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder: folder });
    sqlite.pragma(`user_version = ${known}`);
    ensureCaptureTriggers(sqlite);
    sqlite.prepare(`INSERT OR IGNORE INTO app_meta (key, value) VALUES ('client_id', ?)`).run(randomUUID());
    const clientId = (sqlite.prepare(`SELECT value FROM app_meta WHERE key = 'client_id'`).get() as { value: string }).value;
    return { path, db, sqlite, clientId, close: () => sqlite.close() };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}
