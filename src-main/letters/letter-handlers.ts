import type Database from 'better-sqlite3';
import type { LetterView } from '../../src-shared/contract/communications';
import { AppError } from '../../src-shared/errors';
import { requireActiveCase, requireCase } from '../case-work/require-case';
import type { HandlerSlice } from '../ipc/handler-types';
import { contactPartyOf } from '../recovery/recovery-records';
import type { Store } from '../store/open-store';
import { generateLetter, letterDates } from './generate-letter';
import type { LetterPdfRenderer } from './pdf-renderer';

type Slice = 'letters.generate' | 'letters.list' | 'letters.pdf';

const LETTER_COLUMNS = 'id, case_id AS caseId, kind, template_name AS templateName, language, created_by AS createdBy, created_at AS createdAt';

function letterView(sqlite: Database.Database, letterId: string): LetterView {
  const row = sqlite.prepare(`SELECT ${LETTER_COLUMNS} FROM letters WHERE id = ?`).get(letterId) as LetterView | undefined;
  if (!row) throw new AppError('not_found', `no letter ${letterId}`, 'letterId');
  return row;
}

/** Letters an agent prints for a case: generated in the borrower's language, listed, and fetched as PDF. */
export function letterHandlers(store: Store, renderer: () => LetterPdfRenderer): HandlerSlice<Slice> {
  const { sqlite } = store;
  return {
    'letters.generate': async (input, { actor, broadcast }) => {
      requireActiveCase(sqlite, input.caseId);
      const party = contactPartyOf(sqlite, { caseId: input.caseId });
      const generated = await generateLetter(store, renderer(), {
        caseId: input.caseId, kind: input.kind, language: input.language, actor: actor!,
        variables: { ...party.variables, ...letterDates(new Date(), party.timezone) },
      });
      broadcast('cases.changed', { caseIds: [input.caseId] });
      return { letter: letterView(sqlite, generated.letterId) };
    },
    'letters.list': (input) => {
      requireCase(sqlite, input.caseId);
      return { letters: sqlite.prepare(`SELECT ${LETTER_COLUMNS} FROM letters WHERE case_id = ? ORDER BY created_at DESC, id`).all(input.caseId) as LetterView[] };
    },
    'letters.pdf': (input) => {
      const row = sqlite.prepare('SELECT kind, created_at, pdf_base64 FROM letters WHERE id = ?').get(input.letterId) as { kind: string; created_at: string; pdf_base64: string | null } | undefined;
      if (!row) throw new AppError('not_found', `no letter ${input.letterId}`, 'letterId');
      if (row.pdf_base64 === null) throw new AppError('not_found', `letter ${input.letterId} has no PDF`, 'letterId');
      return { fileName: `${row.kind}-${row.created_at.slice(0, 10)}.pdf`, base64: row.pdf_base64 };
    },
  };
}
