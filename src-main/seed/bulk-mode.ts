import type Database from 'better-sqlite3';
import { STAGED_TABLES } from './statements';

/** Page cache while seeding (KiB). Larger is slower here: the random-key work is staged away. */
const SEED_CACHE_KIB = 65_536;

/**
 * Runs `work` with the connection tuned for one large write, then restores every setting:
 * - a 64 MiB page cache;
 * - temporary storage on disk when the connection has no temp objects (changing `temp_store`
 *   drops them): the staging tables and sorts of a 100k-loan seed would otherwise take over
 *   a gigabyte of memory;
 * - no per-row foreign-key lookups: the seed writes every row after the rows it references
 *   (the seed tests run `foreign_key_check`);
 * - a rollback journal instead of WAL when this is the only connection, so the pages of a
 *   fresh store are written once instead of to the WAL and again at the checkpoint. The
 *   transaction stays atomic; WAL comes back afterwards.
 */
export function withBulkSettings<T>(sqlite: Database.Database, work: () => T): T {
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  const foreignKeys = sqlite.pragma('foreign_keys', { simple: true }) as number;
  const journal = String(sqlite.pragma('journal_mode', { simple: true }));
  const tempStore = sqlite.pragma('temp_store', { simple: true }) as number;
  const tempObjects = sqlite.prepare('SELECT count(*) FROM temp.sqlite_master').pluck().get() as number;
  const tempToFile = tempStore !== 1 && tempObjects === 0;
  if (tempToFile) sqlite.pragma('temp_store = FILE');
  sqlite.pragma(`cache_size = -${SEED_CACHE_KIB}`);
  sqlite.pragma('foreign_keys = OFF');
  let switched = false;
  if (journal === 'wal' && !sqlite.inTransaction) {
    try {
      switched = String(sqlite.pragma('journal_mode = TRUNCATE', { simple: true })) === 'truncate';
    } catch {
      switched = false; // another connection holds the database: stay in WAL
    }
  }
  try {
    return work();
  } finally {
    if (switched) sqlite.pragma(`journal_mode = ${journal}`);
    sqlite.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
    sqlite.pragma(`cache_size = ${cacheSize}`);
    if (tempToFile) sqlite.pragma(`temp_store = ${tempStore}`);
  }
}

/** Indexes of the tables written directly that no trigger reads, built after the rows too. */
const DEFERRED_INDEXES = ['phones_e164_idx', 'borrowers_name_idx'] as const;
/**
 * Refreshes the search row of the borrower's loans when a phone is added. The seed writes a
 * borrower's phones before their loans, so it never has anything to refresh (the loan insert
 * trigger reads the phones), yet each firing scans the FTS table: dropped while seeding.
 */
const DEFERRED_TRIGGERS = ['loan_search_after_phone_insert'] as const;

/**
 * Drops the secondary indexes of the staged tables, the deferred indexes and triggers, and
 * returns a function that recreates them from their exact stored SQL. Call both inside the
 * seeding transaction: building an index over the finished rows is far cheaper than millions of
 * random-key index inserts, and a failure rolls everything back.
 */
export function deferIndexes(sqlite: Database.Database): () => void {
  const list = (items: readonly string[]): string => items.map(() => '?').join(', ');
  const tables = [...STAGED_TABLES];
  const objects = sqlite
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND (
         (type = 'index' AND (tbl_name IN (${list(tables)}) OR name IN (${list(DEFERRED_INDEXES)})))
         OR (type = 'trigger' AND name IN (${list(DEFERRED_TRIGGERS)}))
       ) ORDER BY type, name`,
    )
    .all(...tables, ...DEFERRED_INDEXES, ...DEFERRED_TRIGGERS) as { type: 'index' | 'trigger'; name: string; sql: string }[];
  for (const object of objects) sqlite.exec(`DROP ${object.type === 'index' ? 'INDEX' : 'TRIGGER'} "${object.name.replaceAll('"', '""')}"`);
  return () => {
    for (const object of objects) sqlite.exec(object.sql);
  };
}
