import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createRelayClient } from '../sync/relay-client';
import { createSyncSession } from '../sync/sync-session';
import { openStore } from '../store/open-store';
import { TapeError } from '../tape/import-tape';
import { tapeChanges } from './tape-changes';

/**
 * `tsx src-main/feed-host/main.ts --db FILE --relay URL --dir DIR --out FILE` with the replica's
 * device token in `FEED_DEVICE_TOKEN` (or `--device-token T`):
 * the desktop half of the relay's core-banking feed (src-relay/feed). The relay may not import
 * desktop code (DESIGN §1), so it runs this beside itself, as it would the engine host: bring the
 * replica in `--db` up to the ledger, run the desktop's tape import on it and write to `--out`,
 * one JSON value a line, either `{ ok: true, summary }` followed by each row change for the relay
 * to apply in one transaction, or `{ ok: false, errors }` (every `file:line: why`). Lines rather
 * than one document, since a whole book's changes outgrow the longest string JavaScript can hold.
 * Meanwhile it reports the import's progress on stdout, one `{ progress }` JSON value a line.
 * Anything else is a crash: non-zero exit.
 */
const { values } = parseArgs({ options: { db: { type: 'string' }, relay: { type: 'string' }, 'device-token': { type: 'string' }, dir: { type: 'string' }, out: { type: 'string' } } });
const { db, relay, dir, out } = values;
const token = values['device-token'] ?? process.env.FEED_DEVICE_TOKEN;
if (!db || !relay || !token || !dir || !out) {
  process.stderr.write('feed-host: usage: --db FILE --relay URL --dir DIR --out FILE, the token in FEED_DEVICE_TOKEN or --device-token\n');
  process.exit(2);
}

const dbPath = resolve(db);
mkdirSync(dirname(dbPath), { recursive: true });
const store = openStore(dbPath);
try {
  await createSyncSession(store, createRelayClient(relay, token)).pull();
  let lines: Iterable<unknown>;
  try {
    const { summary, changes } = tapeChanges(store, resolve(dir), { onProgress: (progress) => writeSync(1, `${JSON.stringify({ progress })}\n`) });
    lines = [{ ok: true, summary }, ...changes];
  } catch (error) {
    if (!(error instanceof TapeError)) throw error;
    lines = [{ ok: false, errors: error.errors }];
  }
  const file = openSync(out, 'w');
  try {
    for (const line of lines) writeSync(file, `${JSON.stringify(line)}\n`);
  } finally {
    closeSync(file);
  }
} finally {
  store.close();
}
