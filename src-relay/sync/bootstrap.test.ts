import { beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../src-shared/sync/protocol';
import { addDevice } from '../devices/device-tokens';
import { startRelay } from '../start-relay';
import { replicaRow } from '../../tests-support/replica-rows';
import { BACKENDS } from '../test-support/scratch-databases';
import { useScratchRelay } from '../test-support/scratch-relay';
import { created, postJson, TestDesktop } from '../test-support/sync-client';

const page = (from: number, count: number) =>
  Array.from({ length: count }, (_, n) => ({
    tbl: 'borrowers',
    id: `b${from + n}`,
    data: replicaRow('borrowers', { id: `b${from + n}`, external_id: `EXT-${from + n}`, first_name: `Borrower ${from + n}`, jurisdiction: 'TT', do_not_contact: 0 }),
  }));

describe.each(BACKENDS)('POST /api/sync/bootstrap on $name', ({ scratch: backend }) => {
  const scratch = useScratchRelay(backend);
  let token: string;
  const bootstrap = (body: unknown) => postJson(`${scratch.relay.url}/api/sync/bootstrap`, token, body);

  beforeAll(async () => {
    ({ token } = await addDevice(scratch.relay.database.db, 'Old desktop'));
  });

  it('refuses a page holding a row that would break a replica, or naming a parent not sent, and writes none of it', async () => {
    const [borrower] = page(0, 1);
    const loan = { tbl: 'loans', id: 'l0', data: replicaRow('loans', { id: 'l0', account_number: 'ACC-0', borrower_id: 'b-never-sent', product_code: 'P-never-sent', currency: 'USD' }) };
    const broken = await bootstrap({ rows: [borrower, { ...borrower!, id: 'b-other', data: { ...borrower!.data, id: 'b-other', first_name: null } }], final: false });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ ok: false, error: { code: 'validation', message: 'the ledger refused this page: borrowers b-other: column first_name is NOT NULL but null' } });
    const orphan = await bootstrap({ rows: [borrower, loan], final: false });
    expect(await orphan.json()).toMatchObject({ ok: false, error: { code: 'validation', message: 'the ledger refused this page: loans l0: column borrower_id names borrowers b-never-sent, which is not in the ledger' } });
    const pulled = (await (await fetch(`${scratch.relay.url}/api/sync/pull`, { headers: { authorization: `Bearer ${token}` } })).json()) as PullResponse;
    expect(pulled.rows).toEqual([]);
  });

  it('takes pages until the final one, then refuses more (409); pull returns every row', async () => {
    const first = await bootstrap({ rows: page(0, 3), final: false });
    expect(await first.json()).toEqual({ ok: true, written: 3, version: 3, bootstrapped: false });
    const last = await bootstrap({ rows: page(3, 2), final: true });
    expect(await last.json()).toEqual({ ok: true, written: 2, version: 5, bootstrapped: true });

    const late = await bootstrap({ rows: page(5, 1), final: true });
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ ok: false, error: { code: 'conflict', message: 'the ledger has already been bootstrapped' } });

    const pulled = (await (await fetch(`${scratch.relay.url}/api/sync/pull`, { headers: { authorization: `Bearer ${token}` } })).json()) as PullResponse;
    expect(pulled.rows.map((row) => [row.id, row.version])).toEqual(page(0, 5).map((row, n) => [row.id, n + 1]));
    expect(pulled.rows[0]).toEqual({ tbl: 'borrowers', id: 'b0', version: 1, deleted: false, data: page(0, 1)[0]!.data });
  });

  it('is closed on a ledger a command was pushed to', async () => {
    const fresh = await backend();
    const other = await startRelay({ database: fresh.target, port: 0 });
    try {
      const device = await addDevice(other.database.db, 'New desktop');
      const outbox = new TestDesktop(other.url, device.token);
      expect((await outbox.run('activities.log', 'u-nobody', [created('activities', { id: 'a1' })])).status).toBe('rejected');
      const refused = await postJson(`${other.url}/api/sync/bootstrap`, device.token, { rows: page(0, 1), final: true });
      expect(refused.status).toBe(409);
      expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('commands have already been pushed') } });
    } finally {
      await other.close();
      await fresh.drop();
    }
  });

  it('refuses pages without a device token or with malformed rows', async () => {
    expect((await postJson(`${scratch.relay.url}/api/sync/bootstrap`, null, { rows: [], final: true })).status).toBe(401);
    const malformed = await bootstrap({ rows: [{ tbl: 'borrowers', id: '', data: {} }], final: false });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ ok: false, error: { code: 'validation', field: 'rows.0.id' } });
  });
});
