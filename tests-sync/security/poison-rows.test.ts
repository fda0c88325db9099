import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushResult, RowChange } from '../../src-shared/sync/protocol';
import { createRelayClient } from '../../src-main/sync/relay-client';
import { publishToRelay } from '../../src-main/sync/publish';
import { addDevice } from '../../src-relay/devices/device-tokens';
import { currentVersion } from '../../src-relay/ledger/ledger-clock';
import { startRelay, type RunningRelay } from '../../src-relay/start-relay';
import { readRow, seedRows } from '../../src-relay/test-support/ledger-fixtures';
import { scratchPostgres, type ScratchDatabase } from '../../src-relay/test-support/scratch-databases';
import { created, TestDesktop } from '../../src-relay/test-support/sync-client';
import { DEMO_PASSWORD } from '../../src-main/seed/demo-users';
import { desktop, syncedRows, type Desktop } from '../desktops';

type Data = Record<string, unknown>;

/**
 * Issue 14, item 3: no row can break a replica. A device pushing rows that a desktop's schema
 * refuses, that name parents the ledger does not hold, or whose change id is not the key its data
 * names, is rejected; a row that reached the ledger before the relay checked is set aside by each
 * desktop, which keeps syncing.
 */
describe('no row can break a replica (relay on Postgres, real desktops)', () => {
  let database: ScratchDatabase;
  let relay: RunningRelay;
  let headOffice: Desktop;
  let desk: Desktop;
  let attacker: TestDesktop;
  let agentId: string;
  /** A Trinidad case of the seeded book, with its loan and borrower. */
  let target: { caseId: string; loanId: string; borrowerId: string };

  /**
   * The one place this file pushes raw commands: from the Trinidad laptop's device token, signed by
   * the agent's key registered there at an online sign-in (the actor is a real user of the ledger).
   */
  const pushRaw = (name: string, actorId: string, changes: RowChange[]): Promise<PushResult> => attacker.run(name, actorId, changes);

  const row = (store: Desktop, tbl: string, id: string) => store.store.sqlite.prepare(`SELECT * FROM "${tbl}" WHERE id = ?`).get(id) as Data | undefined;
  const activity = (overrides: Data = {}): Data => ({
    id: `act-${randomUUID()}`, case_id: target.caseId, loan_id: target.loanId, type: 'NOTE', direction: 'outbound', contact_method: null, outcome: null,
    notes: 'Pushed by a device', next_action_on: null, produced_promise: 0, performed_by: agentId, at: '2026-11-20T10:00:00.000Z', ...overrides,
  });
  const ledgerVersion = () => currentVersion(relay.database.db);
  /** A replica's synced rows; password hashes stay at the relay, so a pulled users row has none. */
  const replicaRows = (replica: Desktop) => {
    const rows = syncedRows(replica.store);
    return { ...rows, users: (rows.users as Data[]).map((user) => ({ ...user, password_hash: '' })) };
  };

  beforeAll(async () => {
    database = await scratchPostgres();
    relay = await startRelay({ database: database.target, port: 0 });
    headOffice = desktop('head office', { seededLoans: 20 });
    desk = desktop('port of spain');
    const publisher = (await addDevice(relay.database.db, 'head office')).token;
    await publishToRelay(headOffice.store, createRelayClient(relay.url, publisher));
    await headOffice.services.sync.configure({ relayUrl: relay.url, deviceToken: publisher });
    await desk.services.sync.configure({ relayUrl: relay.url, deviceToken: (await addDevice(relay.database.db, 'port of spain', ['TT'])).token });
    expect(await desk.services.sync.syncNow()).toMatchObject({ state: 'online', problem: null });

    agentId = headOffice.as('agent').user!.id;
    attacker = new TestDesktop(relay.url, (await addDevice(relay.database.db, 'tt laptop', ['TT'])).token);
    await attacker.signIn(agentId, DEMO_PASSWORD);
    target = headOffice.store.sqlite
      .prepare(`SELECT c.id AS caseId, l.id AS loanId, b.id AS borrowerId FROM cases c JOIN loans l ON l.id = c.loan_id JOIN borrowers b ON b.id = l.borrower_id
                WHERE b.jurisdiction = 'TT' AND c.active = 1 ORDER BY c.id LIMIT 1`)
      .get() as typeof target;
    expect(target).toBeDefined();
  });
  afterAll(async () => {
    await headOffice?.close();
    await desk?.close();
    await relay?.close();
    await database?.drop();
  });

  it('(a) refuses an activities row with no loan_id; the ledger is unchanged and an honest desktop keeps syncing', async () => {
    const before = await ledgerVersion();
    const { loan_id: _dropped, ...withoutLoan } = activity();
    const result = await pushRaw('activities.log', agentId, [created('activities', withoutLoan)]);
    expect(result).toMatchObject({ status: 'rejected', reason: `activities ${String(withoutLoan.id)}: column loan_id is required (NOT NULL) but absent` });
    expect(await ledgerVersion()).toBe(before);
    expect(await readRow(relay.database.db, 'activities', String(withoutLoan.id))).toBeNull();

    // The same device's well-formed activity applies, and reaches every desktop.
    const honest = activity({ notes: 'Honest note' });
    expect(await pushRaw('activities.log', agentId, [created('activities', honest)])).toMatchObject({ status: 'applied' });
    for (const replica of [desk, headOffice]) {
      expect(await replica.services.sync.syncNow()).toMatchObject({ state: 'online', problem: null, setAside: 0 });
      expect(row(replica, 'activities', String(honest.id))).toMatchObject({ notes: 'Honest note', loan_id: target.loanId });
    }
  });

  it('(b) refuses a row naming a parent the ledger does not hold', async () => {
    const before = await ledgerVersion();
    const orphan = activity({ case_id: 'case-that-does-not-exist' });
    const result = await pushRaw('activities.log', agentId, [created('activities', orphan)]);
    expect(result).toMatchObject({ status: 'rejected', reason: `activities ${String(orphan.id)}: column case_id names cases case-that-does-not-exist, which is not in the ledger` });
    expect(await ledgerVersion()).toBe(before);
    expect(await desk.services.sync.syncNow()).toMatchObject({ state: 'online', problem: null });
    expect(row(desk, 'activities', String(orphan.id))).toBeUndefined();
  });

  it('(c) refuses a change whose id is not the key its data names, and no desktop loses the borrower’s do-not-contact', async () => {
    // The borrower asked not to be contacted; the ledger and both desktops hold it.
    const ledgerBorrower = { ...(await readRow(relay.database.db, 'borrowers', target.borrowerId))!.data, do_not_contact: 1 };
    await seedRows(relay.database.db, [{ tbl: 'borrowers', id: target.borrowerId, partition: 'TT', data: ledgerBorrower }]);
    for (const honest of [headOffice, desk]) {
      expect(await honest.services.sync.syncNow()).toMatchObject({ state: 'online', problem: null });
      expect(row(honest, 'borrowers', target.borrowerId)).toMatchObject({ do_not_contact: 1 });
    }

    const before = await ledgerVersion();
    const forgedId = `b-${randomUUID()}`;
    const forged: RowChange = { tbl: 'borrowers', id: forgedId, op: 'upsert', data: { ...ledgerBorrower, do_not_contact: 0 }, base: null, baseVersion: null };
    const result = await pushRaw('borrowers.setPreferences', agentId, [forged]);
    expect(result).toMatchObject({ status: 'rejected', reason: `borrowers ${forgedId}: the change's id must be the row's key, but its data names ${target.borrowerId}` });
    expect(await ledgerVersion()).toBe(before);

    for (const honest of [headOffice, desk]) {
      expect(await honest.services.sync.syncNow()).toMatchObject({ state: 'online', problem: null });
      expect(row(honest, 'borrowers', target.borrowerId)).toMatchObject({ do_not_contact: 1 });
    }
  });

  describe('(d) a ledger poisoned before the relay checked rows', () => {
    let fresh: Desktop;
    afterAll(async () => {
      await fresh?.close();
    });

    it("a fresh desktop's first sync completes, sets the row aside with its reason and takes everything else; the corrected row applies and clears it", async () => {
      const { loan_id: _dropped, ...poisoned } = activity({ notes: 'Poisoned before the fix' });
      const poisonedId = String(poisoned.id);
      await seedRows(relay.database.db, [{ tbl: 'activities', id: poisonedId, partition: 'TT', data: poisoned }]);

      fresh = desktop('new replica');
      await fresh.services.sync.configure({ relayUrl: relay.url, deviceToken: (await addDevice(relay.database.db, 'new replica')).token });
      const status = await fresh.services.sync.syncNow();
      expect(status).toMatchObject({ state: 'online', problem: null, setAside: 1 });
      const setAside = await fresh.call<{ rows: { tbl: string; key: string; reason: string }[] }>(fresh.as('supervisor'), 'sync.setAside', {});
      expect(setAside.rows).toEqual([expect.objectContaining({ tbl: 'activities', key: poisonedId, reason: expect.stringContaining('loan_id') })]);
      expect(row(fresh, 'activities', poisonedId)).toBeUndefined();
      expect(fresh.store.sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(await headOffice.services.sync.syncNow()).toMatchObject({ state: 'online', problem: null, setAside: 1 });
      expect(replicaRows(fresh)).toEqual(replicaRows(headOffice));

      await seedRows(relay.database.db, [{ tbl: 'activities', id: poisonedId, partition: 'TT', data: { ...poisoned, loan_id: target.loanId } }]);
      expect(await fresh.services.sync.syncNow()).toMatchObject({ state: 'online', problem: null, setAside: 0 });
      expect(row(fresh, 'activities', poisonedId)).toMatchObject({ loan_id: target.loanId, notes: 'Poisoned before the fix' });
      expect(fresh.store.sqlite.prepare('SELECT count(*) FROM sync_set_aside').pluck().get()).toBe(0);
    });

    it('a row whose parent is missing is set aside, on a first sync and on a later one, and applies once its parent arrives', async () => {
      const parentId = `case-${randomUUID()}`;
      const orphan = activity({ case_id: parentId, notes: 'Written before its case' });
      const orphanId = String(orphan.id);
      await seedRows(relay.database.db, [{ tbl: 'activities', id: orphanId, partition: 'TT', data: orphan }]);

      // The desk already holds the book: a later sync; another new replica: a first one.
      const second = desktop('second new replica');
      try {
        await second.services.sync.configure({ relayUrl: relay.url, deviceToken: (await addDevice(relay.database.db, 'second new replica', ['TT'])).token });
        for (const replica of [desk, second]) {
          expect(await replica.services.sync.syncNow()).toMatchObject({ state: 'online', problem: null, setAside: 1 });
          const listed = await replica.call<{ rows: { key: string; reason: string }[] }>(replica.as('supervisor'), 'sync.setAside', {});
          expect(listed.rows).toEqual([expect.objectContaining({ key: orphanId, reason: expect.stringContaining(`cases ${parentId}`) })]);
          expect(row(replica, 'activities', orphanId)).toBeUndefined();
          expect(replica.store.sqlite.pragma('foreign_key_check')).toEqual([]);
        }

        const parent: Data = { ...row(headOffice, 'cases', target.caseId)!, id: parentId };
        delete parent.active;
        await seedRows(relay.database.db, [{ tbl: 'cases', id: parentId, partition: 'TT', data: parent }]);
        for (const replica of [desk, second]) {
          expect(await replica.services.sync.syncNow()).toMatchObject({ state: 'online', problem: null, setAside: 0 });
          expect(row(replica, 'activities', orphanId)).toMatchObject({ case_id: parentId });
        }
      } finally {
        await second.close();
      }
    });
  });
});
