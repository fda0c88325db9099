import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { log } from '../log/logger';
import { gatherParams, inboundParams, playCall, playMessage, type Playback } from './lifecycle';
import { listMessages } from './list-messages';
import { bareNumber, callJson, createCall, createMessage, messageJson, segmentsOf, type CreateContext, type SimCall, type SimMessage } from './resources';
import { API_VERSION, newSid, postSignedForm, readForm, sendJson, SimulatedTwilioError } from './wire';

export interface TwilioSimulatorOptions {
  port?: number;
  host?: string;
  accountSid: string;
  authToken: string;
  /** Where scripted borrower replies are posted, as Twilio posts to a number's messaging webhook. */
  inboundWebhookUrl?: string;
  /** Pause before each status callback, so a test sees the statuses arrive one by one. */
  callbackDelayMs?: number;
}

export interface TwilioSimulatorScript {
  /** Refuse sends to this number with a 2xxxx code, or let them fail in delivery with 30003–30008. */
  failNumber(e164: string, errorCode: number): void;
  /** The borrower answers the last message we sent them; resolves with the inbound MessageSid. */
  replyFrom(e164: string, text: string): Promise<string>;
  /** The borrower replies STOP: Twilio then refuses further texts to that address with 21610. */
  replyStop(e164: string): Promise<string>;
  /** The next `count` creates are answered 429 (code 20429), as under Twilio's concurrency limit. */
  rateLimitNext(count: number): void;
  /** The borrower presses keys during the last call to this number; resolves with the action's TwiML. */
  pressDigits(e164: string, digits: string): Promise<string>;
}

export interface TwilioSimulator {
  url: string;
  script: TwilioSimulatorScript;
  messages(): SimMessage[];
  calls(): SimCall[];
  /** Every REST request answered, to prove what was (not) retried. */
  requests(): { method: string; path: string; status: number }[];
  close(): Promise<void>;
}

const ROUTE = new RegExp(`^/${API_VERSION}/Accounts/([^/]+)/(Messages|Calls)(?:/([^/]+))?\\.json$`);
// Twilio's default opt-out and opt-in keywords for messaging.
const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);
const OPT_IN = new Set(['START', 'YES', 'UNSTOP']);

class Closing extends Error {}

/** fetch hides the reason (ECONNREFUSED…) in `cause`. */
const describe = (error: unknown) => String((error as { cause?: { code?: unknown } }).cause?.code ?? error);

/**
 * A local stand-in for Twilio's REST API (2010-04-01) that the official `twilio` package can talk
 * to: Basic auth, form-encoded creates, spec-shaped 201 bodies and error bodies, then signed
 * status callbacks. Tests and sandbox mode (no credentials set) use it.
 */
export async function startTwilioSimulator(options: TwilioSimulatorOptions): Promise<TwilioSimulator> {
  const { accountSid, authToken } = options;
  const delayMs = options.callbackDelayMs ?? 20;
  const messages: SimMessage[] = [];
  const calls: SimCall[] = [];
  const requests: { method: string; path: string; status: number }[] = [];
  const failures = new Map<string, number>();
  const optedOut = new Set<string>();
  const timelines = new Set<Promise<void>>();
  let rateLimited = 0;
  let closing = false;
  const context: CreateContext = { accountSid, optedOut, failures };

  const playback: Playback = {
    pause: () =>
      new Promise((resolve, reject) => {
        setTimeout(() => (closing ? reject(new Closing()) : resolve()), delayMs);
      }),
    now: () => new Date(),
    fetchTwiml: async (url, params) => {
      try {
        const { status, text } = await postSignedForm(url, params, authToken);
        return status === 200 ? text : null;
      } catch (error) {
        log.warn('simulated Twilio could not fetch TwiML', { url, error: describe(error) });
        return null;
      }
    },
    notify: async (url, params) => {
      try {
        const { status } = await postSignedForm(url, params, authToken);
        if (status >= 400) log.warn('simulated Twilio callback refused', { url, status });
      } catch (error) {
        log.warn('simulated Twilio callback failed', { url, error: describe(error) });
      }
    },
  };

  function play(run: Promise<void>): void {
    const tracked = run.catch((error: unknown) => {
      if (!(error instanceof Closing)) log.error('simulated Twilio timeline failed', { error: String(error) });
    });
    timelines.add(tracked);
    void tracked.finally(() => timelines.delete(tracked));
  }

  function authorised(request: IncomingMessage): boolean {
    const [scheme, encoded] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Basic' || !encoded) return false;
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    return decoded === `${accountSid}:${authToken}`;
  }

  async function route(request: IncomingMessage, path: string, query: URLSearchParams): Promise<[number, unknown]> {
    const match = ROUTE.exec(path);
    if (!match) throw new SimulatedTwilioError(404, 20404, `The requested resource ${path} was not found`);
    if (!authorised(request)) throw new SimulatedTwilioError(401, 20003, 'Authenticate');
    const [, pathAccount, kind, sid] = match;
    if (pathAccount !== accountSid) throw new SimulatedTwilioError(404, 20404, `The requested resource ${path} was not found`);
    if (request.method === 'GET') {
      if (!sid) {
        if (kind !== 'Messages') throw new SimulatedTwilioError(405, 20004, 'Method not allowed');
        return [200, listMessages(messages, query, path)];
      }
      const found = kind === 'Messages' ? messages.find((m) => m.sid === sid) : calls.find((c) => c.sid === sid);
      if (!found) throw new SimulatedTwilioError(404, 20404, `The requested resource ${path} was not found`);
      return [200, kind === 'Messages' ? messageJson(found as SimMessage) : callJson(found as SimCall)];
    }
    if (request.method !== 'POST' || sid) throw new SimulatedTwilioError(405, 20004, 'Method not allowed');
    const form = await readForm(request);
    if (rateLimited > 0) {
      rateLimited -= 1;
      throw new SimulatedTwilioError(429, 20429, 'Too Many Requests');
    }
    if (kind === 'Messages') {
      const message = createMessage(form, context, new Date());
      messages.push(message);
      play(playMessage(message, failures.get(bareNumber(message.to)), playback));
      return [201, messageJson(message)];
    }
    const call = createCall(form, context, new Date());
    calls.push(call);
    play(playCall(call, failures.get(call.to), playback));
    return [201, callJson(call)];
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://simulator');
    let status: number;
    try {
      const [code, body] = await route(request, url.pathname, url.searchParams);
      status = code;
      sendJson(response, code, body);
    } catch (error) {
      const refusal = error instanceof SimulatedTwilioError ? error : new SimulatedTwilioError(500, 20500, 'Internal Server Error');
      if (refusal.status === 401) response.setHeader('www-authenticate', 'Basic realm="Twilio API"');
      status = refusal.status;
      sendJson(response, refusal.status, refusal.body());
    }
    requests.push({ method: request.method ?? 'GET', path: url.pathname, status });
  }

  async function replyFrom(e164: string, text: string): Promise<string> {
    const last = messages.findLast((m) => m.direction === 'outbound-api' && bareNumber(m.to) === e164);
    if (!last) throw new Error(`the simulator has sent nothing to ${e164}, so there is nothing to reply to`);
    const now = new Date();
    const reply: SimMessage = {
      ...last,
      sid: newSid('SM'),
      from: last.to,
      to: last.from,
      body: text,
      status: 'received',
      direction: 'inbound',
      errorCode: null,
      numSegments: segmentsOf(last.to, text),
      statusCallback: null,
      dateCreated: now,
      dateUpdated: now,
      dateSent: now,
    };
    messages.push(reply);
    const keyword = text.trim().toUpperCase();
    if (OPT_OUT.has(keyword)) optedOut.add(reply.from);
    if (OPT_IN.has(keyword)) optedOut.delete(reply.from);
    if (options.inboundWebhookUrl) await playback.notify(options.inboundWebhookUrl, inboundParams(reply));
    return reply.sid;
  }

  async function pressDigits(e164: string, digits: string): Promise<string> {
    const call = calls.findLast((c) => c.to === e164);
    const action = /<Gather\b[^>]*\saction="([^"]*)"/.exec(call?.twiml ?? '')?.[1];
    if (!call || action === undefined) throw new Error(`no call to ${e164} with a Gather action`);
    const url = action.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
    return (await postSignedForm(url, gatherParams(call, digits), authToken)).text;
  }

  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    script: {
      failNumber: (e164, errorCode) => void failures.set(e164, errorCode),
      replyFrom,
      replyStop: (e164) => replyFrom(e164, 'STOP'),
      rateLimitNext: (count) => void (rateLimited = count),
      pressDigits,
    },
    messages: () => messages.map((m) => ({ ...m })),
    calls: () => calls.map((c) => ({ ...c, statusCallbackEvents: [...c.statusCallbackEvents] })),
    requests: () => requests.map((r) => ({ ...r })),
    close: async () => {
      closing = true;
      await Promise.allSettled([...timelines]);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
