import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findResourceFolder } from './resource-folder';

/** Lays out a fake install: a source-like tree and a packaged `resources/` with app.asar's path inside. */
function layout() {
  const root = mkdtempSync(join(tmpdir(), 'recourse-resources-'));
  const resources = join(root, 'resources');
  const asarMain = join(resources, 'app.asar', 'out', 'main');
  mkdirSync(asarMain, { recursive: true });
  const put = (folder: string) => {
    mkdirSync(join(folder, 'meta'), { recursive: true });
    writeFileSync(join(folder, 'meta', '_journal.json'), '{}');
  };
  return { root, resources, asarMain, put };
}

describe('findResourceFolder', () => {
  it('prefers the packaged app’s resources folder over anything found walking up', () => {
    const { root, resources, asarMain, put } = layout();
    put(join(resources, 'drizzle'));
    put(join(root, 'drizzle'));
    expect(findResourceFolder('drizzle', 'meta/_journal.json', asarMain, resources)).toBe(join(resources, 'drizzle'));
  });

  it('walks up from the module when the resources folder does not hold it (tsx, out/main, unpackaged Electron)', () => {
    const { root, resources, put } = layout();
    const sources = join(root, 'src-main', 'store');
    mkdirSync(sources, { recursive: true });
    put(join(root, 'drizzle'));
    expect(findResourceFolder('drizzle', 'meta/_journal.json', sources, resources)).toBe(join(root, 'drizzle'));
    expect(findResourceFolder('drizzle', 'meta/_journal.json', sources, undefined)).toBe(join(root, 'drizzle'));
  });

  it('ignores a folder of the right name that lacks the marker', () => {
    const { root, resources, asarMain, put } = layout();
    mkdirSync(join(resources, 'templates'), { recursive: true });
    put(join(root, 'templates'));
    mkdirSync(join(root, 'templates', 'en'));
    expect(findResourceFolder('templates', 'en', asarMain, resources)).toBe(join(root, 'templates'));
  });

  it('returns undefined when no folder holds the marker', () => {
    const { asarMain, resources } = layout();
    expect(findResourceFolder('drizzle', 'meta/_journal.json', asarMain, resources)).toBeUndefined();
  });
});
