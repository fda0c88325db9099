import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Issues } from './fields';
import { OPTIONAL_TAPE_FILES, TAPE_COLUMNS, tapeFileName, type TapeFileKey } from './tape-format';

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

interface ParsedRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

/** Line breaks inside the record itself (quoted multi-line fields), not the blank lines skipped before it. */
function innerLineBreaks(raw: string): number {
  const body = raw.replace(/^(?:\r?\n)+/, '').replace(/\r?\n$/, '');
  return body.split('\n').length - 1;
}

function parseCsv(text: string): ParsedRecord[] {
  // With `info` and `raw` each record comes wrapped with its line and source text; the typings
  // only describe plain records.
  return parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true, raw: true }) as unknown as ParsedRecord[];
}

/** Checks the header holds exactly the tape's columns, in any order; returns column positions when it does. */
function readHeader(key: TapeFileKey, header: string[], issues: Issues): string[] | null {
  const expected: readonly string[] = TAPE_COLUMNS[key];
  const before = issues.count;
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) issues.add(key, 1, `duplicate column "${name}"`);
    else if (!expected.includes(name)) issues.add(key, 1, `unknown column "${name}" (expected ${expected.join(', ')})`);
    seen.add(name);
  }
  for (const name of expected) if (!seen.has(name)) issues.add(key, 1, `missing column "${name}"`);
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
  let records: ParsedRecord[];
  try {
    records = parseCsv(readFileSync(path, 'utf8'));
  } catch (error) {
    const lines = (error as { lines?: number }).lines ?? 0;
    issues.add(key, lines, `not readable as CSV: ${(error as Error).message}`);
    return { rows: [], complete: false };
  }
  const [first, ...data] = records;
  if (!first) {
    issues.add(key, 1, `header row is missing (expected ${TAPE_COLUMNS[key].join(', ')})`);
    return { rows: [], complete: false };
  }
  const columns = readHeader(key, first.record, issues);
  if (!columns) return { rows: [], complete: false };
  const rows: CsvRow[] = [];
  let complete = true;
  for (const { record, raw, info } of data) {
    const line = info.lines - innerLineBreaks(raw);
    if (record.length !== columns.length) {
      issues.add(key, line, `has ${record.length} fields, the header has ${columns.length}`);
      complete = false;
      continue;
    }
    const values: Record<string, string> = {};
    columns.forEach((column, index) => (values[column] = record[index] ?? ''));
    rows.push({ line, values });
  }
  return { rows, complete };
}
