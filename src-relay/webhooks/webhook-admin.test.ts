import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runWebhookCommand } from '../cli/webhook-command';
import type { RelayConfig } from '../config';
import { webhookSubscriptions } from '../db/schema';
import { addDevice } from '../devices/device-tokens';
import { seedRows } from '../test-support/ledger-fixtures';
import { scratchPostgres } from '../test-support/scratch-databases';
import { useScratchRelay } from '../test-support/scratch-relay';
import { postJson } from '../test-support/sync-client';
import { signInAtRelay, userRow } from '../test-support/test-users';
import { SESSION_HEADER } from '../../src-shared/identity/relay-sign-in';
import { caseData, eventsOfRow, ledgerRow, PUBLIC_ADDRESS, TEST_WORKER, uniqueKey } from './event-fixtures';
import { startReceiver, type TestReceiver } from './test-receiver';

describe('managing webhooks', () => {
  const scratch = useScratchRelay(scratchPostgres, { webhooks: TEST_WORKER });
  let receiver: TestReceiver;
  let adminToken: string;
  let regionalToken: string;
  let asAdmin: Record<string, string>;
  let asAgent: Record<string, string>;
  const get = (path: string, token: string | null, headers: Record<string, string> = {}) =>
    fetch(`${scratch.relay.url}${path}`, { headers: { ...headers, ...(token === null ? {} : { authorization: `Bearer ${token}` }) } });
  const cli = async (...args: string[]) => {
    const config: RelayConfig = { port: 0, publicUrl: null, twilioAuthToken: null, database: scratch.database.target };
    const lines: string[] = [];
    await runWebhookCommand(args, config, (line) => lines.push(line));
    return lines;
  };

  beforeAll(async () => {
    receiver = await startReceiver();
    ({ token: adminToken } = await addDevice(scratch.relay.database.db, 'Head office'));
    ({ token: regionalToken } = await addDevice(scratch.relay.database.db, 'Port of Spain desk', ['TT']));
    await seedRows(scratch.relay.database.db, [userRow('u-admin', 'admin'), userRow('u-agent', 'agent')].map((data) => ({ tbl: 'users', id: String(data.id), partition: '*', data })));
    asAdmin = { [SESSION_HEADER]: (await signInAtRelay(scratch.relay.url, adminToken, 'u-admin')).session };
    asAgent = { [SESSION_HEADER]: (await signInAtRelay(scratch.relay.url, adminToken, 'u-agent')).session };
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it('lets only an administrator signed in on a device of every region manage webhooks over HTTP', async () => {
    // A device token alone is no one; an agent's session is not an administrator's.
    expect((await get('/api/webhooks/subscriptions', adminToken)).status).toBe(401);
    expect((await postJson(`${scratch.relay.url}/api/webhooks/subscriptions`, adminToken, { url: `https://${PUBLIC_ADDRESS}/x`, events: ['case.opened'] })).status).toBe(401);
    const agent = await postJson(`${scratch.relay.url}/api/webhooks/subscriptions`, adminToken, { url: `https://${PUBLIC_ADDRESS}/x`, events: ['case.opened'] }, asAgent);
    expect(agent.status).toBe(403);
    expect(await agent.json()).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('admin_settings') } });
    expect((await get('/api/webhooks/subscriptions', null)).status).toBe(401);
    expect((await get('/api/webhooks/subscriptions', 'not-a-token')).status).toBe(401);
    const regional = await get('/api/webhooks/subscriptions', regionalToken);
    expect(regional.status).toBe(403);
    expect(await regional.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await postJson(`${scratch.relay.url}/api/webhooks/subscriptions`, regionalToken, { url: 'https://x.example', events: ['case.opened'] })).status).toBe(403);
    expect((await postJson(`${scratch.relay.url}/api/webhooks/replay`, regionalToken, { eventId: 'evt_x' })).status).toBe(403);
    expect((await get('/api/webhooks/deliveries', regionalToken)).status).toBe(403);
  });

  it('adds, lists and removes subscriptions over HTTP, showing the secret only when made', async () => {
    // An address rather than a name: the relay resolves names when they are added, and tests have no DNS.
    const url = `https://${PUBLIC_ADDRESS}/recourse`;
    const created = await postJson(`${scratch.relay.url}/api/webhooks/subscriptions`, adminToken, { url, events: ['case.closed', 'case.opened', 'case.closed'] }, asAdmin);
    expect(created.status).toBe(201);
    const { subscription, secret } = (await created.json()) as { subscription: { id: string }; secret: string };
    expect(subscription).toMatchObject({ id: expect.stringMatching(/^whs_/), url, eventTypes: ['case.closed', 'case.opened'], active: true });

    const listed = (await (await get('/api/webhooks/subscriptions', adminToken, asAdmin)).json()) as { subscriptions: { id: string }[] };
    expect(listed.subscriptions.map((listedOne) => listedOne.id)).toContain(subscription.id);
    expect(JSON.stringify(listed)).not.toContain(secret);

    const removed = await postJson(`${scratch.relay.url}/api/webhooks/subscriptions/remove`, adminToken, { id: subscription.id }, asAdmin);
    expect(await removed.json()).toMatchObject({ ok: true, subscription: { id: subscription.id, active: false, removedAt: expect.any(String) } });
    expect((await postJson(`${scratch.relay.url}/api/webhooks/subscriptions/remove`, adminToken, { id: subscription.id }, asAdmin)).status).toBe(409);
    expect((await postJson(`${scratch.relay.url}/api/webhooks/subscriptions/remove`, adminToken, { id: 'whs_nope' }, asAdmin)).status).toBe(404);
  });

  it.each([
    [{ url: 'http://lender.example/hook', events: ['case.opened'] }, 'url', 'https'],
    [{ url: 'https://user:pw@lender.example/hook', events: ['case.opened'] }, 'url', 'credentials'],
    [{ url: 'not a url', events: ['case.opened'] }, 'url', 'https'],
    [{ url: 'https://lender.example/hook', events: ['loan.paid'] }, 'events.0', 'must be among'],
    [{ url: 'https://lender.example/hook', events: [] }, 'events', 'at least one'],
    [{ url: 'https://10.0.0.5/hook', events: ['case.opened'] }, 'url', '10.0.0.5 is a private network (RFC 1918) address'],
    [{ url: 'https://2852039166/', events: ['case.opened'] }, 'url', '169.254.169.254 is a cloud metadata service address'],
  ])('refuses a subscription %j (400 naming %s)', async (body, field, message) => {
    const response = await postJson(`${scratch.relay.url}/api/webhooks/subscriptions`, adminToken, body, asAdmin);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'validation', field, message: expect.stringContaining(message) } });
  });

  it('adds, lists, shows deliveries of, replays and removes from the command line', async () => {
    const added = await cli('add', '--url', `${receiver.url}/cli`, '--events', 'case.opened, delinquency.changed');
    const id = added[0]!.match(/whs_[0-9a-f-]+/)![0];
    const secret = added[2]!;
    expect(added[0]).toContain('case.opened,delinquency.changed');
    expect(secret).toMatch(/^whsec_/);
    expect((await cli('list')).find((line) => line.startsWith(id))).not.toContain(secret);

    const caseId = `case-${uniqueKey()}`;
    await seedRows(scratch.relay.database.db, [ledgerRow('cases', caseData(caseId))]);
    const [event] = await eventsOfRow(scratch.relay.database.db, caseId);
    await vi.waitFor(() => expect(receiver.at('/cli')).toHaveLength(1), { timeout: 10_000, interval: 20 });
    const deliveries = await vi.waitFor(async () => {
      const lines = await cli('deliveries', '--event', event!.id);
      expect(lines[0]).toContain('delivered');
      return lines;
    });
    expect(deliveries[0]).toMatch(/^whd_\S+ {2}case\.opened {2}evt_\S+ {2}whs_\S+ {2}delivered {2}attempts 1 {2}last 200 at /);

    const deliveryId = deliveries[0]!.split(' ')[0]!;
    expect(await cli('replay', '--delivery', deliveryId)).toEqual([`Queued ${deliveryId} again`]);
    // Queued by another process: the relay finds it on its next poll.
    await vi.waitFor(() => expect(receiver.at('/cli')).toHaveLength(2), { timeout: 10_000, interval: 20 });
    expect(receiver.at('/cli').map((request) => request.event.id)).toEqual([event!.id, event!.id]);

    expect((await cli('remove', '--id', id))[0]).toMatch(/^Removed whs_.*removed \d{4}-/);
    await expect(cli('remove', '--id', id)).rejects.toThrow('already removed');
    await expect(cli('add', '--url', 'https://lender.example')).rejects.toThrow('events');
    await expect(cli('replay')).rejects.toThrow('--delivery ID or --event ID');
    await expect(cli('deliveries', '--status', 'lost')).rejects.toThrow('input');
    await expect(cli('frobnicate')).rejects.toThrow('usage');
    const stored = await scratch.relay.database.db.select().from(webhookSubscriptions);
    expect(stored.find((row) => row.id === id)).toMatchObject({ active: false, secret });
  });
});
