import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WebhookEventType } from '../db/schema';
import { addDevice } from '../devices/device-tokens';
import { seedRows } from '../test-support/ledger-fixtures';
import { BACKENDS } from '../test-support/scratch-databases';
import { useScratchRelay } from '../test-support/scratch-relay';
import { postJson } from '../test-support/sync-client';
import { signInAtRelay, userRow } from '../test-support/test-users';
import { SESSION_HEADER } from '../../src-shared/identity/relay-sign-in';
import { attemptData, attemptsOf, caseData, deliveryOf, eventsOfRow, ledgerRow, promiseData, TEST_WORKER, uniqueKey } from './event-fixtures';
import { downUrl, startReceiver, type ReceivedWebhook, type TestReceiver } from './test-receiver';
import { NO_ANSWER } from './send-delivery';
import { removeSubscription } from './subscriptions';

/** The README's recipe, as a receiver would write it. */
function verifies(request: ReceivedWebhook, secret: string): boolean {
  const timestamp = String(request.headers['x-recourse-timestamp']);
  const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex')}`;
  const given = String(request.headers['x-recourse-signature']);
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

const waitFor = <T>(check: () => Promise<T> | T) => vi.waitFor(check, { timeout: 10_000, interval: 20 });

describe.each(BACKENDS)('webhook deliveries on $name', ({ scratch: backend }) => {
  const scratch = useScratchRelay(backend, { webhooks: TEST_WORKER });
  let receiver: TestReceiver;
  let adminToken: string;
  let asAdmin: Record<string, string>;
  const db = () => scratch.relay.database.db;
  const write = (tbl: string, data: Record<string, unknown>) => seedRows(db(), [ledgerRow(tbl, data)]);
  const subscribe = async (url: string, events: WebhookEventType[]) => {
    const response = await postJson(`${scratch.relay.url}/api/webhooks/subscriptions`, adminToken, { url, events }, asAdmin);
    expect(response.status).toBe(201);
    return ((await response.json()) as { subscription: { id: string }; secret: string });
  };
  const settled = async (eventId: string, subscriptionId: string, status: string) =>
    waitFor(async () => {
      const delivery = await deliveryOf(db(), eventId, subscriptionId);
      expect(delivery?.status).toBe(status);
      return delivery!;
    });

  beforeAll(async () => {
    receiver = await startReceiver((path, seenBefore) => (path === '/flaky' && seenBefore < 2 ? 500 : 200));
    ({ token: adminToken } = await addDevice(db(), 'Admin desk'));
    await seedRows(db(), [{ tbl: 'users', id: 'u-admin', partition: '*', data: userRow('u-admin', 'admin') }]);
    asAdmin = { [SESSION_HEADER]: (await signInAtRelay(scratch.relay.url, adminToken, 'u-admin')).session };
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it('signs each delivery over its timestamp and raw body with the subscription’s secret', async () => {
    const { subscription, secret } = await subscribe(`${receiver.url}/signed`, ['delinquency.changed']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const id = `case-${uniqueKey()}`;
    await write('cases', caseData(id));
    await write('cases', caseData(id, { bucket: 'dpd_30_59', dpd: 30, amount_past_due_minor: 61000 }));
    const [event] = await eventsOfRow(db(), id);

    const delivery = await settled(event!.id, subscription.id, 'delivered');
    const [request] = receiver.at('/signed');
    expect(receiver.at('/signed')).toHaveLength(1);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['x-recourse-event-id']).toBe(event!.id);
    expect(request!.headers['x-recourse-delivery-id']).toBe(delivery.id);
    expect(Math.abs(Number(request!.headers['x-recourse-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(verifies(request!, secret)).toBe(true);
    expect(verifies(request!, `${secret}x`)).toBe(false);
    expect(verifies({ ...request!, body: request!.body.replace('"dpd":30', '"dpd":3') }, secret)).toBe(false);
    expect(JSON.parse(request!.body)).toEqual({
      id: event!.id, type: 'delinquency.changed', occurredAt: event!.occurredAt.toISOString(), ledgerVersion: event!.ledgerVersion,
      data: { caseId: id, loanId: `loan-${id}`, accountNumber: `ACC-${id}`, currency: 'USD', previousBucket: 'dpd_1_29', bucket: 'dpd_30_59', dpd: 30, amountPastDueMinor: 61000, balanceMinor: 900000, asOf: expect.any(String) },
    });
    expect(await attemptsOf(db(), delivery.id)).toMatchObject([{ attempt: 1, httpStatus: 200, error: null }]);
    await removeSubscription(db(), subscription.id);
  });

  it('retries a receiver answering 500 with backoff, recording each attempt, until it takes the event', async () => {
    const { subscription } = await subscribe(`${receiver.url}/flaky`, ['case.opened']);
    const id = `case-${uniqueKey()}`;
    await write('cases', caseData(id));
    const [event] = await eventsOfRow(db(), id);

    const delivery = await settled(event!.id, subscription.id, 'delivered');
    expect(delivery).toMatchObject({ attempts: 3, leaseId: null, deliveredAt: expect.any(Date) });
    const attempts = await attemptsOf(db(), delivery.id);
    expect(attempts.map((attempt) => [attempt.attempt, attempt.httpStatus])).toEqual([[1, 500], [2, 500], [3, 200]]);
    // Each retry waited at least half its step: 20 ms, then 40 ms.
    expect(attempts[1]!.attemptedAt.getTime() - attempts[0]!.attemptedAt.getTime()).toBeGreaterThanOrEqual(15);
    expect(attempts[2]!.attemptedAt.getTime() - attempts[1]!.attemptedAt.getTime()).toBeGreaterThanOrEqual(35);
    expect(receiver.at('/flaky').map((request) => request.headers['x-recourse-event-id'])).toEqual([event!.id, event!.id, event!.id]);
    await removeSubscription(db(), subscription.id);
  });

  it('gives up on a receiver that is down for good after the round’s attempts', async () => {
    const { subscription } = await subscribe(await downUrl(), ['contact.blocked']);
    const id = `ca-${uniqueKey()}`;
    await write('contact_attempts', attemptData(id));
    const [event] = await eventsOfRow(db(), id);

    const delivery = await settled(event!.id, subscription.id, 'failed');
    expect(delivery).toMatchObject({ attempts: 4, leaseId: null, deliveredAt: null });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const attempts = await attemptsOf(db(), delivery.id);
    expect(attempts.map((attempt) => [attempt.attempt, attempt.httpStatus, attempt.error])).toEqual([1, 2, 3, 4].map((n) => [n, null, NO_ANSWER]));
    await removeSubscription(db(), subscription.id);
  });

  it('replays a delivery, or every delivery of an event, with the same event id', async () => {
    const { subscription, secret } = await subscribe(`${receiver.url}/replay`, ['promise.kept']);
    const id = `p-${uniqueKey()}`;
    await write('promises', promiseData(id));
    await write('promises', promiseData(id, { status: 'kept' }));
    const [event] = await eventsOfRow(db(), id);
    const delivery = await settled(event!.id, subscription.id, 'delivered');

    const byDelivery = await postJson(`${scratch.relay.url}/api/webhooks/replay`, adminToken, { deliveryId: delivery.id }, asAdmin);
    expect(await byDelivery.json()).toEqual({ ok: true, queued: [delivery.id] });
    await waitFor(() => expect(receiver.at('/replay')).toHaveLength(2));
    const byEvent = await postJson(`${scratch.relay.url}/api/webhooks/replay`, adminToken, { eventId: event!.id }, asAdmin);
    expect(await byEvent.json()).toEqual({ ok: true, queued: [delivery.id] });
    await waitFor(() => expect(receiver.at('/replay')).toHaveLength(3));

    const requests = receiver.at('/replay');
    expect(new Set(requests.map((request) => request.event.id))).toEqual(new Set([event!.id]));
    expect(new Set(requests.map((request) => request.headers['x-recourse-event-id']))).toEqual(new Set([event!.id]));
    expect(requests.every((request) => verifies(request, secret))).toBe(true);
    await settled(event!.id, subscription.id, 'delivered');
    expect((await attemptsOf(db(), delivery.id)).map((attempt) => [attempt.attempt, attempt.httpStatus])).toEqual([[1, 200], [1, 200], [1, 200]]);
    await removeSubscription(db(), subscription.id);
  });

  it('refuses to replay what is unknown or whose subscription is gone', async () => {
    const unknown = await postJson(`${scratch.relay.url}/api/webhooks/replay`, adminToken, { deliveryId: 'whd_nope' }, asAdmin);
    expect(unknown.status).toBe(404);
    const both = await postJson(`${scratch.relay.url}/api/webhooks/replay`, adminToken, { deliveryId: 'whd_nope', eventId: 'evt_nope' }, asAdmin);
    expect(both.status).toBe(400);

    const { subscription } = await subscribe(`${receiver.url}/gone`, ['case.opened']);
    const id = `case-${uniqueKey()}`;
    await write('cases', caseData(id));
    const [event] = await eventsOfRow(db(), id);
    await settled(event!.id, subscription.id, 'delivered');
    await removeSubscription(db(), subscription.id);
    const gone = await postJson(`${scratch.relay.url}/api/webhooks/replay`, adminToken, { eventId: event!.id }, asAdmin);
    expect(gone.status).toBe(409);
    expect(await gone.json()).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('removed') } });
  });
});
