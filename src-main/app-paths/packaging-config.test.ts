import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';

/**
 * What can be checked of `npm run package` without downloading Electron: electron-builder loads
 * and validates electron-builder.yml with its own schema, and the rules the packaged app relies
 * on (targets, shipped folders, native module outside app.asar) are in it.
 */
const root = resolve(import.meta.dirname, '../..');

async function loadConfig(): Promise<Configuration> {
  return getConfig(root, null, null);
}

function targetsOf(platform: Configuration['linux'] | Configuration['win'] | Configuration['mac']): unknown {
  return platform?.target;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    const config = await loadConfig();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is rejected by that validation when a key is misspelt, so the check above means something', async () => {
    const config = await loadConfig();
    const broken = { ...config, linux: { ...config.linux, categroy: 'Office' } } as Configuration;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/Invalid configuration object/);
  });

  it('builds AppImage and deb on Linux, NSIS on Windows and dmg on macOS', async () => {
    const config = await loadConfig();
    expect(config.productName).toBe('Recourse');
    expect(config.appId).toMatch(/^[a-z0-9.]+$/);
    expect(targetsOf(config.linux)).toEqual(['AppImage', 'deb']);
    expect(config.linux?.category).toBe('Office;Finance');
    expect(config.linux?.maintainer).toMatch(/<.+@.+>/);
    expect(targetsOf(config.win)).toEqual(['nsis']);
    expect(targetsOf(config.mac)).toEqual(['dmg']);
    expect(config.mac?.category).toBe('public.app-category.finance');
    expect(config.artifactName).toContain('${version}');
  });

  it('ships the electron-vite output and the package manifest whose main points into it', async () => {
    const config = await loadConfig();
    // getConfig normalises the YAML list into one filter set.
    expect(config.files).toEqual([{ filter: ['out/**/*', 'package.json'] }]);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(manifest.main.startsWith('out/')).toBe(true);
  });

  it('ships drizzle/ and templates/ as resources, as the runtime lookup expects them', async () => {
    const config = await loadConfig();
    expect(config.extraResources).toEqual([
      { from: 'drizzle', to: 'drizzle' },
      { from: 'templates', to: 'templates' },
    ]);
    expect(existsSync(join(root, 'drizzle', 'meta', '_journal.json'))).toBe(true);
    expect(existsSync(join(root, 'templates', 'en'))).toBe(true);
  });

  it('keeps better-sqlite3 outside app.asar and leaves the Electron rebuild to npm run package', async () => {
    const config = await loadConfig();
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**/*');
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(false);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; devDependencies: Record<string, string> };
    expect(manifest.scripts.package).toBe('node scripts/package.mjs');
    expect(manifest.devDependencies['electron-builder']).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
