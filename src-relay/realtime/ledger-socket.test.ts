import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDevice, revokeDevice } from '../devices/device-tokens';
import { currentVersion } from '../ledger/ledger-clock';
import { startRelay, type RunningRelay } from '../start-relay';
import { allRowsOf, borrowerRows, readRow, seedRows } from '../test-support/ledger-fixtures';
import { scratchPglite, scratchPostgres, type ScratchDatabase } from '../test-support/scratch-databases';
import { useScratchRelay } from '../test-support/scratch-relay';
import { connectSocket } from '../test-support/socket-client';
import { postAsTwilio, TEST_AUTH_TOKEN } from '../test-support/twilio-requests';
import { CLOSE_UNAUTHORIZED } from './ledger-socket';

const socketUrl = (relay: RunningRelay, query = '') => `${relay.url.replace(/^http/, 'ws')}/api/sync/ws${query}`;

describe('sync socket with two relays on one Postgres', () => {
  let database: ScratchDatabase;
  let relayA: RunningRelay;
  let relayB: RunningRelay;
  let token: string;
  beforeAll(async () => {
    database = await scratchPostgres();
    [relayA, relayB] = await Promise.all([
      startRelay({ database: database.target, port: 0, twilioAuthToken: TEST_AUTH_TOKEN }),
      startRelay({ database: database.target, port: 0, twilioAuthToken: TEST_AUTH_TOKEN }),
    ]);
    ({ token } = await addDevice(relayA.database.db, 'Front desk 2'));
  });
  afterAll(async () => {
    await relayA?.close();
    await relayB?.close();
    await database?.drop();
  });

  it('tells a desktop connected to relay B about a Twilio callback that arrived at relay A', async () => {
    const borrower = borrowerRows();
    await seedRows(relayA.database.db, allRowsOf(borrower));
    const socket = connectSocket(socketUrl(relayB, `?token=${token}`));
    await socket.opened;
    const before = await currentVersion(relayA.database.db);

    expect((await postAsTwilio(relayA.url, '/api/twilio/webhook/sms', { MessageSid: borrower.sids.message, MessageStatus: 'delivered' })).status).toBe(204);
    const notice = await socket.next((message) => message.type === 'changed' && Number(message.version) > before);

    const delivered = await readRow(relayB.database.db, 'messages', borrower.ids.message);
    expect(notice).toEqual({ type: 'changed', version: delivered!.version });
    expect(delivered?.data.status).toBe('delivered');
    socket.close();
  });

  it('accepts the token as a Bearer header too', async () => {
    const socket = connectSocket(socketUrl(relayB), { authorization: `Bearer ${token}` });
    await socket.opened;
    await seedRows(relayA.database.db, [{ tbl: 'notes', id: 'n1', partition: '*', data: { id: 'n1' } }]);
    expect(await socket.next((message) => message.type === 'changed')).toEqual({ type: 'changed', version: await currentVersion(relayA.database.db) });
    socket.close();
  });

  it('closes with 4401 without a token, with a wrong one, or with a revoked device’s', async () => {
    const revoked = await addDevice(relayA.database.db, 'Stolen laptop');
    await revokeDevice(relayA.database.db, revoked.device.id);
    for (const query of ['', '?token=wrong', `?token=${revoked.token}`]) {
      expect(await connectSocket(socketUrl(relayB, query)).closed).toBe(CLOSE_UNAUTHORIZED);
    }
  });
});

describe('sync socket on PGlite', () => {
  const scratch = useScratchRelay(scratchPglite);

  it('notifies connected desktops of each committed write, in-process', async () => {
    const { token } = await addDevice(scratch.relay.database.db, 'Laptop');
    const socket = connectSocket(socketUrl(scratch.relay, `?token=${token}`));
    await socket.opened;
    const [written] = await seedRows(scratch.relay.database.db, [{ tbl: 'notes', id: 'n1', partition: '*', data: { id: 'n1' } }]);
    expect(await socket.next((message) => message.type === 'changed')).toEqual({ type: 'changed', version: written!.version });
    socket.close();
  });
});
