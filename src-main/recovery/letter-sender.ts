import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../../src-shared/errors';
import { fileLetter, letterDates, printLetter, type LetterPdfRenderer } from '../letters';
import { DeliveryFailure, type ChannelSender } from './action-sender';

/**
 * Letter, escalation and legal-notice actions: the letter is printed to PDF and filed with the
 * case for the back office to mail, so "sent" means issued. Printing happens before the action's
 * transaction; filing happens inside it, so an action is never sent without its letter.
 */
export function createLetterSender(sqlite: Database.Database, renderer: () => LetterPdfRenderer): ChannelSender {
  return {
    async deliver(outgoing, party, at) {
      if (party.caseId === null) throw new AppError('conflict', 'a letter is filed with a case, and this loan has none', 'actionId');
      const recipient = String(party.variables.borrower_address ?? '');
      let printed;
      try {
        printed = await printLetter(sqlite, renderer(), {
          caseId: party.caseId,
          kind: outgoing.letterKind ?? 'demand',
          templateName: outgoing.templateName ?? undefined,
          variables: { ...party.variables, ...letterDates(at, party.timezone) },
        });
      } catch (error) {
        if (error instanceof AppError && error.code !== 'internal') throw error;
        throw new DeliveryFailure('print_failed', `the letter could not be printed: ${(error as Error).message}`, 'print_failed', null);
      }
      const letterId = randomUUID();
      return {
        content: printed.body, recipient, columns: { letter_id: letterId }, audit: { letterId, templateName: printed.templateName },
        write: (writeAt) => [fileLetter(sqlite, letterId, printed, outgoing.actorId, writeAt)],
      };
    },
  };
}
