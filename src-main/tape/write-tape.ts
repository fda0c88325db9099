import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TAPE_COLUMNS, TAPE_FILES, tapeFileName, type TapeColumn, type TapeFileKey } from '../../src-shared/tape-format';

/** A cell as callers have it; null and undefined are written blank, booleans as true/false. */
export type TapeCell = string | number | boolean | null | undefined;

/** One CSV row; a column left out is written blank (DESIGN §4's "optional value"). */
export type TapeRow<K extends TapeFileKey> = Partial<Record<TapeColumn<K>, TapeCell>>;

type OptionalFile = 'promises' | 'contacts';

/** A loan tape in memory: rows per file. Optional files that are absent are not written. */
export type Tape = { [K in Exclude<TapeFileKey, OptionalFile>]: TapeRow<K>[] } & { [K in OptionalFile]?: TapeRow<K>[] };

function cellText(value: TapeCell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // Quote what a CSV reader would otherwise split, or trim, differently from what was meant.
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvText<K extends TapeFileKey>(key: K, rows: readonly TapeRow<K>[]): string {
  const columns: readonly TapeColumn<K>[] = TAPE_COLUMNS[key];
  const lines = [columns.join(','), ...rows.map((row) => columns.map((column) => cellText(row[column])).join(','))];
  return `${lines.join('\n')}\n`;
}

/**
 * Writes `tape` as the CSV files of DESIGN §4 into `dir` (created if needed), columns in the
 * documented order. Money must already be decimal strings or numbers in major units.
 */
export function writeTape(dir: string, tape: Tape): void {
  mkdirSync(dir, { recursive: true });
  for (const key of TAPE_FILES) {
    const rows: readonly TapeRow<typeof key>[] | undefined = tape[key];
    if (rows !== undefined) writeFileSync(join(dir, tapeFileName(key)), csvText(key, rows));
  }
}
