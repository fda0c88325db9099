import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTape } from '../../tests-support/tape-builder';
import { tableCounts, tempStore } from '../../tests-support/temp-store';
import { readTapeCsv } from './csv-file';
import { Issues } from './fields';
import { importTape, TapeError } from './import-tape';
import { writeTape } from './write-tape';

describe('readTapeCsv: only regular files inside the tape folder', () => {
  let work: string;
  let tapeDir: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'recourse-tape-read-'));
    tapeDir = join(work, 'tape');
    writeTape(tapeDir, buildTape([{ account: 'SYM-1', installments: 2 }]));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  const issuesReading = (key: 'borrowers' | 'loans') => {
    const issues = new Issues();
    const read = readTapeCsv(tapeDir, key, issues);
    return { read, issues: issues.format() };
  };
  const replaceWithSymlink = (file: string, target: string) => {
    unlinkSync(join(tapeDir, file));
    symlinkSync(target, join(tapeDir, file));
  };

  it('refuses borrowers.csv that is a symlink to /etc/hostname, saying nothing of what it points at', () => {
    replaceWithSymlink('borrowers.csv', '/etc/hostname');
    expect(issuesReading('borrowers')).toEqual({ read: { rows: [], complete: false }, issues: ['borrowers.csv: is a symbolic link; a tape file must be a regular file in the tape folder'] });
  });

  it('refuses a symlink even to another file of the same folder, and a folder in a file’s place', () => {
    writeFileSync(join(work, 'elsewhere.csv'), 'account_number\nSECRET-1\n');
    replaceWithSymlink('loans.csv', join(work, 'elsewhere.csv'));
    expect(issuesReading('loans').issues).toEqual(['loans.csv: is a symbolic link; a tape file must be a regular file in the tape folder']);
    unlinkSync(join(tapeDir, 'borrowers.csv'));
    mkdirSync(join(tapeDir, 'borrowers.csv'));
    expect(issuesReading('borrowers').issues).toEqual(['borrowers.csv: is not a regular file']);
  });

  it('makes the whole import refuse the tape, writing nothing', () => {
    replaceWithSymlink('borrowers.csv', '/etc/hostname');
    const temp = tempStore();
    try {
      const before = tableCounts(temp.store);
      let refused: unknown;
      try {
        importTape(temp.store, tapeDir);
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(TapeError);
      expect((refused as TapeError).errors).toContain('borrowers.csv: is a symbolic link; a tape file must be a regular file in the tape folder');
      expect((refused as TapeError).errors.some((line) => line.includes('unknown column'))).toBe(false);
      expect(tableCounts(temp.store)).toEqual(before);
    } finally {
      temp.cleanup();
    }
  });
});
