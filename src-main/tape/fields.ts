import { parseIsoDate, type IsoDate } from '../../src-shared/dates';
import { parseDecimalToMinor, type Minor } from '../../src-shared/money';
import { TAPE_FILES, tapeFileName, type TapeFileKey } from '../../src-shared/tape-format';

interface Issue {
  file: TapeFileKey;
  /** Physical line in the file (header = 1); 0 for a problem with the file as a whole. */
  line: number;
  message: string;
}

/** Every problem found in a tape, so one run reports them all instead of one per attempt. */
export class Issues {
  private readonly list: Issue[] = [];

  add(file: TapeFileKey, line: number, message: string): void {
    this.list.push({ file, line, message });
  }

  get count(): number {
    return this.list.length;
  }

  /** `file:line: message`, ordered by file (tape order) then line, so the report reads top to bottom. */
  format(): string[] {
    return this.list
      .map((issue, index) => ({ issue, index }))
      .sort((a, b) => TAPE_FILES.indexOf(a.issue.file) - TAPE_FILES.indexOf(b.issue.file) || a.issue.line - b.issue.line || a.index - b.index)
      .map(({ issue }) => `${tapeFileName(issue.file)}:${issue.line === 0 ? '' : `${issue.line}:`} ${issue.message}`);
  }
}

/** A record as read: a field is undefined only when its check failed or could not be made (see markUnusable). */
export type Checked<T> = { [K in keyof T]: T[K] | undefined };

const AMOUNT_RULE = 'is not an amount (digits with at most 2 decimals, not negative)';

/**
 * Reads and checks the fields of one CSV row. Every check records its own issue naming the column
 * and the rule; a getter returns `undefined` for a value that failed, and `ok` says whether the
 * whole row passed.
 */
export class FieldReader {
  private readonly issuesBefore: number;
  private unusable = false;

  constructor(
    private readonly issues: Issues,
    readonly file: TapeFileKey,
    readonly line: number,
    private readonly values: Readonly<Record<string, string>>,
  ) {
    this.issuesBefore = issues.count;
  }

  get ok(): boolean {
    return !this.unusable && this.issues.count === this.issuesBefore;
  }

  /**
   * Marks the row as not importable without reporting it: for a value that cannot be checked
   * because of a problem already reported on another row (so the report names causes, not echoes).
   */
  markUnusable(): void {
    this.unusable = true;
  }

  /** The record when every check on this row passed (so no field is undefined), else null. */
  result<T>(record: Checked<T>): T | null {
    return this.ok ? (record as T) : null;
  }

  fail(message: string): undefined {
    this.issues.add(this.file, this.line, message);
    return undefined;
  }

  /** The trimmed text, '' when blank. */
  raw(column: string): string {
    return this.values[column] ?? '';
  }

  required(column: string): string | undefined {
    const value = this.raw(column);
    return value === '' ? this.fail(`${column} is required`) : value;
  }

  /** Blank → null; otherwise the value passed through `check` (which records its own issue). */
  optional<T>(column: string, check: (column: string) => T | undefined): T | null | undefined {
    return this.raw(column) === '' ? null : check(column);
  }

  date(column: string): IsoDate | undefined {
    const value = this.required(column);
    if (value === undefined) return undefined;
    return parseIsoDate(value) ?? this.fail(`${column} "${value}" is not a real date (YYYY-MM-DD)`);
  }

  /** An amount in minor units; `positive` refuses zero as well as negatives. */
  money(column: string, { positive = false } = {}): Minor | undefined {
    const value = this.required(column);
    if (value === undefined) return undefined;
    // parseDecimalToMinor accepts a sign; tape amounts are never negative.
    const minor = value.startsWith('-') ? null : parseDecimalToMinor(value, 2);
    if (minor === null) return this.fail(`${column} "${value}" ${AMOUNT_RULE}`);
    if (positive && minor === 0) return this.fail(`${column} "${value}" must be greater than 0`);
    return minor;
  }

  bool(column: string): boolean | undefined {
    const value = this.raw(column);
    if (value === 'true') return true;
    if (value === 'false') return false;
    return this.fail(`${column} "${value}" must be true or false`);
  }

  oneOf<T extends string>(column: string, allowed: readonly T[]): T | undefined {
    const value = this.raw(column);
    if ((allowed as readonly string[]).includes(value)) return value as T;
    return this.fail(`${column} "${value}" must be one of ${allowed.join(', ')}`);
  }

  /** Like `oneOf`, but blank is allowed and gives null. */
  optionalOneOf<T extends string>(column: string, allowed: readonly T[]): T | null | undefined {
    const value = this.raw(column);
    if (value === '') return null;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    return this.fail(`${column} "${value}" must be blank or one of ${allowed.join(', ')}`);
  }

  /** A value that must match `pattern`; `rule` says in words what the pattern demands. */
  matching(column: string, pattern: RegExp, rule: string): string | undefined {
    const value = this.required(column);
    if (value === undefined) return undefined;
    return pattern.test(value) ? value : this.fail(`${column} "${value}" ${rule}`);
  }
}
