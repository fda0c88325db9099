import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DatabaseTarget } from '../config';
import type { RelayDb } from '../db/relay-database';
import { addDevice, deviceForToken } from '../devices/device-tokens';
import { log } from '../log';

/** The SQLite replica the feed host runs the desktop's tape import on, and the device token it syncs with. */
export interface FeedReplica {
  dbPath: string;
  token: string;
}

const DEVICE_NAME = 'Core-banking feed replica';

/**
 * One replica folder per ledger: `RELAY_FEED_DIR` (default `.relay-feed`), then a folder named
 * after the ledger, so relays of different ledgers on one machine never share a replica.
 */
export function feedReplicaDir(target: DatabaseTarget, env: NodeJS.ProcessEnv = process.env): string {
  const ledger = 'url' in target ? target.url : `pglite:${resolve(target.dataDir)}`;
  return resolve(env.RELAY_FEED_DIR || '.relay-feed', createHash('sha256').update(ledger).digest('hex').slice(0, 16));
}

/**
 * The replica in `dir`, registered as an every-region device of this ledger. A token the ledger no
 * longer knows (revoked, or the ledger was recreated) means the replica may hold another ledger's
 * rows: it is deleted and a new device registered, and the next pull copies the ledger afresh.
 */
export async function feedReplica(db: RelayDb, dir: string): Promise<FeedReplica> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tokenPath = join(dir, 'device-token');
  const dbPath = join(dir, 'replica.db');
  const saved = existsSync(tokenPath) ? readFileSync(tokenPath, 'utf8').trim() : '';
  if (saved !== '' && (await deviceForToken(db, saved))) return { dbPath, token: saved };
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  const { device, token } = await addDevice(db, DEVICE_NAME, ['*']);
  writeFileSync(tokenPath, `${token}\n`, { mode: 0o600 });
  log.info('feed replica registered', { dir, deviceId: device.id });
  return { dbPath, token };
}
