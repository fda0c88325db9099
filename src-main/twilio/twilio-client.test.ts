import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwilioSimulator, type TwilioSimulator } from '../twilio-simulator/simulator';
import { smsSegments } from './numbers';
import type { Clock } from './pacing';
import { buildRecoveryCallTwiml } from './recovery-twiml';
import { createTwilioClient, type TwilioClientOptions } from './twilio-client';
import { TwilioSendError } from './twilio-errors';
import { startWebhookReceiver } from './webhook-receiver.test-support';

const ACCOUNT_SID = `AC${'ab12'.repeat(8)}`;
const AUTH_TOKEN = 'f00d'.repeat(8);
const FROM = '+15005550006';
const WHATSAPP_FROM = '+18684801234';

/** Virtual time: `sleep` advances it at once, so a second of pacing costs nothing real. */
function fakeClock(): Clock & { slept: number[] } {
  let now = Date.parse('2026-11-20T14:00:00Z');
  const slept: number[] = [];
  return { slept, now: () => now, sleep: async (ms) => void (slept.push(ms), (now += ms)) };
}

let simulator: TwilioSimulator;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  receiver = await startWebhookReceiver(AUTH_TOKEN, (path) => (path === '/api/twilio/voice/gather' ? '<Response><Say>Thanks</Say></Response>' : undefined));
  simulator = await startTwilioSimulator({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, inboundWebhookUrl: `${receiver.url}/api/twilio/webhook/inbound`, callbackDelayMs: 5 });
});

afterAll(async () => {
  await simulator.close();
  await receiver.close();
});

function client(overrides: Partial<TwilioClientOptions> = {}) {
  return createTwilioClient({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    fromNumber: FROM,
    whatsappFrom: WHATSAPP_FROM,
    baseUrl: simulator.url,
    statusCallbackBase: `${receiver.url}/`,
    clock: fakeClock(),
    ...overrides,
  });
}

const callbacksFor = (sid: string) => receiver.received.filter((post) => post.params.MessageSid === sid || post.params.CallSid === sid);
const postsTo = (path: string) => simulator.requests().filter((request) => request.path.endsWith(path)).length;

async function refusal(promise: Promise<unknown>): Promise<TwilioSendError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(TwilioSendError);
  return error as TwilioSendError;
}

describe('Twilio client against the simulator', () => {
  it('sends an SMS that ends delivered, with signed callbacks queued → sent → delivered', async () => {
    const twilio = client({ defaultCountry: 'GB' });
    const body = 'Your payment of 120.00 is overdue.';
    const sent = await twilio.sendSms({ to: '07400 123401', body });
    expect(sent).toMatchObject({ status: 'queued', to: '+447400123401', segments: smsSegments(body) });
    expect(sent.sid).toMatch(/^SM[0-9a-f]{32}$/);
    await receiver.waitFor(() => callbacksFor(sent.sid).length === 3);
    const callbacks = callbacksFor(sent.sid);
    expect(callbacks.map((post) => post.params.MessageStatus)).toEqual(['queued', 'sent', 'delivered']);
    expect(callbacks.every((post) => post.signatureValid && post.path === '/api/twilio/webhook/sms')).toBe(true);
    expect(callbacks[2]!.params).toMatchObject({ SmsSid: sent.sid, SmsStatus: 'delivered', AccountSid: ACCOUNT_SID, From: FROM, To: '+447400123401' });
    expect(await twilio.fetchMessage(sent.sid)).toEqual({ sid: sent.sid, status: 'delivered', errorCode: null });
  });

  it('sends WhatsApp between whatsapp: addresses and reports delivery the same way', async () => {
    const sent = await client().sendWhatsApp({ to: '+447400123402', body: 'Hola' });
    expect(sent.to).toBe('whatsapp:+447400123402');
    await receiver.waitFor(() => callbacksFor(sent.sid).length === 3);
    const callbacks = callbacksFor(sent.sid);
    expect(callbacks.map((post) => post.params.MessageStatus)).toEqual(['queued', 'sent', 'delivered']);
    expect(callbacks.every((post) => post.signatureValid)).toBe(true);
    expect(callbacks[0]!.params).toMatchObject({ From: `whatsapp:${WHATSAPP_FROM}`, To: 'whatsapp:+447400123402' });
  });

  it('places a recovery call that completes, with the IVR TwiML Twilio received and a signed Gather', async () => {
    const gatherUrl = `${receiver.url}/api/twilio/voice/gather`;
    const twiml = buildRecoveryCallTwiml({ language: 'es', greeting: 'Hola, le llamamos de Recourse.', gatherUrl });
    const placed = await client().placeCall({ to: '+447400123403', twiml });
    expect(placed.sid).toMatch(/^CA[0-9a-f]{32}$/);
    await receiver.waitFor(() => callbacksFor(placed.sid).length === 4);
    const callbacks = callbacksFor(placed.sid);
    expect(callbacks.map((post) => post.params.CallStatus)).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
    expect(callbacks.every((post) => post.signatureValid && post.path === '/api/twilio/webhook/voice')).toBe(true);
    expect(Number(callbacks[3]!.params.CallDuration)).toBeGreaterThan(0);
    const received = simulator.calls().find((call) => call.sid === placed.sid)!.twiml!;
    expect(received).toContain('<Say language="es-MX">Hola, le llamamos de Recourse.</Say>');
    expect(received).toMatch(/<Gather [^>]*numDigits="1"[^>]*>/);
    expect(received).toContain(`action="${gatherUrl}"`);
    expect(await simulator.script.pressDigits('+447400123403', '1')).toContain('Thanks');
    const gather = receiver.received.find((post) => post.path === '/api/twilio/voice/gather')!;
    expect(gather).toMatchObject({ signatureValid: true, params: { Digits: '1', CallSid: placed.sid } });
    expect(await client().fetchCall(placed.sid)).toEqual({ sid: placed.sid, status: 'completed', durationSeconds: 15 });
  });

  it('without a relay asks for no callbacks, and polling sees the message delivered', async () => {
    const twilio = client({ statusCallbackBase: undefined });
    const sent = await twilio.sendSms({ to: '+447400123410', body: 'Polled' });
    await expect.poll(async () => (await twilio.fetchMessage(sent.sid)).status).toBe('delivered');
    expect(simulator.messages().find((m) => m.sid === sent.sid)?.statusCallback).toBeNull();
    expect(callbacksFor(sent.sid)).toEqual([]);
  });

  it('refuses an invalid number before asking Twilio', async () => {
    const before = simulator.requests().length;
    const error = await refusal(client().sendSms({ to: '+1 555', body: 'x' }));
    expect(error).toMatchObject({ reason: 'invalid_number', revokeConsent: false, twilioCode: null, code: 'validation', field: 'to' });
    expect(simulator.requests().length).toBe(before);
  });

  it('refuses a text to a landline before asking Twilio, but may call it', async () => {
    const error = await refusal(client().sendSms({ to: '+442071838750', body: 'x' }));
    expect(error.reason).toBe('not_mobile');
    const placed = await client().placeCall({ to: '+442071838750', twiml: '<Response><Hangup/></Response>' });
    expect(placed.status).toBe('queued');
  });

  it('maps a number Twilio calls invalid (21211) and does not retry it', async () => {
    simulator.script.failNumber('+447400123404', 21211);
    const before = postsTo('/Messages.json');
    const error = await refusal(client().sendSms({ to: '+447400123404', body: 'x' }));
    expect(error).toMatchObject({ reason: 'invalid_number', twilioCode: 21211 });
    expect(postsTo('/Messages.json') - before).toBe(1);
  });

  it('reports a scripted delivery failure through the callback with its ErrorCode', async () => {
    simulator.script.failNumber('+447400123405', 30003);
    const sent = await client().sendSms({ to: '+447400123405', body: 'x' });
    await receiver.waitFor(() => callbacksFor(sent.sid).length === 3);
    expect(callbacksFor(sent.sid).map((post) => [post.params.MessageStatus, post.params.ErrorCode])).toEqual([
      ['queued', undefined],
      ['sent', undefined],
      ['undelivered', '30003'],
    ]);
  });

  it('after a STOP reply, the next send is refused with 21610 and revokes consent', async () => {
    const twilio = client();
    const since = new Date();
    await twilio.sendSms({ to: '+447400123406', body: 'Reminder' });
    const replySid = await simulator.script.replyStop('+447400123406');
    const inbound = receiver.received.find((post) => post.params.MessageSid === replySid)!;
    expect(inbound).toMatchObject({ path: '/api/twilio/webhook/inbound', signatureValid: true, params: { Body: 'STOP', From: '+447400123406', To: FROM, NumMedia: '0' } });
    const error = await refusal(twilio.sendSms({ to: '+447400123406', body: 'Reminder' }));
    expect(error).toMatchObject({ reason: 'opted_out', revokeConsent: true, twilioCode: 21610, code: 'forbidden' });
    const replies = await twilio.listInboundMessages(since);
    expect(replies).toContainEqual(expect.objectContaining({ sid: replySid, channel: 'sms', from: '+447400123406', body: 'STOP' }));
  });

  it('retries a 429 and then succeeds', async () => {
    const clock = fakeClock();
    simulator.script.rateLimitNext(1);
    const before = simulator.requests().length;
    const sent = await client({ clock }).sendSms({ to: '+447400123407', body: 'x' });
    expect(sent.status).toBe('queued');
    expect(simulator.requests().slice(before).map((request) => request.status)).toEqual([429, 201]);
    expect(clock.slept).toEqual([1000]);
  });

  it('gives up after the retry bound when Twilio keeps answering 429', async () => {
    const clock = fakeClock();
    simulator.script.rateLimitNext(100);
    const before = simulator.requests().length;
    const error = await refusal(client({ clock, maxRetries: 3 }).sendSms({ to: '+447400123407', body: 'x' }));
    simulator.script.rateLimitNext(0);
    expect(error).toMatchObject({ reason: 'rate_limited', twilioCode: 20429 });
    expect(simulator.requests().length - before).toBe(4);
    expect(clock.slept).toEqual([1000, 2000, 4000]);
  });

  it('maps a wrong auth token to 20003 without retrying', async () => {
    const before = simulator.requests().length;
    const error = await refusal(client({ authToken: 'bad0'.repeat(8) }).sendSms({ to: '+447400123408', body: 'x' }));
    expect(error).toMatchObject({ twilioCode: 20003, reason: 'unknown' });
    expect(error.message).toContain('credentials');
    expect(simulator.requests().slice(before).map((request) => request.status)).toEqual([401]);
  });

  it('paces sends from one sender to one a second on the injected clock, other senders unaffected', async () => {
    const clock = fakeClock();
    const twilio = client({ clock });
    const [first, second, whatsapp] = await Promise.all([
      twilio.sendSms({ to: '+447400123409', body: 'one' }),
      twilio.sendSms({ to: '+447400123409', body: 'two' }),
      twilio.sendWhatsApp({ to: '+447400123409', body: 'three' }),
    ]);
    expect(Date.parse(second.sentAt) - Date.parse(first.sentAt)).toBeGreaterThanOrEqual(1000);
    expect(Date.parse(whatsapp.sentAt)).toBe(Date.parse(first.sentAt));
    const order = simulator.messages().filter((m) => m.to === '+447400123409').map((m) => m.body);
    expect(order).toEqual(['one', 'two']);
  });
});

describe('smsSegments', () => {
  it('counts segments by GSM-7 and UCS-2 limits', () => {
    expect(smsSegments('Payment due')).toBe(1);
    expect(smsSegments('a'.repeat(160))).toBe(1);
    expect(smsSegments('a'.repeat(161))).toBe(2);
    expect(smsSegments(`${'a'.repeat(69)}✓`)).toBe(1);
    expect(smsSegments(`${'a'.repeat(70)}✓`)).toBe(2);
  });
});
