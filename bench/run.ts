import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, isoDate } from '../src-shared/dates';
import { seedDatabase } from '../src-main/demo/seed-database';
import { openStore } from '../src-main/store/open-store';
import { dpdFloorSeconds } from './dpd-floor';
import { benchQueue, benchSearch } from './queue-bench';
import { benchQueueUi } from './queue-ui';
import { timeIt } from './stats';
import { benchSync } from './sync/sync-bench';

/** `npm run bench`: seeds a 100,000-loan portfolio and measures the hot paths, then the relay and sync. */
const loans = Number(process.env.BENCH_LOANS ?? 100_000);
const asOf = isoDate('2026-11-20');
const dir = mkdtempSync(join(tmpdir(), 'recourse-bench-'));
const path = join(dir, 'bench.db');
const report: Record<string, unknown> = { loans, node: process.version };
const started = Date.now();
const progress = (message: string) => process.stderr.write(`bench ${((Date.now() - started) / 1000).toFixed(1)}s: ${message}\n`);

try {
  const store = openStore(path);
  const seeded = timeIt(() => seedDatabase(store, { loans, seed: 1, asOf, onProgress: progress }));
  store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  store.sqlite.exec('ANALYZE');
  report.seedSeconds = Math.round(seeded.ms / 100) / 10;
  report.openCases = store.sqlite.prepare('SELECT count(*) FROM cases WHERE active = 1').pluck().get();
  report.databaseMiB = Math.round((statSync(path).size / 2 ** 20) * 10) / 10;
  progress('queue and search');
  report.queueMs = benchQueue(store, 200);
  report.searchMs = benchSearch(store, 200);
  const floor = dpdFloorSeconds(store, addDays(asOf, 1));
  store.close();

  progress('daily run');
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'bench/daily-run-child.ts', path, addDays(asOf, 1)], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`daily run failed: ${child.stderr}`);
  const daily = JSON.parse(child.stdout) as { seconds: number; peakRssMiB: number };
  report.dailyRun = { seconds: daily.seconds, peakRssMiB: daily.peakRssMiB, floorSeconds: floor.seconds, ratioToFloor: Math.round((daily.seconds / floor.seconds) * 10) / 10 };

  progress('queue screen in Chromium');
  report.queueScreen = await benchQueueUi(path, progress);

  report.sync = await benchSync(path, progress);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
