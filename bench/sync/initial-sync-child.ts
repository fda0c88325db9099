import type { SyncStatus } from '../../src-shared/contract';
import { benchDesktop } from './bench-desktop';

/** What this child tells the bench over IPC. */
export type InitialSyncMessage =
  | { type: 'progress'; rows: number }
  | { type: 'result'; rows: number; seconds: number; cpuSeconds: number; rssBeforeMiB: number; peakRssMiB: number };

/**
 * A fresh, empty desktop in a process of its own, so its peak memory and event loop are its own:
 * from saving the relay settings to the end of its first `syncNow()`.
 * Usage: bench/sync/initial-sync-child.ts RELAY_URL DEVICE_TOKEN (IPC only).
 */
const [relayUrl, deviceToken] = process.argv.slice(2) as [string, string];
const send = (message: InitialSyncMessage) => process.send!(message);
const PROGRESS_EVERY = 250_000;
let reported = 0;

const desktop = benchDesktop({
  onEvent(event, payload) {
    const rows = event === 'sync.status' ? (payload as SyncStatus).initialSync?.rows : undefined;
    if (rows !== undefined && rows >= reported + PROGRESS_EVERY) send({ type: 'progress', rows: (reported = rows) });
  },
});
try {
  const rssBefore = process.memoryUsage.rss();
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  await desktop.services.sync.configure({ relayUrl, deviceToken });
  const status = await desktop.services.sync.syncNow();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  if (status.state !== 'online' || status.problem !== null) throw new Error(`the initial sync ended ${status.state}: ${status.problem ?? ''}`);
  const rows = desktop.store.sqlite.prepare('SELECT count(*) FROM sync_versions').pluck().get() as number;
  send({
    type: 'result', rows, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6,
    rssBeforeMiB: Math.round(rssBefore / 2 ** 20), peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  });
} finally {
  await desktop.close();
  process.disconnect();
}
