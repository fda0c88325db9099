import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../src-shared/errors';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one Postgres inside one process: a second process (or a second instance in this one)
 * on the same folder would corrupt it (DESIGN §3). A pid file claims the folder; one left by a
 * process that is gone is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'relay.pid');
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number(readFileSync(file, 'utf8'));
    if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
      throw new AppError(
        'conflict',
        `RELAY_DATA_DIR ${dataDir} is in use by process ${holder}: the embedded database serves one relay process at a time. Stop it first, or set DATABASE_URL to share a Postgres.`,
        'RELAY_DATA_DIR',
      );
    }
    writeFileSync(file, String(process.pid));
  }
  return () => rmSync(file, { force: true });
}
