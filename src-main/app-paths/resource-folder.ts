import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Finds a folder the app ships as plain files (`drizzle/`, `templates/`), recognised by a marker
 * path inside it. A packaged app (electron-builder `extraResources`) keeps them in
 * `process.resourcesPath`, which is checked first; otherwise the search walks up from `startDir`,
 * which covers the TypeScript sources (tsx) and the bundled main process (`out/main`).
 * Under plain Node, and in an unpackaged Electron whose resources are Electron's own, the first
 * check simply finds nothing.
 */
export function findResourceFolder(name: string, marker: string, startDir: string, resourcesPath = electronResourcesPath()): string | undefined {
  const holds = (candidate: string) => existsSync(join(candidate, marker));
  if (resourcesPath && holds(join(resourcesPath, name))) return join(resourcesPath, name);
  let dir = startDir;
  for (;;) {
    const candidate = join(dir, name);
    if (holds(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Electron adds `resourcesPath` to `process`; Node does not have it. */
function electronResourcesPath(): string | undefined {
  return (process as { resourcesPath?: string }).resourcesPath;
}
