import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the `drizzle/` folder by walking up from this module, which works from the TypeScript
 * sources (tsx), the bundled main process (`out/main`) and a packaged app's resources.
 */
export function migrationsFolder(): string {
  const override = process.env.RECOURSE_MIGRATIONS_DIR;
  if (override) return override;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'drizzle');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the drizzle/ migrations folder next to the app');
    dir = parent;
  }
}
