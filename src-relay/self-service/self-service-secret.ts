import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseTarget } from '../config';

const SECRET_FILE = 'self-service.secret';

/**
 * The key that signs borrowers' links. `RELAY_SELF_SERVICE_SECRET` wins; a PGlite relay otherwise
 * makes one in its data folder (one process serves that folder, so it is the only signer). Relays
 * sharing a Postgres must share the key, and one generated per process would refuse the others'
 * links, so there it must be set in the environment: null leaves the pages off (503).
 */
export function resolveSelfServiceSecret(fromEnv: string | undefined, database: DatabaseTarget): string | null {
  if (fromEnv) return fromEnv;
  if (!('dataDir' in database)) return null;
  const file = join(database.dataDir, SECRET_FILE);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  return readFileSync(file, 'utf8').trim();
}
