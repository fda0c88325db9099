import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { webhookSubscriptions } from '../db/schema';
import { seedRows } from '../test-support/ledger-fixtures';
import { scratchPglite } from '../test-support/scratch-databases';
import { useScratchRelay } from '../test-support/scratch-relay';
import { attemptsOf, caseData, deliveryOf, eventsOfRow, ledgerRow, PUBLIC_ADDRESS, TEST_WORKER, uniqueKey } from './event-fixtures';
import { addSubscription, removeSubscription } from './subscriptions';

/** DNS as the test says it is: the resolver is the relay's boundary with the network. */
function fakeDns(answers: Readonly<Record<string, readonly string[]>>) {
  return vi.fn(async (hostname: string) => {
    const found = answers[hostname];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return [...found];
  });
}

/** A TCP port that counts the connections it gets, so a test can tell none was tried. */
async function countingPort(): Promise<{ port: number; connections: () => number; close(): Promise<void> }> {
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, connections: () => connections, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('webhook receivers on private, local and special addresses', () => {
  const dns = fakeDns({});
  const scratch = useScratchRelay(scratchPglite, { webhooks: { ...TEST_WORKER, resolveHost: dns } });
  const db = () => scratch.relay.database.db;
  const add = (url: string, answers: Readonly<Record<string, readonly string[]>> = {}) => addSubscription(db(), { url, events: ['case.opened'] }, fakeDns(answers));

  it.each([
    ['https://10.0.0.5/hook', 'private network (RFC 1918)'],
    ['https://172.16.4.1/hook', 'private network (RFC 1918)'],
    ['https://192.168.1.20/hook', 'private network (RFC 1918)'],
    ['https://[fc00::1]/hook', 'unique local (fc00::/7)'],
    ['https://[fd12:3456::1]/hook', 'unique local (fc00::/7)'],
    ['https://127.0.0.2/hook', 'loopback'],
    ['https://[::ffff:127.0.0.1]/hook', 'loopback'],
    ['https://169.254.10.1/hook', 'link-local'],
    ['https://[fe80::1]/hook', 'link-local'],
    ['https://169.254.169.254/latest/meta-data', 'cloud metadata service'],
    ['https://[fd00:ec2::254]/hook', 'cloud metadata service'],
    ['https://metadata.google.internal/computeMetadata/v1/', 'cloud metadata service'],
    ['https://0.0.0.0/hook', 'unspecified'],
    ['https://[::]/hook', 'unspecified'],
    ['https://224.0.0.1/hook', 'multicast'],
    ['https://[ff02::1]/hook', 'multicast'],
    ['https://255.255.255.255/hook', 'broadcast'],
    ['https://100.64.0.1/hook', 'carrier-grade NAT (100.64.0.0/10)'],
    ['https://[::ffff:10.0.0.5]/hook', 'private network (RFC 1918)'],
    ['https://[::ffff:169.254.169.254]/hook', 'cloud metadata service'],
    ['https://[::ffff:100.64.0.1]/hook', 'carrier-grade NAT (100.64.0.0/10)'],
    ['https://2852039166/', 'cloud metadata service'],
    ['https://0251.0376.0251.0376/', 'cloud metadata service'],
    ['https://0x0a000005/', 'private network (RFC 1918)'],
    ['https://[64:ff9b::a00:5]/hook', 'special-purpose'],
  ])('refuses %s when it is added, naming the rule (%s)', async (url, rule) => {
    const before = await db().select().from(webhookSubscriptions);
    await expect(add(url)).rejects.toMatchObject({ code: 'validation', field: 'url', message: expect.stringContaining(rule) });
    expect(await db().select().from(webhookSubscriptions)).toEqual(before);
  });

  it('resolves a name when it is added and refuses it if any address it resolves to is private', async () => {
    await expect(add('https://hooks.lender.example/in', { 'hooks.lender.example': ['10.0.0.5'] })).rejects.toThrow('hooks.lender.example resolves to 10.0.0.5, a private network (RFC 1918) address');
    await expect(add('https://hooks.lender.example/in', { 'hooks.lender.example': [PUBLIC_ADDRESS, 'fd00::7'] })).rejects.toThrow('unique local (fc00::/7)');
    await expect(add('https://hooks.lender.example/in', { 'hooks.lender.example': ['::ffff:192.168.0.9'] })).rejects.toThrow('private network (RFC 1918)');
    await expect(add('https://nowhere.lender.example/in')).rejects.toThrow('nowhere.lender.example does not resolve');
  });

  it('takes a public name, and plain http only to localhost, 127.0.0.1 or [::1]', async () => {
    for (const [url, answers] of [
      ['https://hooks.lender.example/in', { 'hooks.lender.example': [PUBLIC_ADDRESS] }],
      ['http://localhost:9/in', { localhost: ['127.0.0.1', '::1'] }],
      ['http://127.0.0.1:9/in', {}],
      ['http://[::1]:9/in', {}],
    ] as const) {
      const { subscription } = await add(url, answers);
      await removeSubscription(db(), subscription.id);
    }
  });

  it('checks the name again at send time, and never connects to an address it now refuses', async () => {
    const listener = await countingPort();
    try {
      const names = { private: `private-${uniqueKey()}.lender.example`, loopback: `loop-${uniqueKey()}.lender.example` };
      const publicly = { [names.private]: [PUBLIC_ADDRESS], [names.loopback]: [PUBLIC_ADDRESS] };
      const toPrivate = (await add(`https://${names.private}:${listener.port}/in`, publicly)).subscription;
      const toLoopback = (await add(`https://${names.loopback}:${listener.port}/in`, publicly)).subscription;
      // Rebound since: the relay's DNS now answers a private address and this machine.
      dns.mockImplementation(fakeDns({ [names.private]: ['10.0.0.5'], [names.loopback]: ['127.0.0.1'] }));

      const id = `case-${uniqueKey()}`;
      await seedRows(db(), [ledgerRow('cases', caseData(id))]);
      const [event] = await eventsOfRow(db(), id);
      for (const [subscription, why] of [
        [toPrivate, `refused before connecting: ${names.private} resolves to 10.0.0.5, a private network (RFC 1918) address`],
        [toLoopback, `refused before connecting: ${names.loopback} resolves to 127.0.0.1, a loopback address`],
      ] as const) {
        const [first] = await vi.waitFor(async () => {
          const attempts = await attemptsOf(db(), (await deliveryOf(db(), event!.id, subscription.id))?.id ?? '');
          expect(attempts.length).toBeGreaterThan(0);
          return attempts;
        }, { timeout: 10_000, interval: 20 });
        expect(first).toMatchObject({ httpStatus: null, error: expect.stringContaining(why) });
        await removeSubscription(db(), subscription.id);
      }
      expect(listener.connections()).toBe(0);
    } finally {
      await listener.close();
    }
  });
});
