import { beforeAll, describe, expect, it } from 'vitest';
import { runDeviceCommand } from '../cli/device-command';
import type { RelayConfig } from '../config';
import { devices } from '../db/schema';
import { addDevice, hashToken, revokeDevice } from '../devices/device-tokens';
import type { ChangesPage, LedgerRowInput } from '../ledger';
import { seedRows } from '../test-support/ledger-fixtures';
import { scratchPostgres } from '../test-support/scratch-databases';
import { useScratchRelay } from '../test-support/scratch-relay';

describe('device tokens and /api/sync/pull', () => {
  const scratch = useScratchRelay(scratchPostgres);
  let token: string;
  const pull = (query: string, bearer: string | null = token) =>
    fetch(`${scratch.relay.url}/api/sync/pull${query}`, { headers: bearer === null ? {} : { authorization: `Bearer ${bearer}` } });
  const pullPage = async (query: string) => (await (await pull(query)).json()) as ChangesPage & { ok: true };

  beforeAll(async () => {
    ({ token } = await addDevice(scratch.relay.database.db, 'Front desk 1'));
  });

  it('answers healthz with the relay version after reaching the database', async () => {
    const response = await fetch(`${scratch.relay.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, version: '0.1.0', database: 'postgres', ledgerVersion: expect.any(Number) });
  });

  it('refuses pulls without a token, with an unknown one, or with a revoked device’s (401 JSON)', async () => {
    const revoked = await addDevice(scratch.relay.database.db, 'Old laptop');
    expect((await pull('', revoked.token)).status).toBe(200);
    await revokeDevice(scratch.relay.database.db, revoked.device.id);
    for (const bearer of [null, 'not-a-token', revoked.token]) {
      const response = await pull('', bearer);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    }
    expect((await fetch(`${scratch.relay.url}/api/sync/pull?token=${token}`)).status).toBe(401);
  });

  it('pages the ledger by cursor, limited to the asked partitions and everyone’s', async () => {
    const rows = (partition: string, ...ids: string[]): LedgerRowInput[] => ids.map((id) => ({ tbl: 'cases', id, partition, data: { id, partition } }));
    const start = (await pullPage('?partitions=nobody')).cursor;
    await seedRows(scratch.relay.database.db, [...rows('queue-1', 'q1a'), ...rows('queue-2', 'q2a'), ...rows('*', 'shared'), ...rows('queue-1', 'q1b', 'q1c')]);

    const first = await pullPage(`?cursor=${start}&limit=2&partitions=queue-1`);
    // The head tells a first sync how far it has to go: the ledger's newest version, past this partition's rows.
    expect(first).toMatchObject({ ok: true, hasMore: true, cursor: start + 3, head: start + 5, rows: [{ tbl: 'cases', id: 'q1a', version: start + 1, deleted: false, data: { id: 'q1a', partition: 'queue-1' } }, { id: 'shared' }] });
    const second = await pullPage(`?cursor=${first.cursor}&limit=2&partitions=queue-1`);
    expect(second).toMatchObject({ hasMore: false, cursor: start + 5, rows: [{ id: 'q1b' }, { id: 'q1c' }] });
    const both = await pullPage(`?cursor=${start}&partitions=queue-2,queue-1`);
    expect(both.rows.map((row) => row.id)).toEqual(['q1a', 'q2a', 'shared', 'q1b', 'q1c']);
  });

  it.each([['?limit=0', 'limit'], ['?cursor=-1', 'cursor'], ['?limit=many', 'limit']])('refuses %s (400, naming the field)', async (query, field) => {
    const response = await pull(query);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'validation', field } });
  });

  it('answers unknown paths 404 and wrong methods 405, as JSON', async () => {
    expect((await fetch(`${scratch.relay.url}/api/nope`)).status).toBe(404);
    const wrongMethod = await fetch(`${scratch.relay.url}/api/sync/pull`, { method: 'POST' });
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.json()).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('adds, lists and revokes devices from the command line, printing the token once and storing only its hash', async () => {
    const config: RelayConfig = { port: 0, publicUrl: null, twilioAuthToken: null, database: scratch.database.target };
    const run = async (...args: string[]) => {
      const lines: string[] = [];
      await runDeviceCommand(args, config, (line) => lines.push(line));
      return lines;
    };
    const added = await run('add', '--name', 'Front desk 3');
    const cliToken = added[2]!;
    expect(cliToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const id = added[0]!.match(/dev_[0-9a-f-]+/)![0];
    expect(added.join('\n')).toContain('"Front desk 3"');

    const stored = await scratch.relay.database.db.select().from(devices);
    expect(stored.map((device) => device.tokenHash)).toContain(hashToken(cliToken));
    expect(JSON.stringify(stored)).not.toContain(cliToken);
    expect((await pull('', cliToken)).status).toBe(200);

    expect((await run('list')).some((line) => line.startsWith(id) && !line.includes('revoked'))).toBe(true);
    expect((await run('revoke', '--id', id))[0]).toMatch(/^Revoked dev_.*revoked \d{4}-/);
    expect((await pull('', cliToken)).status).toBe(401);
    expect((await run('list')).find((line) => line.startsWith(id))).toContain('revoked');
    await expect(run('revoke', '--id', id)).rejects.toThrow('already revoked');
    await expect(run('add')).rejects.toThrow('--name');
    await expect(run('frobnicate')).rejects.toThrow('usage');
  });
});
