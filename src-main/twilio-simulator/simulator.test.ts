import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver } from '../twilio/webhook-receiver.test-support';
import { startTwilioSimulator, type TwilioSimulator } from './simulator';

/** The simulator spoken to directly over HTTP, checking the wire format the `twilio` package relies on. */
const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const AUTH_TOKEN = 'c0ffee'.repeat(6);
const RFC_2822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/;

let simulator: TwilioSimulator;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  receiver = await startWebhookReceiver(AUTH_TOKEN, (path) => (path === '/twiml' ? '<Response><Gather numDigits="1" action="http://127.0.0.1:1/g?a=1&amp;b=2"/></Response>' : undefined));
  simulator = await startTwilioSimulator({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, callbackDelayMs: 1 });
});

afterAll(async () => {
  await simulator.close();
  await receiver.close();
});

async function api(method: 'GET' | 'POST', resource: string, form?: Record<string, string | string[]>, token = AUTH_TOKEN) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form ?? {})) for (const item of [value].flat()) body.append(key, item);
  const response = await fetch(`${simulator.url}/2010-04-01/Accounts/${ACCOUNT_SID}/${resource}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from(`${ACCOUNT_SID}:${token}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: method === 'POST' ? body.toString() : undefined,
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('Twilio simulator REST API', () => {
  it('answers a message create with a spec-shaped 201 body', async () => {
    const { status, json } = await api('POST', 'Messages.json', { To: '+447400123401', From: '+15005550006', Body: 'Hello 👍' });
    expect(status).toBe(201);
    expect(json).toMatchObject({ account_sid: ACCOUNT_SID, api_version: '2010-04-01', body: 'Hello 👍', direction: 'outbound-api', status: 'queued', num_segments: '1', num_media: '0', price: null, error_code: null, to: '+447400123401', from: '+15005550006' });
    expect(json.sid).toMatch(/^SM[0-9a-fA-F]{32}$/);
    expect(json.date_created).toMatch(RFC_2822);
    expect(json.uri).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${String(json.sid)}.json`);
    expect(json.subresource_uris).toEqual({ media: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${String(json.sid)}/Media.json` });
  });

  it('refuses a wrong auth token with 401 and error 20003', async () => {
    const { status, json } = await api('POST', 'Messages.json', { To: '+447400123401', From: '+15005550006', Body: 'x' }, 'wrong');
    expect(status).toBe(401);
    expect(json).toEqual({ code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
  });

  it.each([
    [{ To: '+44740', From: '+15005550006', Body: 'x' }, 21211],
    [{ To: '07400123401', From: '+15005550006', Body: 'x' }, 21211],
    [{ To: '+442071838750', From: '+15005550006', Body: 'x' }, 21614],
    [{ From: '+15005550006', Body: 'x' }, 21604],
    [{ To: '+447400123401', Body: 'x' }, 21603],
    [{ To: '+447400123401', From: '+15005550006' }, 21602],
    [{ To: '+447400123401', From: '+15005550006', Body: 'x'.repeat(1601) }, 21617],
    [{ To: 'whatsapp:+447400123401', From: '+15005550006', Body: 'x' }, 21910],
  ])('refuses message %j with 400 and code %i', async (form, code) => {
    const { status, json } = await api('POST', 'Messages.json', form);
    expect(status).toBe(400);
    expect(json).toMatchObject({ code, status: 400, more_info: `https://www.twilio.com/docs/errors/${code}` });
  });

  it('answers 429 with code 20429 while rate limiting is scripted', async () => {
    simulator.script.rateLimitNext(1);
    expect((await api('POST', 'Messages.json', { To: '+447400123401', From: '+15005550006', Body: 'x' })).json).toMatchObject({ code: 20429, status: 429 });
    expect((await api('POST', 'Messages.json', { To: '+447400123401', From: '+15005550006', Body: 'x' })).status).toBe(201);
  });

  it('serves a message’s current state for polling and 404 for an unknown SID', async () => {
    const { json } = await api('POST', 'Messages.json', { To: '+447400123402', From: '+15005550006', Body: 'x' });
    await expect.poll(async () => (await api('GET', `Messages/${String(json.sid)}.json`)).json.status).toBe('delivered');
    const fetched = (await api('GET', `Messages/${String(json.sid)}.json`)).json;
    expect(fetched.date_sent).toMatch(RFC_2822);
    expect(await api('GET', `Messages/SM${'0'.repeat(32)}.json`)).toMatchObject({ status: 404, json: { code: 20404 } });
  });

  it('fails a scripted 30008 without a sent step', async () => {
    simulator.script.failNumber('+447400123403', 30008);
    const { json } = await api('POST', 'Messages.json', { To: '+447400123403', From: '+15005550006', Body: 'x', StatusCallback: `${receiver.url}/sms` });
    await receiver.waitFor((posts) => posts.filter((post) => post.params.MessageSid === json.sid).length === 2);
    expect(receiver.received.filter((post) => post.params.MessageSid === json.sid).map((post) => post.params.MessageStatus)).toEqual(['queued', 'failed']);
  });

  it('sends only the completed callback when no StatusCallbackEvent is named, and fetches TwiML from Url', async () => {
    const { status, json } = await api('POST', 'Calls.json', { To: '+447400123404', From: '+15005550006', Url: `${receiver.url}/twiml`, StatusCallback: `${receiver.url}/voice` });
    expect(status).toBe(201);
    expect(json).toMatchObject({ status: 'queued', direction: 'outbound-api', duration: null, to_formatted: '07400 123404' });
    expect(json.sid).toMatch(/^CA[0-9a-fA-F]{32}$/);
    await receiver.waitFor((posts) => posts.some((post) => post.params.CallSid === json.sid && post.path === '/voice'));
    const callbacks = receiver.received.filter((post) => post.params.CallSid === json.sid && post.path === '/voice');
    expect(callbacks.map((post) => post.params.CallStatus)).toEqual(['completed']);
    expect(receiver.received.find((post) => post.path === '/twiml' && post.params.CallSid === json.sid)?.signatureValid).toBe(true);
    expect(simulator.calls().find((call) => call.sid === json.sid)?.twiml).toContain('<Gather');
  });

  it('ends a call to a number scripted to fail as failed, never answered', async () => {
    simulator.script.failNumber('+447400123405', 30003);
    const events = ['initiated', 'ringing', 'answered', 'completed'];
    const { json } = await api('POST', 'Calls.json', { To: '+447400123405', From: '+15005550006', Twiml: '<Response/>', StatusCallback: `${receiver.url}/voice`, StatusCallbackEvent: events });
    await receiver.waitFor((posts) => posts.filter((post) => post.params.CallSid === json.sid).length === 3);
    expect(receiver.received.filter((post) => post.params.CallSid === json.sid).map((post) => post.params.CallStatus)).toEqual(['initiated', 'ringing', 'failed']);
  });

  it('refuses a call without Url or Twiml (21205) and to an invalid number (21211)', async () => {
    expect((await api('POST', 'Calls.json', { To: '+447400123404', From: '+15005550006' })).json.code).toBe(21205);
    expect((await api('POST', 'Calls.json', { To: '+1555', From: '+15005550006', Twiml: '<Response/>' })).json.code).toBe(21211);
  });

  it('lists messages by To, newest first, and a START reply lifts a STOP', async () => {
    await api('POST', 'Messages.json', { To: '+447400123406', From: '+15005550006', Body: 'first' });
    await simulator.script.replyStop('+447400123406');
    expect((await api('POST', 'Messages.json', { To: '+447400123406', From: '+15005550006', Body: 'x' })).json.code).toBe(21610);
    await simulator.script.replyFrom('+447400123406', 'start');
    expect((await api('POST', 'Messages.json', { To: '+447400123406', From: '+15005550006', Body: 'again' })).status).toBe(201);
    const list = (await api('GET', `Messages.json?To=${encodeURIComponent('+15005550006')}&DateSent%3E=2020-01-01`)).json;
    expect((list.messages as { body: string }[]).map((m) => m.body)).toEqual(['start', 'STOP']);
    expect(list.next_page_uri).toBeNull();
  });

  it('refuses to script a reply to a number it never messaged', async () => {
    await expect(simulator.script.replyFrom('+447400999999', 'hi')).rejects.toThrow(/nothing to reply to/);
  });
});
