import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../src-shared/errors';

const WAIT_MS = 10 * 60 * 1000;
const POLL_MS = 200;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock file, or says why not: another live process holds it. A dead holder's lock is taken over. */
function tryLock(path: string): boolean {
  try {
    writeFileSync(path, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const holder = Number(readFileSync(path, 'utf8'));
  if (Number.isInteger(holder) && holder > 0 && alive(holder)) return false;
  rmSync(path, { force: true });
  return false;
}

/**
 * Runs `work` holding the replica's lock file, so a relay and an `import` run sharing a replica
 * folder (two processes on one Postgres ledger) take turns rather than fail on SQLite's lock.
 */
export async function withReplicaLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, 'lock');
  const deadline = Date.now() + WAIT_MS;
  while (!tryLock(path)) {
    if (Date.now() > deadline) throw new AppError('conflict', `another import has held the feed replica in ${dir} for over ${WAIT_MS / 60_000} minutes; try again later`);
    await sleep(POLL_MS);
  }
  try {
    return await work();
  } finally {
    rmSync(path, { force: true });
  }
}
