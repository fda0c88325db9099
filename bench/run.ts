import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isoDate } from '../src-shared/dates';
import { seedDatabase } from '../src-main/demo/seed-database';
import { openStore } from '../src-main/store/open-store';
import { benchQueue, benchSearch } from './queue-bench';
import { timeIt } from './stats';

/** `npm run bench`: seeds a 100,000-loan portfolio and measures the hot paths. */
const loans = Number(process.env.BENCH_LOANS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'recourse-bench-'));
const path = join(dir, 'bench.db');
const report: Record<string, unknown> = { loans, node: process.version };

try {
  const store = openStore(path);
  const seeded = timeIt(() => seedDatabase(store, { loans, seed: 1, asOf: isoDate('2026-11-20') }));
  store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  store.sqlite.exec('ANALYZE');
  report.seedSeconds = Math.round(seeded.ms / 100) / 10;
  report.openCases = store.sqlite.prepare('SELECT count(*) FROM cases WHERE active = 1').pluck().get();
  report.databaseMiB = Math.round((statSync(path).size / 2 ** 20) * 10) / 10;
  report.queueMs = benchQueue(store, 200);
  report.searchMs = benchSearch(store, 200);
  store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
