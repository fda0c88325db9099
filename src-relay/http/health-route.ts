import { AppError } from '../../src-shared/errors';
import { currentVersion } from '../ledger/ledger-clock';
import { log } from '../log';
import { RELAY_VERSION } from '../relay-version';
import { sendError, sendJson } from './responses';
import type { RelayServices, Route } from './route';

/** Healthy means the ledger answers, not only that the process is up. */
export function healthRoute(services: RelayServices): Route {
  return {
    method: 'GET',
    path: '/healthz',
    async handle({ response }) {
      let ledgerVersion: number;
      try {
        ledgerVersion = await currentVersion(services.database.db);
      } catch (error) {
        log.error('health check could not reach the database', { error: error instanceof Error ? error.message : String(error) });
        sendError(response, new AppError('internal', 'the ledger database is unavailable'), 503);
        return;
      }
      sendJson(response, 200, { ok: true, version: RELAY_VERSION, database: services.database.kind, ledgerVersion });
    },
  };
}
