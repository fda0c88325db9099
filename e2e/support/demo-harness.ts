import { test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoDatabase } from './demo-cases';
import { startHarness, type RunningHarness } from './harness';

/**
 * A spec file's harness on its own demo database, started before its tests and stopped after them,
 * so each spec states only how it shapes the database (`prepare`, run on the seeded file before the
 * harness opens it) instead of repeating the temp folder, seeding and cleanup. The getters read the
 * harness, database and folder once `beforeAll` has run.
 */
export function useDemoHarness(
  name: string,
  options: { prepare?: (dbPath: string) => void; harness?: Omit<NonNullable<Parameters<typeof startHarness>[0]>, 'dbPath'> } = {},
): { readonly harness: RunningHarness; readonly dbPath: string; readonly dir: string } {
  let dir: string | undefined;
  let dbPath: string | undefined;
  let harness: RunningHarness | undefined;
  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `recourse-${name}-e2e-`));
    dbPath = join(dir, 'demo.db');
    seedDemoDatabase(dbPath);
    options.prepare?.(dbPath);
    harness = await startHarness({ ...options.harness, dbPath });
  });
  test.afterAll(async () => {
    await harness?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    get harness() {
      return harness!;
    },
    get dbPath() {
      return dbPath!;
    },
    get dir() {
      return dir!;
    },
  };
}
