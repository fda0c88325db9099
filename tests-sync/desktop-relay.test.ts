import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SettlementOfferView, SyncStatus } from '../src-shared/contract';
import { createRelayClient } from '../src-main/sync/relay-client';
import { publishToRelay } from '../src-main/sync/publish';
import { addDevice } from '../src-relay/devices/device-tokens';
import { startRelay, type RunningRelay } from '../src-relay/start-relay';
import { BACKENDS, type ScratchDatabase } from '../src-relay/test-support/scratch-databases';
import { until } from '../tests-support/until';
import { desktop, syncedRows, type Desktop } from './desktops';

describe.each(BACKENDS)('two desktops and a relay on $name', ({ scratch }) => {
  let database: ScratchDatabase;
  let relay: RunningRelay;
  let first: Desktop;
  let second: Desktop;
  const tokens: string[] = [];

  beforeAll(async () => {
    database = await scratch();
    relay = await startRelay({ database: database.target, port: 0 });
    for (const name of ['front desk', 'back office']) tokens.push((await addDevice(relay.database.db, name)).token);
    first = desktop('front desk', { seededLoans: 30 });
    second = desktop('back office');
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await relay?.close();
    await database?.drop();
  });

  it('a desktop publishes its data to an empty relay, and a fresh desktop receives all of it in its initial sync', async () => {
    // Work done before the relay existed is part of what is published, and the outbox is settled by it.
    const caseId = first.store.sqlite.prepare('SELECT id FROM cases WHERE active = 1 ORDER BY id LIMIT 1').pluck().get() as string;
    await first.call(first.as('agent'), 'activities.log', { caseId, type: 'NOTE', notes: 'Before the relay' });
    expect(first.services.sync.status()).toMatchObject({ state: 'local', pending: 1 });
    const published = await publishToRelay(first.store, createRelayClient(relay.url, tokens[0]!));
    expect(published.rows).toBeGreaterThan(1000);
    expect(first.services.sync.status().pending).toBe(0);
    await first.services.sync.configure({ relayUrl: relay.url, deviceToken: tokens[0]! });
    await second.services.sync.configure({ relayUrl: relay.url, deviceToken: tokens[1]! });
    const status = await second.services.sync.syncNow();
    await first.signIn(['agent', 'supervisor']);
    await second.signIn(['agent', 'supervisor']);
    expect(status).toMatchObject({ state: 'online', pending: 0, rejected: 0, initialSync: null, problem: null });
    expect(syncedRows(second.store)).toEqual(syncedRows(first.store));
    // The indicator saw the initial sync's progress on the way.
    const progress = second.services.events.flatMap((e) => (e.event === 'sync.status' && (e.payload as SyncStatus).initialSync) || []);
    expect(progress.length).toBeGreaterThan(0);
    // Rows and percent only grow, and the last page brings the copy to the ledger's head.
    expect(progress.map((p) => p.rows)).toEqual(progress.map((p) => p.rows).sort((a, b) => a - b));
    expect(progress.map((p) => p.percent)).toEqual(progress.map((p) => p.percent).sort((a, b) => a! - b!));
    expect(progress.at(-1)).toEqual({ rows: published.rows, percent: 100 });
  });

  it('the publishing desktop carries on where its outbox was: its next command is taken', async () => {
    const caseId = first.store.sqlite.prepare('SELECT id FROM cases WHERE active = 1 ORDER BY id LIMIT 1').pluck().get() as string;
    const logged = await first.call<{ id: string }>(first.as('agent'), 'activities.log', { caseId, type: 'NOTE', notes: 'After publishing' });
    const status = await first.services.sync.syncNow();
    expect(status).toMatchObject({ state: 'online', pending: 0, rejected: 0 });
    await until(() => second.store.sqlite.prepare('SELECT 1 FROM activities WHERE id = ?').get(logged.id) !== undefined, 'the activity on the back office');
  });

  it("an agent's activity on one desktop reaches the other through the relay's notice", async () => {
    const caseId = second.store.sqlite.prepare('SELECT id FROM cases WHERE active = 1 ORDER BY id LIMIT 1').pluck().get() as string;
    const logged = await second.call<{ id: string }>(second.as('agent'), 'activities.log', { caseId, type: 'NOTE', notes: 'Borrower asked for a callback on Friday' });
    const activityId = logged.id;
    await until(() => first.store.sqlite.prepare('SELECT 1 FROM activities WHERE id = ?').get(activityId) !== undefined, 'the activity on the front desk');
    await until(() => second.services.sync.status().pending === 0, 'the back office outbox drained');
    expect(second.store.sqlite.prepare(`SELECT state FROM outbox WHERE name = 'activities.log'`).pluck().get()).toBe('applied');
  });

  it('a supervisor approving offline an offer another supervisor already rejected gets it back rejected, with the reason listed', async () => {
    const caseId = first.store.sqlite.prepare(`SELECT id FROM cases WHERE active = 1 AND balance_minor > 100000 ORDER BY id DESC LIMIT 1`).pluck().get() as string;
    const drafted = await first.call<SettlementOfferView>(first.as('agent'), 'settlements.create', { caseId, option: 'partial_settlement' });
    await first.call(first.as('agent'), 'settlements.submit', { offerId: drafted.id });
    await first.services.sync.syncNow();
    await second.services.sync.syncNow();
    expect(second.store.sqlite.prepare('SELECT status FROM settlement_offers WHERE id = ?').pluck().get(drafted.id)).toBe('pending_approval');

    await second.services.sync.stop();
    const offline = await second.call<SettlementOfferView>(second.as('supervisor'), 'settlements.approve', { offerId: drafted.id });
    expect(offline.status).toBe('approved');
    await first.call(first.as('supervisor', 1), 'settlements.reject', { offerId: drafted.id, reason: 'Balance too high for a discount' });
    await first.services.sync.syncNow();

    await second.services.sync.configure({ relayUrl: relay.url, deviceToken: tokens[1]! });
    const status = await second.services.sync.syncNow();
    expect(status.rejected).toBe(1);
    expect(second.store.sqlite.prepare('SELECT status FROM settlement_offers WHERE id = ?').pluck().get(drafted.id)).toBe('rejected');
    const rejections = await second.call<{ rejections: { name: string; reason: string }[] }>(second.as('supervisor'), 'sync.rejections', {});
    expect(rejections.rejections).toEqual([expect.objectContaining({ name: 'settlements.approve', reason: expect.stringContaining('settlement_offers') })]);
    expect(syncedRows(second.store).settlement_offers).toEqual(syncedRows(first.store).settlement_offers);
  });
});
