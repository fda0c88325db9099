import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isoDate } from '../src-shared/dates';
import { seedDatabase } from '../src-main/demo/seed-database';
import { openStore, type Store } from '../src-main/store/open-store';

export const TEST_AS_OF = isoDate('2026-11-20');

/** A real SQLite file in a fresh temp folder; `cleanup` closes and deletes it. */
export function tempStore(): { store: Store; dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'recourse-test-'));
  const store = openStore(join(dir, 'test.db'));
  return { store, dir, cleanup: () => { store.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** A temp store seeded with the demo portfolio, as after the daily run. */
export function seededStore(loans = 120): ReturnType<typeof tempStore> {
  const temp = tempStore();
  seedDatabase(temp.store, { loans, seed: 7, asOf: TEST_AS_OF });
  return temp;
}

/** Row counts of every table, to prove a refused call wrote nothing. */
export function tableCounts(store: Store): Record<string, number> {
  const tables = store.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'loan_search_%'`).pluck().all() as string[];
  return Object.fromEntries(tables.map((table) => [table, store.sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number]));
}
