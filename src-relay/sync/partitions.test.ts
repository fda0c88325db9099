import { beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../src-shared/sync/protocol';
import { addDevice } from '../devices/device-tokens';
import { readRow } from '../test-support/ledger-fixtures';
import { replicaRow } from '../../tests-support/replica-rows';
import { BACKENDS } from '../test-support/scratch-databases';
import { useScratchRelay } from '../test-support/scratch-relay';
import { created, postJson, TestDesktop, updated } from '../test-support/sync-client';
import { userRow } from '../test-support/test-users';

type Data = Record<string, unknown>;

const agent = userRow('u-agent', 'agent');
/** The product every loan here is of: configuration, everyone's. */
const PRODUCT = { tbl: 'products', id: 'P1', data: replicaRow('products', { code: 'P1', name: 'Personal loan', kind: 'personal' }) };
/** An activity on a case, as the desktop writes it. */
const activity = (id: string, key: string): Data => replicaRow('activities', { id, case_id: `c-${key}`, loan_id: `l-${key}`, type: 'NOTE', performed_by: 'u-agent', at: '2026-11-20T10:00:00.000Z' });
const caseOf = (key: string): Data => replicaRow('cases', { id: `c-${key}`, loan_id: `l-${key}`, status: 'open', priority: 'LOW' });
/** One borrower's owned rows: the borrower, a loan, its case and an activity on the case. */
function borrowerFamily(key: string, jurisdiction: string): { tbl: string; id: string; data: Data }[] {
  return [
    { tbl: 'borrowers', id: `b-${key}`, data: replicaRow('borrowers', { id: `b-${key}`, external_id: `EXT-${key}`, first_name: key, last_name: 'Borrower', jurisdiction }) },
    { tbl: 'loans', id: `l-${key}`, data: replicaRow('loans', { id: `l-${key}`, borrower_id: `b-${key}`, product_code: 'P1', account_number: `ACC-${key}` }) },
    { tbl: 'cases', id: `c-${key}`, data: caseOf(key) },
    { tbl: 'activities', id: `a-${key}`, data: activity(`a-${key}`, key) },
  ];
}

describe.each(BACKENDS)('regions: a desk sees and changes only its borrowers, on $name', ({ scratch: backend }) => {
  const scratch = useScratchRelay(backend);
  let everywhere: string;
  let trinidad: string;
  const pull = async (token: string) => {
    const response = await fetch(`${scratch.relay.url}/api/sync/pull?cursor=0&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
    return (await response.json()) as PullResponse;
  };

  beforeAll(async () => {
    everywhere = (await addDevice(scratch.relay.database.db, 'Head office')).token;
    trinidad = (await addDevice(scratch.relay.database.db, 'Port of Spain desk', ['tt'])).token;
    // A bootstrap page in an order where children come first: owners in the same page still place them.
    const rows = [...borrowerFamily('tt1', 'TT').reverse(), ...borrowerFamily('us1', 'US-MA'), { tbl: 'users', id: 'u-agent', data: agent }, PRODUCT];
    const response = await postJson(`${scratch.relay.url}/api/sync/bootstrap`, everywhere, { rows, final: false });
    expect(response.status).toBe(200);
    // A later page: its rows' owners are already in the ledger.
    const later = await postJson(`${scratch.relay.url}/api/sync/bootstrap`, everywhere, { rows: [{ tbl: 'activities', id: 'a-us2', data: activity('a-us2', 'us1') }], final: true });
    expect(later.status).toBe(200);
  });

  it("places each row in its borrower's region and configuration in everyone's", async () => {
    const partition = async (tbl: string, id: string) => (await readRow(scratch.relay.database.db, tbl, id))?.partition;
    expect(await Promise.all([partition('borrowers', 'b-tt1'), partition('loans', 'l-tt1'), partition('cases', 'c-tt1'), partition('activities', 'a-tt1')])).toEqual(['TT', 'TT', 'TT', 'TT']);
    expect(await Promise.all([partition('cases', 'c-us1'), partition('activities', 'a-us2')])).toEqual(['US', 'US']);
    expect([await partition('users', 'u-agent'), await partition('products', 'P1')]).toEqual(['*', '*']);
  });

  it('a regional desk pulls its region and the configuration, nothing else; head office pulls everything', async () => {
    const regional = await pull(trinidad);
    expect(regional.rows.map((row) => row.id).sort()).toEqual(['P1', 'a-tt1', 'b-tt1', 'c-tt1', 'l-tt1', 'u-agent']);
    expect((await pull(everywhere)).rows).toHaveLength(11);
    // Asking for another region does not widen what the desk may read.
    const widened = await fetch(`${scratch.relay.url}/api/sync/pull?cursor=0&partitions=US`, { headers: { authorization: `Bearer ${trinidad}` } });
    expect(((await widened.json()) as PullResponse).rows.map((row) => row.id).sort()).toEqual(['P1', 'u-agent']);
  });

  it("a regional desk's command on another region's case is refused; on its own it applies", async () => {
    const desk = new TestDesktop(scratch.relay.url, trinidad);
    await desk.signIn('u-agent');
    const foreign = await desk.run('activities.log', 'u-agent', [created('activities', activity('a-foreign', 'us1'))]);
    expect(foreign).toMatchObject({ status: 'rejected', reason: 'activities a-foreign: it belongs to region US, which this device does not serve' });
    const moved = await desk.run('cases.update', 'u-agent', [updated('cases', caseOf('us1'), { priority: 'HIGH' })]);
    expect(moved.status).toBe('rejected');
    const own = await desk.run('activities.log', 'u-agent', [created('activities', activity('a-own', 'tt1'))]);
    expect(own.status).toBe('applied');
    expect((await readRow(scratch.relay.database.db, 'activities', 'a-own'))?.partition).toBe('TT');
  });

  it('only a device serving every region may bootstrap a ledger', async () => {
    const response = await postJson(`${scratch.relay.url}/api/sync/bootstrap`, trinidad, { rows: [], final: true });
    expect(response.status).toBe(403);
  });
});
