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
