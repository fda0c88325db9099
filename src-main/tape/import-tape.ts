import type { TapeImportProgress, TapeImportSummary } from '../../src-shared/contract';
import { AppError } from '../../src-shared/errors';
import type { Store } from '../store/open-store';
import { readTapeCsv, type TapeCsv } from './csv-file';
import { Issues } from './fields';
import { parseContacts, parsePromises } from './parse-history';
import { parseInstallments, parseLoans, parsePayments } from './parse-loans';
import { parseBorrowers, parsePhones } from './parse-people';
import { persistTape, type ValidTape } from './persist-tape';
import { References } from './references';
import { TAPE_FILES, tapeFileName, type TapeFileKey } from '../../src-shared/tape-format';


/** Everything wrong with a tape, one `file:line: what is wrong` per entry; nothing was written. */
export class TapeError extends AppError {
  constructor(readonly errors: string[]) {
    super('validation', errors.join('\n'));
    this.name = 'TapeError';
  }
}

export type ImportSummary = TapeImportSummary;

export interface ImportOptions {
  /** Called as the import moves through its steps (reading, checking, writing), for a progress bar. */
  onProgress?: (progress: TapeImportProgress) => void;
}

/**
 * SQLite page cache while writing, in KiB. Imported rows land at random places in indexes keyed
 * by hashes (stableId), which thrash the default 2 MB cache; on a 100k-loan tape this cut the
 * write time by about a fifth.
 */
const IMPORT_CACHE_KIB = 256 * 1024;

function validate(files: Record<TapeFileKey, TapeCsv>, issues: Issues, refs: References, onProgress: ImportOptions['onProgress']): ValidTape {
  // Files are checked in dependency order, so each file's keys are registered before anything refers to them.
  let checked = 0;
  const check = <T>(key: TapeFileKey, parse: (file: TapeCsv, issues: Issues, refs: References) => T): T => {
    onProgress?.({ step: 'checking', file: tapeFileName(key), done: checked, total: TAPE_FILES.length, unit: 'files' });
    const records = parse(files[key], issues, refs);
    checked += 1;
    return records;
  };
  const borrowers = check('borrowers', parseBorrowers);
  const phones = check('phones', parsePhones);
  const loans = check('loans', parseLoans);
  return {
    borrowers,
    phones,
    loans,
    installments: check('installments', parseInstallments),
    payments: check('payments', parsePayments),
    promises: check('promises', parsePromises),
    contacts: check('contacts', parseContacts),
  };
}

/**
 * Imports the loan tape in `dir` (DESIGN §4), all or nothing: every file is checked in full and
 * every problem reported in one `TapeError`; only a clean tape is written, in one transaction.
 * Re-importing the same tape changes nothing.
 */
export function importTape(store: Store, dir: string, { onProgress }: ImportOptions = {}): ImportSummary {
  const issues = new Issues();
  // Parsing needs no database, so it happens before the write lock is taken.
  const files = Object.fromEntries(
    TAPE_FILES.map((key, index) => {
      onProgress?.({ step: 'reading', file: tapeFileName(key), done: index, total: TAPE_FILES.length, unit: 'files' });
      return [key, readTapeCsv(dir, key, issues)];
    }),
  ) as Record<TapeFileKey, TapeCsv>;
  // References to earlier imports are checked inside the writing transaction, so they still hold when written.
  const run = store.sqlite.transaction((): ImportSummary => {
    const tape = validate(files, issues, new References(store.sqlite), onProgress);
    if (issues.count > 0) throw new TapeError(issues.format());
    const written = persistTape(store.sqlite, tape, onProgress);
    return {
      borrowers: tape.borrowers.length,
      phones: tape.phones.length,
      loans: tape.loans.length,
      installments: tape.installments.length,
      payments: tape.payments.length,
      promises: tape.promises.length,
      contacts: tape.contacts.length,
      ...written,
    };
  });
  const previousCache = store.sqlite.pragma('cache_size', { simple: true }) as number;
  store.sqlite.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
  try {
    return run.immediate();
  } finally {
    store.sqlite.pragma(`cache_size = ${previousCache}`);
  }
}
