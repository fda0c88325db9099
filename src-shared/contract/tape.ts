import { z } from 'zod';
import { defineChannel } from './define-channel';

/** What a loan-tape import wrote, in rows per file (DESIGN §4). */
export interface TapeImportSummary {
  borrowers: number;
  phones: number;
  loans: number;
  installments: number;
  payments: number;
  promises: number;
  contacts: number;
  /** Borrowers whose email column was filled (each became their primary email). */
  emails: number;
  /** Product codes seen for the first time. */
  productsCreated: number;
}

/**
 * The three steps of an import, in order: every file is read, then checked against the rules and
 * the database, then written in one transaction. A tape with any problem stops after checking.
 */
export const TAPE_IMPORT_STEPS = ['reading', 'checking', 'writing'] as const;
export type TapeImportStep = (typeof TAPE_IMPORT_STEPS)[number];

/** Where a running import is: files for reading and checking, rows for writing. A schema, since it also crosses a process boundary (the relay's feed host). */
export const TapeImportProgress = z.object({
  step: z.enum(TAPE_IMPORT_STEPS),
  /** The tape file being worked on, such as `installments.csv`. */
  file: z.string(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  unit: z.enum(['files', 'rows']),
});
export type TapeImportProgress = z.infer<typeof TapeImportProgress>;

export const TapeImportInput = z
  .object({
    /** The folder holding borrowers.csv, phones.csv, loans.csv and the rest, on this computer. */
    dir: z.string().trim().min(1, 'choose the folder that holds the tape').max(4096),
    /** Judge the imported loans at once, so their cases show today rather than after the night's run. */
    runDaily: z.boolean().default(true),
  })
  .strict();

export interface TapeImportResult {
  summary: TapeImportSummary;
  /** The daily run's summary when one ran after the import. */
  dailyRun: Record<string, unknown> | null;
}

export const tapeChannels = {
  /**
   * Imports a loan tape from a folder, all or nothing; refused on a desktop connected to a relay,
   * whose ledger takes tapes through the relay's feed (`npm run relay -- import`).
   */
  'tape.import': defineChannel<TapeImportResult>()({ input: TapeImportInput, permission: 'admin_settings', kind: 'command' }),
  /** The system's folder picker (the desktop app only); null when the user cancels. */
  'tape.chooseFolder': defineChannel<{ dir: string | null }>()({ input: z.object({}).strict(), permission: 'admin_settings', kind: 'query' }),
};
