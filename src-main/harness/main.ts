import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { seedDatabase, todayUtc } from '../demo/seed-database';
import { log } from '../log/logger';
import { createDesktopServices, type DesktopServices } from '../app/desktop-services';

import { chromiumPdfRenderer } from '../letters/chromium-pdf-renderer';
import { startScheduler } from '../scheduler/scheduler';
import { openStore } from '../store/open-store';
import { startHarness } from './harness-server';
import { sandboxReplies } from './sandbox-replies';

/**
 * `npm run start:web -- [--port N] [--db FILE] [--relay URL --device-token T]`: the browser harness. Without --db it uses (and on
 * first start creates) a demo database of 200 loans under .recourse-data/.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5180' }, db: { type: 'string' }, host: { type: 'string', default: '127.0.0.1' }, relay: { type: 'string' }, 'device-token': { type: 'string' },
    // Lets a test script a borrower's reply through the sandbox carrier (POST /__sandbox/reply).
    'sandbox-replies': { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`--port must be a port number, got ${values.port}\n`);
  process.exit(2);
}
const rendererDir = join(repoRoot, 'out', 'renderer');
if (!existsSync(join(rendererDir, 'index.html'))) {
  process.stderr.write(`the renderer is not built (${rendererDir}); run npm run build first\n`);
  process.exit(1);
}
const dbPath = values.db ?? join(repoRoot, '.recourse-data', 'demo.db');
const fresh = !existsSync(dbPath);
mkdirSync(dirname(dbPath), { recursive: true });
const store = openStore(dbPath);
if (fresh) {
  log.info('creating the demo database', { path: dbPath });
  seedDatabase(store, { loans: 200, seed: 1, asOf: todayUtc() });
}
let services: DesktopServices | undefined;
const harness = await startHarness({
  rendererDir, port, host: values.host,
  createDispatch: (broadcast) => (services = createDesktopServices({ store, secretsDir: join(dirname(dbPath), 'secrets'), letterRenderer: chromiumPdfRenderer(), broadcast })).dispatch,
  ...(values['sandbox-replies'] ? { routes: (request, response) => sandboxReplies(services!.communications)(request, response) } : {}),
});
const { communications } = services!;
// --relay and --device-token connect this desktop to a relay, as an admin would in Settings.
if (values.relay && values['device-token']) await services!.sync.configure({ relayUrl: values.relay, deviceToken: values['device-token'] });
else services!.start();
// Connected to a relay, the relay's engine host runs the daily engine; alone, this desktop does.
const scheduler = startScheduler(store, harness.broadcast, { communications, engineMode: () => (services!.sync.status().state === 'local' ? 'local' : 'relay') });
process.stdout.write(`Recourse is running at ${harness.url} (database ${dbPath})\n`);
const stop = () => {
  scheduler.stop();
  void Promise.all([harness.close(), services!.close()]).then(() => {
    store.close();
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
