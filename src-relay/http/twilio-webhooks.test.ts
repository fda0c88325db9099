import { count, eq, sql } from 'drizzle-orm';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { twilioEvents } from '../db/schema';
import { currentVersion } from '../ledger/ledger-clock';
import { writeRows } from '../ledger/write-rows';
import { textOptOutId } from '../../src-shared/domain/text-opt-outs';
import { inboundMessageId } from '../twilio/apply-inbound-event';
import { allRowsOf, borrowerRows, readRow, seedRows } from '../test-support/ledger-fixtures';
import { BACKENDS, scratchPostgres } from '../test-support/scratch-databases';
import { useScratchRelay } from '../test-support/scratch-relay';
import { fakeSid, postAsTwilio, TEST_AUTH_TOKEN } from '../test-support/twilio-requests';

const SMS = '/api/twilio/webhook/sms';
const VOICE = '/api/twilio/webhook/voice';
const INBOUND = '/api/twilio/webhook/inbound';
const LENDER_NUMBER = '+18685550100';

describe.each(BACKENDS)('Twilio webhooks on $name', ({ scratch: backend }) => {
  const scratch = useScratchRelay(backend);
  const db = () => scratch.relay.database.db;
  const storedEvents = async () => Number((await db().select({ n: count() }).from(twilioEvents))[0]!.n);
  /** The webhook answers once the event is stored; the applier puts it in the ledger right after. */
  const untilApplied = () => scratch.relay.twilioApplier.settled();

  it('moves the action and its message to delivered on a signed status callback', async () => {
    const borrower = borrowerRows();
    await seedRows(db(), allRowsOf(borrower));
    const response = await postAsTwilio(scratch.relay.url, SMS, { MessageSid: borrower.sids.message, MessageStatus: 'delivered', AccountSid: 'AC0' });
    expect(response.status).toBe(204);
    await untilApplied();
    const action = await readRow(db(), 'recovery_actions', borrower.ids.smsAction);
    expect(action?.data).toMatchObject({ status: 'delivered', error_code: null });
    expect(action?.data.delivered_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await readRow(db(), 'messages', borrower.ids.message))?.data.status).toBe('delivered');
  });

  it('refuses unsigned (400) and forged (403) callbacks with a JSON error and stores nothing', async () => {
    const borrower = borrowerRows();
    await seedRows(db(), allRowsOf(borrower));
    const before = { events: await storedEvents(), version: await currentVersion(db()) };
    const params = { MessageSid: borrower.sids.message, MessageStatus: 'failed', ErrorCode: '30003' };

    const unsigned = await postAsTwilio(scratch.relay.url, SMS, params, 'unsigned');
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toEqual({ ok: false, error: { code: 'validation', message: expect.stringContaining('X-Twilio-Signature'), field: 'X-Twilio-Signature' } });
    const forged = await postAsTwilio(scratch.relay.url, SMS, params, 'forged');
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const tampered = await fetch(`${scratch.relay.url}${SMS}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(TEST_AUTH_TOKEN, `${scratch.relay.url}${SMS}`, params) },
      body: new URLSearchParams({ ...params, MessageStatus: 'delivered' }).toString(),
    });
    expect(tampered.status).toBe(403);

    await untilApplied();
    expect(await storedEvents()).toBe(before.events);
    expect(await currentVersion(db())).toBe(before.version);
    expect((await readRow(db(), 'recovery_actions', borrower.ids.smsAction))?.data.status).toBe('sent');
  });

  it('answers a replayed callback the same and changes nothing', async () => {
    const borrower = borrowerRows();
    await seedRows(db(), allRowsOf(borrower));
    const params = { MessageSid: borrower.sids.message, MessageStatus: 'undelivered', ErrorCode: '30003' };
    const first = await postAsTwilio(scratch.relay.url, SMS, params);
    await untilApplied();
    const afterFirst = { events: await storedEvents(), version: await currentVersion(db()), action: await readRow(db(), 'recovery_actions', borrower.ids.smsAction) };
    const replay = await postAsTwilio(scratch.relay.url, SMS, params);
    expect([first.status, replay.status]).toEqual([204, 204]);
    await untilApplied();
    expect(await storedEvents()).toBe(afterFirst.events);
    expect(await currentVersion(db())).toBe(afterFirst.version);
    expect(await readRow(db(), 'recovery_actions', borrower.ids.smsAction)).toEqual(afterFirst.action);
    expect(afterFirst.action?.data).toMatchObject({ status: 'undelivered', error_code: '30003' });
  });

  it('moves statuses forward only: delivered, then a late sent, stays delivered', async () => {
    const borrower = borrowerRows();
    await seedRows(db(), allRowsOf(borrower));
    await postAsTwilio(scratch.relay.url, SMS, { MessageSid: borrower.sids.message, MessageStatus: 'delivered' });
    await untilApplied();
    const version = await currentVersion(db());
    expect((await postAsTwilio(scratch.relay.url, SMS, { MessageSid: borrower.sids.message, MessageStatus: 'sent' })).status).toBe(204);
    expect((await postAsTwilio(scratch.relay.url, SMS, { MessageSid: borrower.sids.message, MessageStatus: 'failed', ErrorCode: '30005' })).status).toBe(204);
    await untilApplied();
    expect((await readRow(db(), 'recovery_actions', borrower.ids.smsAction))?.data).toMatchObject({ status: 'delivered', error_code: null });
    expect((await readRow(db(), 'messages', borrower.ids.message))?.data).toMatchObject({ status: 'delivered', error_code: null });
    expect(await currentVersion(db())).toBe(version);
  });

  it('keeps a callback that beats the desktop’s push, and applies it when the rows are written', async () => {
    const borrower = borrowerRows();
    const early = await postAsTwilio(scratch.relay.url, SMS, { MessageSid: borrower.sids.message, MessageStatus: 'delivered' });
    expect(early.status).toBe(204);
    await untilApplied();
    const [pending] = await db().select().from(twilioEvents).where(eq(twilioEvents.subject, borrower.sids.message));
    expect(pending).toMatchObject({ kind: 'message_status', appliedAt: null, checkedAt: expect.any(Date) });

    await seedRows(db(), allRowsOf(borrower));
    expect((await readRow(db(), 'recovery_actions', borrower.ids.smsAction))?.data.status).toBe('delivered');
    expect((await readRow(db(), 'messages', borrower.ids.message))?.data.status).toBe('delivered');
    const [applied] = await db().select().from(twilioEvents).where(eq(twilioEvents.subject, borrower.sids.message));
    expect(applied?.appliedAt).toBeInstanceOf(Date);

    // A later push of the row with the desktop's stale status is caught up again.
    await seedRows(db(), [borrower.smsAction]);
    expect((await readRow(db(), 'recovery_actions', borrower.ids.smsAction))?.data.status).toBe('delivered');
  });

  it('revokes texting consent on Twilio error 21610', async () => {
    const borrower = borrowerRows();
    await seedRows(db(), allRowsOf(borrower));
    await postAsTwilio(scratch.relay.url, SMS, { MessageSid: borrower.sids.message, MessageStatus: 'failed', ErrorCode: '21610' });
    await untilApplied();
    expect((await readRow(db(), 'recovery_actions', borrower.ids.smsAction))?.data).toMatchObject({ status: 'failed', error_code: '21610' });
    const phone = await readRow(db(), 'phones', borrower.ids.phone);
    expect(phone?.data.sms_consent).toBe(0);
    expect(phone?.data.opted_out_at).toMatch(/^\d{4}-/);
    const optOut = await readRow(db(), 'text_opt_outs', textOptOutId(borrower.ids.borrower, borrower.e164, { via: 'carrier', word: null, reference: borrower.sids.message }));
    expect(optOut?.data).toMatchObject({ borrower_id: borrower.ids.borrower, e164: borrower.e164, opt_out_via: 'carrier', restored_at: null });
  });

  it('applies call statuses to the call’s action', async () => {
    const borrower = borrowerRows();
    await seedRows(db(), allRowsOf(borrower));
    expect((await postAsTwilio(scratch.relay.url, VOICE, { CallSid: borrower.sids.call, CallStatus: 'ringing' })).status).toBe(204);
    await untilApplied();
    expect((await readRow(db(), 'recovery_actions', borrower.ids.callAction))?.data.status).toBe('sent');
    await postAsTwilio(scratch.relay.url, VOICE, { CallSid: borrower.sids.call, CallStatus: 'busy' });
    await untilApplied();
    expect((await readRow(db(), 'recovery_actions', borrower.ids.callAction))?.data).toMatchObject({ status: 'undelivered', error_code: 'busy' });
  });

  it('threads an inbound reply to its borrower and marks their latest sent action responded', async () => {
    const borrower = borrowerRows();
    await seedRows(db(), allRowsOf(borrower));
    const sid = fakeSid('SM');
    const response = await postAsTwilio(scratch.relay.url, INBOUND, { MessageSid: sid, From: borrower.e164, To: LENDER_NUMBER, Body: 'I will pay Friday' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/xml');
    expect(await response.text()).toContain('<Response/>');
    await untilApplied();

    const message = await readRow(db(), 'messages', inboundMessageId(sid));
    expect(message).toMatchObject({ partition: 'team-north' });
    expect(message?.data).toMatchObject({
      id: inboundMessageId(sid), borrower_id: borrower.ids.borrower, case_id: borrower.ids.kase, recovery_action_id: borrower.ids.smsAction,
      channel: 'sms', direction: 'inbound', from_address: borrower.e164, to_address: LENDER_NUMBER, body: 'I will pay Friday', twilio_sid: sid, status: 'received',
    });
    expect((await readRow(db(), 'recovery_actions', borrower.ids.smsAction))?.data.status).toBe('responded');
    expect((await readRow(db(), 'recovery_actions', borrower.ids.callAction))?.data.status).toBe('sent');
    expect((await readRow(db(), 'phones', borrower.ids.phone))?.data.sms_consent).toBe(1);

    const version = await currentVersion(db());
    expect((await postAsTwilio(scratch.relay.url, INBOUND, { MessageSid: sid, From: borrower.e164, To: LENDER_NUMBER, Body: 'I will pay Friday' })).status).toBe(200);
    await untilApplied();
    expect(await currentVersion(db())).toBe(version);
  });

  it('revokes consent on a STOP (any case, trimmed) and reads whatsapp: addresses as WhatsApp', async () => {
    const borrower = borrowerRows();
    await seedRows(db(), allRowsOf(borrower));
    const sid = fakeSid('SM');
    await postAsTwilio(scratch.relay.url, INBOUND, { MessageSid: sid, From: `whatsapp:${borrower.e164}`, To: `whatsapp:${LENDER_NUMBER}`, Body: '  stop \n' });
    await untilApplied();
    expect((await readRow(db(), 'messages', inboundMessageId(sid)))?.data).toMatchObject({ channel: 'whatsapp', from_address: borrower.e164, to_address: LENDER_NUMBER });
    const phone = await readRow(db(), 'phones', borrower.ids.phone);
    expect(phone?.data.sms_consent).toBe(0);
    expect(phone?.data.opted_out_at).toMatch(/^\d{4}-/);
  });

  it('records a STOP as the borrower’s opt-out of the number, which their START (or UNSTOP) from it restores', async () => {
    const borrower = borrowerRows();
    await seedRows(db(), allRowsOf(borrower));
    const stopSid = fakeSid('SM');
    await postAsTwilio(scratch.relay.url, INBOUND, { MessageSid: stopSid, From: borrower.e164, To: LENDER_NUMBER, Body: 'End' });
    await untilApplied();
    const id = textOptOutId(borrower.ids.borrower, borrower.e164, { via: 'reply', word: 'END', reference: stopSid });
    expect(await readRow(db(), 'text_opt_outs', id)).toMatchObject({
      partition: 'team-north',
      data: { borrower_id: borrower.ids.borrower, e164: borrower.e164, opt_out_via: 'reply', opt_out_word: 'END', opt_out_reference: stopSid, restored_at: null },
    });

    const startSid = fakeSid('SM');
    await postAsTwilio(scratch.relay.url, INBOUND, { MessageSid: startSid, From: borrower.e164, To: LENDER_NUMBER, Body: ' unstop ' });
    await untilApplied();
    expect((await readRow(db(), 'text_opt_outs', id))?.data).toMatchObject({ restored_at: expect.any(String), restored_via: 'reply', restored_word: 'UNSTOP', restored_reference: startSid, restored_by: null });
    expect((await readRow(db(), 'phones', borrower.ids.phone))?.data).toMatchObject({ sms_consent: 1, opted_out_at: null });
  });

  it('does not treat a sentence containing stop as an opt-out', async () => {
    const borrower = borrowerRows();
    await seedRows(db(), allRowsOf(borrower));
    const sid = fakeSid('SM');
    await postAsTwilio(scratch.relay.url, INBOUND, { MessageSid: sid, From: borrower.e164, To: LENDER_NUMBER, Body: 'please stop calling at work' });
    await untilApplied();
    expect((await readRow(db(), 'messages', inboundMessageId(sid)))?.data.body).toBe('please stop calling at work');
    expect((await readRow(db(), 'phones', borrower.ids.phone))?.data.sms_consent).toBe(1);
  });

  it('keeps a reply from an unknown number until its phone row arrives', async () => {
    const borrower = borrowerRows();
    const sid = fakeSid('SM');
    await postAsTwilio(scratch.relay.url, INBOUND, { MessageSid: sid, From: borrower.e164, To: LENDER_NUMBER, Body: 'STOP' });
    await untilApplied();
    expect(await readRow(db(), 'messages', inboundMessageId(sid))).toBeNull();
    await seedRows(db(), allRowsOf(borrower));
    expect((await readRow(db(), 'messages', inboundMessageId(sid)))?.data).toMatchObject({ borrower_id: borrower.ids.borrower, body: 'STOP' });
    expect((await readRow(db(), 'phones', borrower.ids.phone))?.data.sms_consent).toBe(0);
    // Applied once: writing the phone again (consent given back on the desktop) does not re-apply the STOP.
    await seedRows(db(), [{ ...borrower.phone, data: { ...borrower.phone.data, sms_consent: 1, opted_out_at: null } }]);
    expect((await readRow(db(), 'phones', borrower.ids.phone))?.data.sms_consent).toBe(1);
  });

  it('rejects a signed callback whose fields are not Twilio’s (400)', async () => {
    const response = await postAsTwilio(scratch.relay.url, SMS, { MessageSid: 'not-a-sid', MessageStatus: 'delivered' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'validation', field: 'MessageSid' } });
  });
});

describe('Twilio webhooks without TWILIO_AUTH_TOKEN', () => {
  const scratch = useScratchRelay(scratchPostgres, {});

  it('answers 503 saying what to set, even to a request that looks signed', async () => {
    const response = await postAsTwilio(scratch.relay.url, SMS, { MessageSid: fakeSid('SM'), MessageStatus: 'delivered' });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ ok: false, error: { code: 'internal', message: expect.stringContaining('TWILIO_AUTH_TOKEN') } });
  });
});

describe('a Twilio callback racing the push of its row on Postgres', () => {
  const scratch = useScratchRelay(scratchPostgres);

  it('answers while a push holds the clock, and applies the callback once the push has committed', async () => {
    const borrower = borrowerRows();
    let pushHasWritten!: () => void;
    const written = new Promise<void>((resolve) => (pushHasWritten = resolve));
    let pushCommitted = false;
    const push = scratch.relay.database.db
      .transaction(async (tx) => {
        await writeRows(tx, allRowsOf(borrower));
        pushHasWritten();
        // The push stays uncommitted while the callback arrives.
        await tx.execute(sql`SELECT pg_sleep(1)`);
      })
      .then(() => (pushCommitted = true));
    await written;
    expect((await postAsTwilio(scratch.relay.url, SMS, { MessageSid: borrower.sids.message, MessageStatus: 'delivered' })).status).toBe(204);
    // Stored and answered without waiting for the clock; the applier waits for it instead.
    expect(pushCommitted).toBe(false);
    const [stored] = await scratch.relay.database.db.select().from(twilioEvents).where(eq(twilioEvents.subject, borrower.sids.message));
    expect(stored).toMatchObject({ checkedAt: null, appliedAt: null });
    await push;
    await scratch.relay.twilioApplier.settled();
    expect((await readRow(scratch.relay.database.db, 'recovery_actions', borrower.ids.smsAction))?.data.status).toBe('delivered');
    expect((await readRow(scratch.relay.database.db, 'messages', borrower.ids.message))?.data.status).toBe('delivered');
  });
});
