import { sql } from 'drizzle-orm';
import { createRelayClient } from '../../src-main/sync/relay-client';
import { publishToRelay } from '../../src-main/sync/publish';
import { openStore } from '../../src-main/store/open-store';
import { forkBenchChild } from './bench-child';
import type { InitialSyncMessage } from './initial-sync-child';
import { postgresCpu, postgresCpuSince } from './process-usage';
import { ledgerRows, withScratchRelay } from './scratch-relay';

const round1 = (n: number) => Math.round(n * 10) / 10;
const PROGRESS_EVERY = 250_000;

/**
 * Publishes the bench's seeded database to a relay process on a fresh Postgres database, then
 * times a fresh desktop's first sync from it. Each phase reports where its CPU went: the relay
 * process, the Postgres server, and the desktop (the bench for publishing, its own process for the
 * initial sync); wall time beyond their sum is waiting.
 */
export async function benchInitialSync(path: string, progress: (message: string) => void) {
  return withScratchRelay({ devices: ['bench publisher', 'bench fresh desktop'] }, async ({ relay, ledger, tokens }) => {
    progress('publishing the portfolio to the relay');
    const store = openStore(path);
    let relayCpu = relay.usage().cpuSeconds;
    let postgres = postgresCpu();
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    let reported = 0;
    let published: { rows: number };
    try {
      published = await publishToRelay(store, createRelayClient(relay.url, tokens[0]!), (rows) => {
        if (rows >= reported + PROGRESS_EVERY) progress(`published ${(reported = rows)} rows`);
      });
    } finally {
      store.close();
    }
    const publishSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpuSpent = process.cpuUsage(cpu);
    const publish = {
      rows: published.rows,
      seconds: round1(publishSeconds),
      rowsPerSecond: Math.round(published.rows / publishSeconds),
      cpuSeconds: { desktop: round1((cpuSpent.user + cpuSpent.system) / 1e6), relay: round1(relay.usage().cpuSeconds - relayCpu), postgres: postgresCpuSince(postgres) },
    };
    const [size] = await ledgerRows<{ bytes: string }>(ledger, sql`SELECT pg_database_size(current_database()) AS bytes`);

    // Postgres plans the pull by its statistics of the ledger; right after a bulk load they may not exist yet.
    const [statistics] = await ledgerRows<{ analyzed: boolean; modified: string }>(ledger, sql`
      SELECT greatest(last_analyze, last_autoanalyze) IS NOT NULL AS analyzed, n_mod_since_analyze AS modified FROM pg_stat_user_tables WHERE relname = 'ledger_rows'`);

    progress(`initial sync of ${published.rows} rows to a fresh desktop`);
    relayCpu = relay.usage().cpuSeconds;
    postgres = postgresCpu();
    const child = forkBenchChild<InitialSyncMessage>('bench/sync/initial-sync-child.ts', [relay.url, tokens[1]!], (message) => {
      if (message.type === 'progress') progress(`synced ${message.rows} rows`);
    });
    try {
      const result = await child.next((message) => message.type === 'result', 3 * 60 * 60_000);
      await child.exited;
      if (result.rows !== published.rows) throw new Error(`the fresh desktop holds ${result.rows} synced rows, the relay was given ${published.rows}`);
      return {
        publish,
        ledgerMiB: Math.round(Number(size!.bytes) / 2 ** 20),
        ledgerStatisticsAtSync: { analyzed: statistics?.analyzed ?? false, rowsModifiedSinceAnalyze: Number(statistics?.modified ?? 0) },
        relayPeakRssMiB: relay.usage().peakRssMiB,
        initialSync: {
          rows: result.rows,
          seconds: round1(result.seconds),
          rowsPerSecond: Math.round(result.rows / result.seconds),
          peakRssMiB: result.peakRssMiB,
          rssBeforeMiB: result.rssBeforeMiB,
          cpuSeconds: { desktop: round1(result.cpuSeconds), relay: round1(relay.usage().cpuSeconds - relayCpu), postgres: postgresCpuSince(postgres) },
        },
      };
    } finally {
      child.kill();
    }
  });
}
