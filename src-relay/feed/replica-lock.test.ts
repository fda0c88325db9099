import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withReplicaLock } from './replica-lock';

describe('the feed replica lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'recourse-replica-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lets one holder work at a time and frees the replica after a failure', async () => {
    const spans: [number, number][] = [];
    const hold = async () => {
      const start = performance.now();
      await sleep(150);
      spans.push([start, performance.now()]);
    };
    const failing = withReplicaLock(dir, async () => {
      await hold();
      throw new Error('import crashed');
    });
    await expect(Promise.all([failing, withReplicaLock(dir, hold), withReplicaLock(dir, hold)])).rejects.toThrow('import crashed');
    await until(() => spans.length === 3);
    spans.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
    expect(existsSync(join(dir, 'lock'))).toBe(false);
  });

  it('takes over a lock left by a process that is gone', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(join(dir, 'lock'), gone);
    await expect(withReplicaLock(dir, async () => 'imported')).resolves.toBe('imported');
  });
});

async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await sleep(10);
}
