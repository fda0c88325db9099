import { parse } from 'csv-parse/sync';
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, realpathSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { Issues } from './fields';
import { OPTIONAL_TAPE_FILES, TAPE_COLUMNS, tapeFileName, type TapeFileKey } from '../../src-shared/tape-format';

export interface CsvRow {
  /** Physical line where the row starts (header = 1). */
  line: number;
  values: Record<string, string>;
}

export interface TapeCsv {
  rows: CsvRow[];
  /**
   * False when the file is missing, unreadable, has a bad header or a row with the wrong number
   * of fields: some of its keys are unknown, so a reference to a key not found cannot be called
   * wrong and is not reported (the root cause already is).
   */
  complete: boolean;
}

/** Line breaks inside quoted fields: a record spans 1 + this many physical lines. */
function innerLineBreaks(record: readonly string[]): number {
  let breaks = 0;
  for (const field of record) {
    for (let at = field.indexOf('\n'); at !== -1; at = field.indexOf('\n', at + 1)) breaks += 1;
  }
  return breaks;
}

const isBlankLine = (record: readonly string[]): boolean => record.length === 1 && record[0] === '';

/**
 * Empty lines are kept (and skipped by the caller) rather than dropped by the parser, so
 * physical line numbers can be counted without csv-parse's per-record `info`, which costs as
 * much again as the parse itself on a large tape.
 */
function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, trim: true, relax_column_count: true });
}

/** Checks the header holds exactly the tape's columns, in any order; returns them in file order when it does. */
function readHeader(key: TapeFileKey, header: string[], issues: Issues, line: number): string[] | null {
  const expected: readonly string[] = TAPE_COLUMNS[key];
  const before = issues.count;
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) issues.add(key, line, `duplicate column "${name}"`);
    else if (!expected.includes(name)) issues.add(key, line, `unknown column "${name}" (expected ${expected.join(', ')})`);
    seen.add(name);
  }
  for (const name of expected) if (!seen.has(name)) issues.add(key, line, `missing column "${name}"`);
  return issues.count === before ? header : null;
}

/** What lies at `path`, or null when nothing does; a symlink is itself, never what it points at. */
function entryAt(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * The file's text, or why it may not be read. A tape folder can come from elsewhere (an upload, a
 * shared drive): a symlink, or a file resolving outside the folder, would have the importer read
 * any file this process can and echo it back in its errors. The open refuses a link swapped in
 * after the check (O_NOFOLLOW) and never waits on a FIFO (O_NONBLOCK).
 */
function readTapeFileText(dir: string, path: string, entry: Stats): { text: string } | { refused: string } {
  if (entry.isSymbolicLink()) return { refused: 'is a symbolic link; a tape file must be a regular file in the tape folder' };
  if (!entry.isFile()) return { refused: 'is not a regular file' };
  const inFolder = relative(realpathSync(dir), realpathSync(path));
  if (inFolder.startsWith('..') || isAbsolute(inFolder)) return { refused: 'resolves outside the tape folder' };
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { refused: code === 'ELOOP' ? 'is a symbolic link; a tape file must be a regular file in the tape folder' : `could not be opened (${code ?? 'error'})` };
  }
  try {
    if (!fstatSync(fd).isFile()) return { refused: 'is not a regular file' };
    return { text: readFileSync(fd, 'utf8') };
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads one tape file into rows keyed by column name. A missing optional file is an empty,
 * complete file; a missing required file, one that is not a regular file of the folder, a CSV
 * syntax error or a bad header is recorded as an issue and leaves the file incomplete.
 */
export function readTapeCsv(dir: string, key: TapeFileKey, issues: Issues): TapeCsv {
  const path = join(dir, tapeFileName(key));
  const entry = entryAt(path);
  if (!entry) {
    if (OPTIONAL_TAPE_FILES.includes(key)) return { rows: [], complete: true };
    issues.add(key, 0, `required file is missing from ${dir}`);
    return { rows: [], complete: false };
  }
  const file = readTapeFileText(dir, path, entry);
  if ('refused' in file) {
    issues.add(key, 0, file.refused);
    return { rows: [], complete: false };
  }
  let records: string[][];
  try {
    records = parseCsv(file.text);
  } catch (error) {
    const lines = (error as { lines?: number }).lines ?? 0;
    issues.add(key, lines, `not readable as CSV: ${(error as Error).message}`);
    return { rows: [], complete: false };
  }
  let line = 1;
  let index = 0;
  // The header is the first line that is not blank.
  for (; index < records.length && isBlankLine(records[index]!); index += 1) line += 1;
  const header = records[index];
  if (!header) {
    issues.add(key, 1, `header row is missing (expected ${TAPE_COLUMNS[key].join(', ')})`);
    return { rows: [], complete: false };
  }
  const columns = readHeader(key, header, issues, line);
  if (!columns) return { rows: [], complete: false };
  line += 1 + innerLineBreaks(header);
  const rows: CsvRow[] = [];
  let complete = true;
  for (index += 1; index < records.length; index += 1) {
    const record = records[index]!;
    const start = line;
    line += 1 + innerLineBreaks(record);
    if (isBlankLine(record)) continue;
    if (record.length !== columns.length) {
      issues.add(key, start, `has ${record.length} fields, the header has ${columns.length}`);
      complete = false;
      continue;
    }
    const values: Record<string, string> = {};
    for (let column = 0; column < columns.length; column += 1) values[columns[column]!] = record[column]!;
    rows.push({ line: start, values });
  }
  return { rows, complete };
}
