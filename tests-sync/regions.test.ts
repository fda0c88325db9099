import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRelayClient } from '../src-main/sync/relay-client';
import { publishToRelay } from '../src-main/sync/publish';
import { addDevice } from '../src-relay/devices/device-tokens';
import { startRelay, type RunningRelay } from '../src-relay/start-relay';
import { scratchPostgres, type ScratchDatabase } from '../src-relay/test-support/scratch-databases';
import { desktop, syncedRows, visibleTo, type Desktop } from './desktops';

describe('a regional desk receives exactly its region of the ledger', () => {
  let database: ScratchDatabase;
  let relay: RunningRelay;
  let headOffice: Desktop;
  let trinidad: Desktop;

  beforeAll(async () => {
    database = await scratchPostgres();
    relay = await startRelay({ database: database.target, port: 0 });
    headOffice = desktop('head office', { seededLoans: 40 });
    trinidad = desktop('port of spain');
    await publishToRelay(headOffice.store, createRelayClient(relay.url, (await addDevice(relay.database.db, 'head office')).token));
    await trinidad.services.sync.configure({ relayUrl: relay.url, deviceToken: (await addDevice(relay.database.db, 'port of spain', ['TT'])).token });
  });
  afterAll(async () => {
    await headOffice?.close();
    await trinidad?.close();
    await relay?.close();
    await database?.drop();
  });

  it("after its initial sync the desk holds the Trinidad borrowers' rows and the shared configuration, whole", async () => {
    const status = await trinidad.services.sync.syncNow();
    expect(status).toMatchObject({ state: 'online', problem: null });
    const expected = visibleTo('TT', syncedRows(headOffice.store));
    expect((expected.borrowers as unknown[]).length).toBeGreaterThan(0);
    expect((expected.borrowers as unknown[]).length).toBeLessThan((syncedRows(headOffice.store).borrowers as unknown[]).length);
    expect(syncedRows(trinidad.store)).toEqual(expected);
    expect(trinidad.store.sqlite.pragma('foreign_key_check')).toEqual([]);
  });
});
