import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { AppError } from '../../src-shared/errors';
import type { RelayDb } from './relay-database';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle-relay', import.meta.url));

/** Key of the session-level advisory lock that lets one relay at a time migrate a shared Postgres. */
export const MIGRATION_LOCK_SQL = `SELECT pg_advisory_lock(hashtext('recourse.relay.migrations'))`;

function newestKnownMigration(): number {
  const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((entry) => entry.when));
}

/**
 * Migrations only move forward: a database already migrated by a newer relay is refused rather
 * than served with a schema this code does not know.
 */
export async function assertNotNewerThanCode(db: RelayDb): Promise<void> {
  const result = await db.execute(sql`SELECT max(created_at) AS newest FROM drizzle.__drizzle_migrations`);
  const newest = Number((result as unknown as { rows: { newest: string | number | null }[] }).rows[0]?.newest ?? 0);
  if (newest > newestKnownMigration()) {
    throw new AppError('conflict', 'The ledger database was migrated by a newer relay than this one; upgrade this relay before starting it.');
  }
}
