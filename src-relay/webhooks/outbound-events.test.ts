import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableId } from '../../src-shared/ids';
import { openRelayDatabase } from '../db/open-database';
import type { RelayDatabase } from '../db/relay-database';
import { outboundEvents, webhookDeliveries, WEBHOOK_EVENT_TYPES } from '../db/schema';
import { upsertRows } from '../ledger/upsert-rows';
import { writeRows } from '../ledger/write-rows';
import { seedRows } from '../test-support/ledger-fixtures';
import { BACKENDS, type ScratchDatabase } from '../test-support/scratch-databases';
import { attemptData, caseData, eventsOfRow, ledgerRow, offerData, PUBLIC_ADDRESS, promiseData, uniqueKey } from './event-fixtures';
import { prepareOutboundEvents } from './record-events';
import { addSubscription, removeSubscription } from './subscriptions';

/** Receivers' names are checked when added; here every name is a public host. */
const publicDns = async () => [PUBLIC_ADDRESS];

describe.each(BACKENDS)('outbound events from ledger writes on $name', ({ scratch }) => {
  let database: ScratchDatabase;
  let ledger: RelayDatabase;
  let everything: string;
  const db = () => ledger.db;
  const write = (...rows: Parameters<typeof ledgerRow>[]) => seedRows(db(), rows.map((row) => ledgerRow(...row)));
  const typesOf = async (rowId: string) => (await eventsOfRow(db(), rowId)).map((event) => event.type);
  const eventCount = async () => (await db().select({ n: count() }).from(outboundEvents))[0]!.n;
  const deliveryCount = async () => (await db().select({ n: count() }).from(webhookDeliveries))[0]!.n;

  beforeAll(async () => {
    database = await scratch();
    ledger = await openRelayDatabase(database.target);
    ({ subscription: { id: everything } } = await addSubscription(db(), { url: 'https://lender.example/hooks', events: [...WEBHOOK_EVENT_TYPES] }, publicDns));
  });
  afterAll(async () => {
    await ledger?.close();
    await database?.drop();
  });

  it('records a case’s opening, bucket moves and closing, each with the version of the write that made it', async () => {
    const id = `case-${uniqueKey()}`;
    const [opened] = await write(['cases', caseData(id)]);
    await write(['cases', caseData(id, { dpd: 20, amount_past_due_minor: 52000 })]);
    const [moved] = await write(['cases', caseData(id, { bucket: 'dpd_30_59', dpd: 31, amount_past_due_minor: 80000 })]);
    const [cured] = await write(['cases', caseData(id, { status: 'closed', close_reason: 'cured', bucket: 'current', dpd: 0, amount_past_due_minor: 0, closed_on: '2026-12-01' })]);

    const events = await eventsOfRow(db(), id);
    expect(events.map((event) => [event.type, event.ledgerVersion])).toEqual([
      ['case.opened', opened!.version],
      ['delinquency.changed', moved!.version],
      ['case.closed', cured!.version],
      ['delinquency.changed', cured!.version],
    ]);
    const bucketMove = events[1]!;
    expect(bucketMove.id).toBe(stableId('evt', moved!.version, 'cases', id, 'delinquency.changed'));
    expect(bucketMove.payload).toEqual({
      caseId: id, loanId: `loan-${id}`, accountNumber: `ACC-${id}`, currency: 'USD', previousBucket: 'dpd_1_29', bucket: 'dpd_30_59', dpd: 31,
      amountPastDueMinor: 80000, balanceMinor: 900000, asOf: bucketMove.occurredAt.toISOString().slice(0, 10),
    });
    expect(events[3]!.payload).toMatchObject({ previousBucket: 'dpd_30_59', bucket: 'current', dpd: 0 });
    // One delivery per event for the one subscription.
    for (const event of events) expect(await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, event.id))).toMatchObject([{ subscriptionId: everything, status: 'pending', attempts: 0 }]);
  });

  it('records promises kept and broken, an accepted settlement and a blocked contact', async () => {
    const [kept, broken, cancelled, offer, blocked, allowed] = ['kept', 'broken', 'cancelled', 'offer', 'blocked', 'allowed'].map((name) => `${name}-${uniqueKey()}`) as [string, string, string, string, string, string];
    await write(['promises', promiseData(kept)], ['promises', promiseData(broken)], ['promises', promiseData(cancelled)], ['settlement_offers', offerData(offer)]);
    await write(['promises', promiseData(kept, { status: 'kept' })], ['promises', promiseData(broken, { status: 'broken' })], ['promises', promiseData(cancelled, { status: 'cancelled' })]);
    await write(['settlement_offers', offerData(offer, { status: 'accepted', history: JSON.stringify([{ status: 'accepted', by: 'u1', at: '2026-11-21T10:00:00.000Z' }]) })]);
    await write(['contact_attempts', attemptData(blocked)], ['contact_attempts', attemptData(allowed, { blocked: 0, blocked_reasons: null })]);

    expect(await typesOf(kept)).toEqual(['promise.kept']);
    expect(await typesOf(broken)).toEqual(['promise.broken']);
    expect(await typesOf(cancelled)).toEqual([]);
    expect(await typesOf(offer)).toEqual(['settlement.accepted']);
    expect((await eventsOfRow(db(), offer))[0]?.payload).toMatchObject({ settlementOfferId: offer, acceptedAt: '2026-11-21T10:00:00.000Z' });
    expect(await typesOf(blocked)).toEqual(['contact.blocked']);
    expect((await eventsOfRow(db(), blocked))[0]?.payload).toMatchObject({ contactAttemptId: blocked, channel: 'voice', reasons: ['do_not_contact'] });
    expect(await typesOf(allowed)).toEqual([]);
  });

  it('records nothing for writes that mean nothing to a lender', async () => {
    const id = `case-${uniqueKey()}`;
    await write(['cases', caseData(id)]);
    const before = await eventCount();
    await write(['notes', { id: `note-${uniqueKey()}`, case_id: id, body: 'Called, no answer' }], ['messages', { id: `m-${uniqueKey()}`, body: 'Reminder', status: 'accepted' }]);
    await write(['cases', caseData(id, { dpd: 13, stage: 'early_1_30', assigned_agent_id: 'u2' })]);
    await write(['cases', caseData(id, { dpd: 13 })]);
    await seedRows(db(), [{ ...ledgerRow('cases', caseData(id, { status: 'closed' })), deleted: true }]);
    expect(await eventCount()).toBe(before);
  });

  it('records an event only for the types some live subscription wants, with a delivery for each that wants it', async () => {
    const { subscription: bucketsOnly } = await addSubscription(db(), { url: 'https://risk.example/in', events: ['delinquency.changed'] }, publicDns);
    await removeSubscription(db(), everything);
    try {
      const id = `case-${uniqueKey()}`;
      await write(['cases', caseData(id)]);
      await write(['cases', caseData(id, { bucket: 'dpd_30_59', dpd: 30 })]);
      const events = await eventsOfRow(db(), id);
      expect(events.map((event) => event.type)).toEqual(['delinquency.changed']);
      expect(await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, events[0]!.id))).toMatchObject([{ subscriptionId: bucketsOnly.id }]);
    } finally {
      await removeSubscription(db(), bucketsOnly.id);
      ({ subscription: { id: everything } } = await addSubscription(db(), { url: 'https://lender.example/hooks', events: [...WEBHOOK_EVENT_TYPES] }, publicDns));
    }
  });

  it('records nothing for a write that rolls back', async () => {
    const id = `case-${uniqueKey()}`;
    const before = await eventCount();
    const deliveriesBefore = await deliveryCount();
    await expect(
      db().transaction(async (tx) => {
        await writeRows(tx, [ledgerRow('cases', caseData(id)), ledgerRow('contact_attempts', attemptData(`ca-${id}`))]);
        expect(await tx.select({ n: count() }).from(outboundEvents)).toEqual([{ n: before + 2 }]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await eventCount()).toBe(before);
    expect(await deliveryCount()).toBe(deliveriesBefore);
    expect(await typesOf(id)).toEqual([]);
  });

  it('cannot record one write’s event twice: its id is the version, row and type', async () => {
    const id = `case-${uniqueKey()}`;
    const rows = [ledgerRow('cases', caseData(id))];
    await db().transaction(async (tx) => {
      const record = await prepareOutboundEvents(tx, rows);
      const written = await upsertRows(tx, rows);
      await record(written);
      await record(written);
    });
    const events = await eventsOfRow(db(), id);
    expect(events).toHaveLength(1);
    expect(await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, events[0]!.id))).toHaveLength(1);
  });
});
