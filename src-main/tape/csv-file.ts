import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/**
 * Reads one tape file into rows keyed by column name. A missing optional file is an empty,
 * complete file; a missing required file, a CSV syntax error or a bad header is recorded as an
 * issue and leaves the file incomplete.
 */
export function readTapeCsv(dir: string, key: TapeFileKey, issues: Issues): TapeCsv {
  const path = join(dir, tapeFileName(key));
  if (!existsSync(path)) {
    if (OPTIONAL_TAPE_FILES.includes(key)) return { rows: [], complete: true };
    issues.add(key, 0, `required file is missing from ${dir}`);
    return { rows: [], complete: false };
  }
  let records: string[][];
  try {
    records = parseCsv(readFileSync(path, 'utf8'));
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
