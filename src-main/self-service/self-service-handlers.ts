import { AppError } from '../../src-shared/errors';
import type { HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';
import type { SyncManager } from '../sync/sync-manager';

/** The desktop's half of borrower self-service: asking the relay for a case's link (the pages and the key live there). */
export function selfServiceHandlers(store: Store, sync: SyncManager): HandlerSlice<'selfService.link'> {
  const accountOf = store.sqlite.prepare('SELECT account_number FROM cases WHERE id = ?').pluck();
  return {
    'selfService.link': async ({ caseId, days }, { session }) => {
      const accountNumber = accountOf.get(caseId) as string | undefined;
      if (!accountNumber) throw new AppError('not_found', `no case ${caseId}`, 'caseId');
      return sync.selfServiceLink({ accountNumber, ...(days === undefined ? {} : { days }) }, session.relaySession ?? null);
    },
  };
}
