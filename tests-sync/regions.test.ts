import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVERYONE, ownerOf } from '../src-shared/sync/partitions';
import { createRelayClient } from '../src-main/sync/relay-client';
import { publishToRelay } from '../src-main/sync/publish';
import { rowKey, SYNCED_TABLES } from '../src-main/sync/synced-tables';
import { addDevice } from '../src-relay/devices/device-tokens';
import { startRelay, type RunningRelay } from '../src-relay/start-relay';
import { scratchPostgres, type ScratchDatabase } from '../src-relay/test-support/scratch-databases';
import { desktop, syncedRows, type Desktop } from './desktops';

/** The rows of `rows` a desk serving `region` may see, worked out here from the owners, independently of the relay. */
function visibleTo(region: string, rows: Record<string, unknown[]>): Record<string, unknown[]> {
  const partitionOf = new Map<string, string>();
  const key = (tbl: string, id: string) => `${tbl}\u001f${id}`;
  const place = (tbl: string, data: Record<string, unknown>): string => {
    const owner = ownerOf(tbl, data);
    if (!owner) return EVERYONE;
    if ('region' in owner) return owner.region;
    return partitionOf.get(key(owner.tbl, owner.id)) ?? EVERYONE;
  };
  for (const tbl of ['borrowers', 'loans', 'cases']) {
    const table = SYNCED_TABLES.find((candidate) => candidate.name === tbl)!;
    for (const data of rows[tbl] as Record<string, unknown>[]) partitionOf.set(key(tbl, rowKey(table, data)), place(tbl, data));
  }
  return Object.fromEntries(
    Object.entries(rows).map(([tbl, list]) => [tbl, (list as Record<string, unknown>[]).filter((data) => [EVERYONE, region].includes(place(tbl, data)))]),
  );
}

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
