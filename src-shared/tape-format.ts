import type { TapeImportProgress } from './contract/tape';

/**
 * The loan tape's files and columns (DESIGN §4), shared by the reader and the writer so the two
 * can never disagree about a column name.
 */
export const TAPE_COLUMNS = {
  borrowers: [
    'borrower_id', 'first_name', 'last_name', 'date_of_birth', 'ssn_last_four', 'language',
    'timezone', 'jurisdiction', 'do_not_contact', 'vulnerable', 'hardship', 'email',
  ],
  phones: ['borrower_id', 'phone', 'type', 'is_primary', 'sms_consent'],
  loans: [
    'account_number', 'borrower_id', 'product', 'currency', 'principal', 'interest_rate_pct',
    'originated_on', 'sub_status', 'risk_grade', 'risk_status',
  ],
  installments: ['account_number', 'seq', 'due_on', 'principal_due', 'interest_due', 'fees_due'],
  payments: ['account_number', 'paid_on', 'amount', 'reference'],
  promises: ['account_number', 'created_on', 'due_on', 'amount'],
  contacts: ['account_number', 'at', 'channel', 'direction', 'outcome'],
} as const;

export type TapeFileKey = keyof typeof TAPE_COLUMNS;
export type TapeColumn<K extends TapeFileKey> = (typeof TAPE_COLUMNS)[K][number];

/** In dependency order: a file only refers to files before it. */
export const TAPE_FILES = ['borrowers', 'phones', 'loans', 'installments', 'payments', 'promises', 'contacts'] as const satisfies readonly TapeFileKey[];
export const OPTIONAL_TAPE_FILES: readonly TapeFileKey[] = ['promises', 'contacts'];

export function tapeFileName(key: TapeFileKey): string {
  return `${key}.csv`;
}

export const TAPE_PHONE_TYPES = ['mobile', 'home', 'work'] as const;
export const TAPE_CONTACT_CHANNELS = ['voice', 'sms', 'whatsapp', 'email'] as const;
export const TAPE_DIRECTIONS = ['outbound', 'inbound'] as const;

const STEP_WORDS = { reading: 'Reading', checking: 'Checking', writing: 'Writing' } as const;

/** A progress report in words: `Writing installments.csv: 120,000 of 1,400,000 rows (8%)`. */
export function describeTapeProgress({ step, file, done, total, unit }: TapeImportProgress): string {
  if (unit === 'files') return `${STEP_WORDS[step]} ${file} (file ${done + 1} of ${total})`;
  const percent = total > 0 ? ` (${Math.floor((done / total) * 100)}%)` : '';
  return `${STEP_WORDS[step]} ${file}: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} rows${percent}`;
}

/**
 * The reports worth a line in a terminal or a log: each file of each step, and each tenth of the
 * rows written; null for the rest.
 */
export function tapeProgressLog(): (progress: TapeImportProgress) => string | null {
  let last = '';
  return (progress) => {
    const tenth = progress.unit === 'rows' && progress.total > 0 ? Math.floor((progress.done / progress.total) * 10) : -1;
    const key = `${progress.step}:${progress.file}:${tenth}`;
    if (key === last) return null;
    last = key;
    return describeTapeProgress(progress);
  };
}
