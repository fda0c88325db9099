import type Database from 'better-sqlite3';
import type { LetterView } from '../../src-shared/contract/communications';
import type { RecoveryActionType } from '../../src-shared/domain/vocabulary';
import { AppError } from '../../src-shared/errors';
import { requireCase } from '../case-work/require-case';
import type { HandlerSlice } from '../ipc/handler-types';
import type { RecoveryService } from '../recovery/recovery-service';
import type { Store } from '../store/open-store';
import type { LetterKind } from './print-letter';

type Slice = 'letters.generate' | 'letters.list' | 'letters.pdf';

const LETTER_COLUMNS = 'id, case_id AS caseId, kind, template_name AS templateName, language, created_by AS createdBy, created_at AS createdAt';

/** The recovery action each letter an agent can issue is. */
const ACTION_OF_KIND: Readonly<Record<LetterKind, RecoveryActionType>> = { demand: 'letter', escalation: 'escalation', legal_notice: 'legal_notice' };

function letterView(sqlite: Database.Database, letterId: string): LetterView {
  const row = sqlite.prepare(`SELECT ${LETTER_COLUMNS} FROM letters WHERE id = ?`).get(letterId) as LetterView | undefined;
  if (!row) throw new AppError('not_found', `no letter ${letterId}`, 'letterId');
  return row;
}

/** Letters an agent issues for a case (through the compliance gate, in the borrower's language), lists and fetches as PDF. */
export function letterHandlers(store: Store, recovery: RecoveryService): HandlerSlice<Slice> {
  const { sqlite } = store;
  return {
    'letters.generate': async (input, { actor, broadcast }) => {
      const [action] = recovery.triggerActions(input.caseId, { types: [ACTION_OF_KIND[input.kind]], actor: actor!, manual: true });
      const result = await recovery.executeAction(action!.id, { actor: actor!, manual: true });
      broadcast('cases.changed', { caseIds: [input.caseId] });
      return { ...result, letter: result.action.letterId === null ? null : letterView(sqlite, result.action.letterId) };
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
