import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isoDate, parseIsoDate } from '../../src-shared/dates';
import { createDesktopServices } from '../app/desktop-services';
import { runDaily } from '../engine/daily-run';
import { chromiumPdfRenderer } from '../letters/chromium-pdf-renderer';
import { log } from '../log/logger';
import { startScheduler } from '../scheduler/scheduler';
import { openStore } from '../store/open-store';

/**
 * `npm run engine-host -- --db FILE --relay URL --device-token T [--once DATE]`: the relay's
 * engine (DESIGN §3: with a relay, the relay runs the daily engine). Deployed next to the relay, it
 * keeps a full replica of the ledger, runs the scheduler's daily jobs on it with the same engine
 * the desktops use, and pushes every row a run writes as the system's `engine.dailyRun` commands;
 * desktops connected to the relay skip their own runs and receive the rows by sync. It alone sends
 * the automated contacts (dunning steps, due actions, reminders): only its device may act as the
 * system (`npm run relay -- device add --name "Engine host" --engine-host`).
 */
const { values } = parseArgs({ options: { db: { type: 'string' }, relay: { type: 'string' }, 'device-token': { type: 'string' }, once: { type: 'string' } } });
const fail = (message: string): never => {
  process.stderr.write(`engine-host: ${message}\nusage: npm run engine-host -- --db FILE --relay URL --device-token TOKEN [--once YYYY-MM-DD]\n`);
  process.exit(2);
};
if (!values.db) fail('--db is required');
if (!values.relay || !values['device-token']) fail('--relay and --device-token are required: the engine host works for a relay');
const once = values.once === undefined ? null : (parseIsoDate(values.once) ?? fail(`--once must be a date (YYYY-MM-DD), got ${values.once}`));

const dbPath = resolve(values.db!);
mkdirSync(dirname(dbPath), { recursive: true });
const store = openStore(dbPath);
let kick = (): void => undefined;
const services = createDesktopServices({
  store, secretsDir: join(dirname(dbPath), 'secrets'), letterRenderer: chromiumPdfRenderer(),
  // A finished run has queued its rows: push them now rather than at the next notice.
  broadcast: (event, payload) => {
    if (event === 'engine.progress' && (payload as { finished: boolean }).finished) kick();
  },
});
kick = () => services.sync.kick();
const status = await services.sync.configure({ relayUrl: values.relay!, deviceToken: values['device-token']! });
const synced = await services.sync.syncNow();
if (synced.state !== 'online') fail(`cannot sync with the relay: ${synced.problem ?? status.state}`);

if (once) {
  const summary = runDaily(store, isoDate(once), { push: true });
  const pushed = await services.sync.syncNow();
  process.stdout.write(`${JSON.stringify({ ...summary, pending: pushed.pending, rejected: pushed.rejected })}\n`);
  await services.close();
  store.close();
} else {
  const scheduler = startScheduler(store, () => kick(), { engineMode: () => 'host', communications: services.communications });
  log.info('engine host running', { db: dbPath, relay: values.relay, existed: existsSync(dbPath), next: scheduler.nextRuns() });
  const stop = () => {
    scheduler.stop();
    void services.close().then(() => {
      store.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
