import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../src-shared/dates';
import { runDaily } from '../src-main/engine/daily-run';
import { createRelayClient } from '../src-main/sync/relay-client';
import { publishToRelay } from '../src-main/sync/publish';
import { addDevice } from '../src-relay/devices/device-tokens';
import { startRelay, type RunningRelay } from '../src-relay/start-relay';
import { scratchPostgres, type ScratchDatabase } from '../src-relay/test-support/scratch-databases';
import { TEST_AS_OF } from '../tests-support/temp-store';
import { desktop, syncedRows, type Desktop } from './desktops';

describe("the relay's engine host runs the daily engine and the desktops receive its rows", () => {
  let database: ScratchDatabase;
  let relay: RunningRelay;
  let publisher: Desktop;
  let host: Desktop;
  let agentDesk: Desktop;
  let alone: Desktop;

  beforeAll(async () => {
    database = await scratchPostgres();
    relay = await startRelay({ database: database.target, port: 0 });
    // Only the engine host's device may run commands as the system actor.
    const token = async (name: string) => (await addDevice(relay.database.db, name, ['*'], { engineHost: name === 'engine host' })).token;
    publisher = desktop('publisher', { seededLoans: 40 });
    // The same portfolio on a desktop that never meets the relay and runs the engine itself.
    alone = desktop('alone', { seededLoans: 40 });
    host = desktop('engine host');
    agentDesk = desktop('agent desk');
    // A desk publishes with the token it then syncs with: its client id is that device's.
    const publisherToken = await token('publisher desk');
    await publishToRelay(publisher.store, createRelayClient(relay.url, publisherToken));
    for (const [d, name] of [[publisher, 'publisher desk'], [host, 'engine host'], [agentDesk, 'agent desk']] as const) {
      await d.services.sync.configure({ relayUrl: relay.url, deviceToken: d === publisher ? publisherToken : await token(name) });
      await d.services.sync.syncNow();
    }
    await agentDesk.signIn(['agent']);
  });
  afterAll(async () => {
    for (const d of [publisher, host, agentDesk, alone]) await d?.close();
    await relay?.close();
    await database?.drop();
  });

  it('three days of runs on the engine host leave every desktop exactly as a desktop that ran them itself', async () => {
    for (let day = 1; day <= 3; day++) {
      const asOf = addDays(TEST_AS_OF, day);
      const hosted = runDaily(host.store, asOf, { push: true });
      const local = runDaily(alone.store, asOf);
      expect(hosted).toEqual(local);
      const pushed = await host.services.sync.syncNow();
      expect(pushed).toMatchObject({ state: 'online', pending: 0, rejected: 0 });
    }
    await agentDesk.services.sync.syncNow();
    await publisher.services.sync.syncNow();
    const expected = syncedRows(alone.store);
    expect(syncedRows(host.store)).toEqual(expected);
    expect(syncedRows(agentDesk.store)).toEqual(expected);
    expect(syncedRows(publisher.store)).toEqual(expected);
    expect(host.store.sqlite.prepare(`SELECT count(*) FROM outbox WHERE name = 'engine.dailyRun' AND state = 'applied'`).pluck().get()).toBeGreaterThanOrEqual(3);
  });

  it('an agent works a case the hosted run opened, and the relay takes it', async () => {
    const opened = agentDesk.store.sqlite
      .prepare(`SELECT id FROM cases WHERE active = 1 AND opened_on > ? ORDER BY id LIMIT 1`)
      .pluck().get(TEST_AS_OF) as string | undefined;
    const caseId = opened ?? (agentDesk.store.sqlite.prepare('SELECT id FROM cases WHERE active = 1 ORDER BY id LIMIT 1').pluck().get() as string);
    await agentDesk.call(agentDesk.as('agent'), 'activities.log', { caseId, type: 'NOTE', notes: 'Called after the overnight run' });
    const status = await agentDesk.services.sync.syncNow();
    expect(status).toMatchObject({ pending: 0, rejected: 0 });
  });
});
