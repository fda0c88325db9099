import { afterAll, beforeAll } from 'vitest';
import { startRelay, type RelayOptions, type RunningRelay } from '../start-relay';
import type { ScratchDatabase } from './scratch-databases';
import { TEST_AUTH_TOKEN } from './twilio-requests';

/**
 * A test file's (or describe block's) relay on a fresh database from `scratch`, taking Twilio
 * callbacks signed with the test auth token unless `options` say otherwise: started before the
 * tests, closed and its database dropped after them. The getters read them once `beforeAll` ran;
 * `database` is for tests that reach the ledger the way another process would (the CLI).
 */
export function useScratchRelay(scratch: () => Promise<ScratchDatabase>, options: Omit<RelayOptions, 'database' | 'port'> = { twilioAuthToken: TEST_AUTH_TOKEN }): { readonly relay: RunningRelay; readonly database: ScratchDatabase } {
  let database: ScratchDatabase | undefined;
  let relay: RunningRelay | undefined;
  beforeAll(async () => {
    database = await scratch();
    relay = await startRelay({ ...options, database: database.target, port: 0 });
  });
  afterAll(async () => {
    await relay?.close();
    await database?.drop();
  });
  return {
    get relay() {
      return relay!;
    },
    get database() {
      return database!;
    },
  };
}
