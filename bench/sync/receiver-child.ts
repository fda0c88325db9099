import type { SyncStatus } from '../../src-shared/contract';
import { benchDesktop } from './bench-desktop';

/** What the receiving desktop tells the bench; times are `process.hrtime` in ms, one clock for every process on the machine. */
export type ReceiverMessage =
  | { type: 'ready'; rows: number }
  | { type: 'pulling'; at: number }
  | { type: 'seen'; id: string; at: number };

/**
 * The desktop that receives in the propagation bench, in a process of its own as it would be on
 * another machine: initial sync, then it watches its SQLite every millisecond and reports each new
 * activity with the moment it became visible, until the bench sends 'stop'.
 * Usage: bench/sync/receiver-child.ts RELAY_URL DEVICE_TOKEN (IPC only).
 */
const [relayUrl, deviceToken] = process.argv.slice(2) as [string, string];
const now = () => Number(process.hrtime.bigint()) / 1e6;
const send = (message: ReceiverMessage) => process.send!(message);

const desktop = benchDesktop({
  // A cycle starting is the moment the relay's notice reached this desktop.
  onEvent(event, payload) {
    if (event === 'sync.status' && (payload as SyncStatus).state === 'syncing') send({ type: 'pulling', at: now() });
  },
});
await desktop.services.sync.configure({ relayUrl, deviceToken });
const status = await desktop.services.sync.syncNow();
if (status.state !== 'online') throw new Error(`the receiving desktop's initial sync ended ${status.state}: ${status.problem ?? ''}`);

const newActivities = desktop.store.sqlite.prepare('SELECT rowid, id FROM activities WHERE rowid > ? ORDER BY rowid');
let lastRowid = desktop.store.sqlite.prepare('SELECT coalesce(max(rowid), 0) FROM activities').pluck().get() as number;
const watch = setInterval(() => {
  const at = now();
  for (const row of newActivities.all(lastRowid) as { rowid: number; id: string }[]) {
    lastRowid = row.rowid;
    send({ type: 'seen', id: row.id, at });
  }
}, 1);
send({ type: 'ready', rows: desktop.store.sqlite.prepare('SELECT count(*) FROM sync_versions').pluck().get() as number });

process.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(watch);
  void desktop.close().finally(() => process.disconnect());
});
