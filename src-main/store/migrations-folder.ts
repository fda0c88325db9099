import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findResourceFolder } from '../app-paths/resource-folder';

/**
 * Finds the `drizzle/` folder: in a packaged app's resources (electron-builder `extraResources`),
 * else walking up from this module, which covers the TypeScript sources (tsx) and the bundled
 * main process (`out/main`).
 */
export function migrationsFolder(): string {
  const override = process.env.RECOURSE_MIGRATIONS_DIR;
  if (override) return override;
  const found = findResourceFolder('drizzle', 'meta/_journal.json', dirname(fileURLToPath(import.meta.url)));
  if (!found) throw new Error('cannot find the drizzle/ migrations folder next to the app');
  return found;
}
