import { describe, expect, it } from 'vitest';
import { addDevice, listDevices, revokeDevice } from '../../src-relay/devices/device-tokens';
import { connectSocket } from '../../src-relay/test-support/socket-client';
import { commandSigningText } from '../../src-shared/sync/command-signature';
import { DEMO_PASSWORD } from '../../src-main/seed/demo-users';
import { signInAtRelay, signWith } from '../../src-relay/test-support/test-users';
import { desktop } from '../desktops';
import { changeOf, creationOf, forgedCommand, freshClientId, useSecurityStage } from './security-fixture';

/**
 * Issue 14, item 4: isolation. A device answers only for itself: its own client ids, its own
 * rejections, its own claims; revoking it cuts it off at once. On main each of these leaked.
 */
describe('security: a device reaches only what is its own', () => {
  const stage = useSecurityStage();
  const get = (path: string, token: string) => fetch(`${stage.relay.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const post = (path: string, token: string, body: unknown) =>
    fetch(`${stage.relay.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });

  it('a regional device cannot read another desk’s rejections (which carry full borrower rows)', async () => {
    // An outbox of the agent desk's device with a rejected command carrying a US borrower's row.
    const clientId = freshClientId();
    const borrower = stage.rowOf('borrowers', `jurisdiction LIKE 'US%' ORDER BY id`);
    await stage.push(stage.tokens.agentDesk, clientId, [forgedCommand('borrowers.setDoNotContact', stage.userOf('supervisor'), [changeOf('borrowers', borrower, { do_not_contact: 1 })], 1)]);
    const own = await get(`/api/sync/rejections?clientId=${clientId}`, stage.tokens.agentDesk);
    expect(((await own.json()) as { rejections: unknown[] }).rejections.length).toBe(1);
    const peek = await get(`/api/sync/rejections?clientId=${clientId}`, stage.tokens.trinidad);
    expect(peek.status).toBe(403);
    expect(JSON.stringify(await peek.json())).not.toContain(String(borrower.last_name));
  });

  it('a claim answers only whether this client may send, never who holds the key, and only the engine host claims', async () => {
    const key = `dunning:${freshClientId()}`;
    const hostClient = freshClientId();
    const first = await post('/api/sync/claim', stage.tokens.engineHost, { clientId: hostClient, key });
    expect(await first.json()).toEqual({ ok: true, granted: true });
    const again = await post('/api/sync/claim', stage.tokens.engineHost, { clientId: freshClientId(), key });
    const answer = await again.json();
    expect(answer).toEqual({ ok: true, granted: false });
    expect(JSON.stringify(answer)).not.toContain(hostClient);
    // A desk claiming keys could only block the engine host's sends.
    expect((await post('/api/sync/claim', stage.tokens.trinidad, { clientId: freshClientId(), key: `dunning:${freshClientId()}` })).status).toBe(403);
  });

  it('no device may push or claim under a client id another device uses, so it cannot wedge that desk’s outbox', async () => {
    // The desk has pushed before, as every working desk has; its client id is its own from then on.
    const caseId = stage.agentDesk.store.sqlite.prepare('SELECT id FROM cases WHERE active = 1 ORDER BY id LIMIT 1').pluck().get() as string;
    await stage.agentDesk.call(stage.agentDesk.as('agent'), 'activities.log', { caseId, type: 'NOTE', notes: 'First of the day' });
    expect(await stage.agentDesk.services.sync.syncNow()).toMatchObject({ state: 'online', pending: 0 });
    const victim = stage.agentDesk.store.clientId;
    const pushed = await stage.push(stage.tokens.trinidad, victim, [forgedCommand('activities.log', stage.userOf('agent'), [], 999)]);
    expect(pushed.status).toBe(403);
    expect(pushed.body.error?.message).toContain(`client id ${victim} belongs to another device`);
    const claimed = await post('/api/sync/claim', stage.tokens.trinidad, { clientId: victim, key: `k-${freshClientId()}` });
    expect(claimed.status).toBe(403);
    // The relay's own outbox (self-service pages) is no device's.
    expect((await stage.push(stage.tokens.trinidad, 'self-service', [forgedCommand('selfService.dispute', 'system', [], 1)])).status).toBe(403);
    // The honest desk carries on.
    await stage.agentDesk.call(stage.agentDesk.as('agent'), 'activities.log', { caseId, type: 'NOTE', notes: 'Still syncing' });
    expect(await stage.agentDesk.services.sync.syncNow()).toMatchObject({ state: 'online', pending: 0 });
  });

  it('a desk’s client id is its device’s from its first pull, before it has pushed anything', async () => {
    const fresh = desktop('fresh desk');
    try {
      await fresh.services.sync.configure({ relayUrl: stage.relay.url, deviceToken: stage.tokens.trinidad });
      expect(await fresh.services.sync.syncNow()).toMatchObject({ state: 'online', pending: 0 });
      const squat = await stage.push(stage.tokens.agentDesk, fresh.store.clientId, [forgedCommand('activities.log', stage.userOf('agent'), [], 1)]);
      expect(squat.status).toBe(403);
    } finally {
      await fresh.close();
    }
  });

  it('a row’s region comes from the ledger’s parents, never from a column the desk sets: a Trinidad desk cannot write into a US case', async () => {
    const agent = stage.userOf('agent');
    const signer = await signInAtRelay(stage.relay.url, stage.tokens.trinidad, agent, DEMO_PASSWORD);
    const usCase = stage.rowOf('cases', `loan_id IN (SELECT l.id FROM loans l JOIN borrowers b ON b.id = l.borrower_id WHERE b.jurisdiction LIKE 'US%') ORDER BY id`);
    const ttBorrower = stage.rowOf('borrowers', `jurisdiction = 'TT' ORDER BY id`);
    const message = {
      id: `msg-${freshClientId()}`, borrower_id: ttBorrower.id, case_id: usCase.id, recovery_action_id: null, channel: 'sms', direction: 'outbound',
      from_address: '+18685550100', to_address: '+18685550111', body: 'Pay now', twilio_sid: null, status: 'queued', error_code: null, at: new Date().toISOString(),
    };
    const clientId = freshClientId();
    const command = forgedCommand('messages.send', agent, [creationOf('messages', message)]);
    const signed = { ...command, auth: { keyId: signer.keyId, signature: signWith(signer.privateKey, commandSigningText(clientId, command)) } };
    const { body } = await stage.push(stage.tokens.trinidad, clientId, [signed]);
    expect(body.results[0]).toMatchObject({ status: 'rejected', reason: `messages ${message.id}: it names parents in different regions (TT, US)` });
    expect(await stage.ledgerData('messages', message.id)).toBeUndefined();
  });

  it('revoking a device closes its open sockets at once, and its token is refused from then on', async () => {
    const { device, token } = await addDevice(stage.relay.database.db, 'stolen laptop');
    const socket = connectSocket(`${stage.relay.url.replace('http', 'ws')}/api/sync/ws?token=${token}`);
    await socket.opened;
    const other = connectSocket(`${stage.relay.url.replace('http', 'ws')}/api/sync/ws?token=${stage.tokens.trinidad}`);
    await other.opened;
    await revokeDevice(stage.relay.database.db, device.id);
    expect(await socket.closed).toBe(4401);
    expect((await get('/api/sync/pull', token)).status).toBe(401);
    // Other devices keep their sockets and their notices.
    const caseId = stage.agentDesk.store.sqlite.prepare('SELECT id FROM cases WHERE active = 1 ORDER BY id LIMIT 1').pluck().get() as string;
    await stage.agentDesk.call(stage.agentDesk.as('agent'), 'activities.log', { caseId, type: 'NOTE', notes: 'After the revocation' });
    await stage.agentDesk.services.sync.syncNow();
    await other.next((notice) => notice.type === 'changed');
    other.close();
    expect((await listDevices(stage.relay.database.db)).find((listed) => listed.id === device.id)?.revokedAt).not.toBeNull();
  });
});
