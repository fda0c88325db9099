import type { CountryCode } from 'libphonenumber-js/max';
import twilio from 'twilio';
import { log } from '../log/logger';
import { normalizeNumber, whatsappAddress } from './numbers';
import { createSenderPacer, retryOn429, systemClock, type Clock } from './pacing';
import { RedirectingRequestClient } from './request-client';
import { mapTwilioError, TwilioSendError } from './twilio-errors';

export interface TwilioClientOptions {
  accountSid: string;
  authToken: string;
  /** Our SMS and voice number (or an alphanumeric sender id for SMS), sent as is. */
  fromNumber: string;
  /** Our WhatsApp sender's E.164 number, when it is not `fromNumber`. */
  whatsappFrom?: string;
  /** Another API origin instead of https://api.twilio.com: the simulator's url in tests and sandbox mode. */
  baseUrl?: string;
  /**
   * The relay's public origin; status callbacks go to its `/api/twilio/webhook/…` paths (DESIGN §3).
   * Without a relay none are asked for and the desktop polls `fetchMessage` / `fetchCall` instead.
   */
  statusCallbackBase?: string;
  /** Country for numbers stored without a `+` prefix. */
  defaultCountry?: CountryCode;
  clock?: Clock;
  /** Minimum gap between two sends from one sender number (default one second). */
  sendIntervalMs?: number;
  /** Retries of a send Twilio answers 429 (default 3), waiting `retryBaseDelayMs` (default 1 s) doubled each time. */
  maxRetries?: number;
  retryBaseDelayMs?: number;
}

export interface SentMessage {
  sid: string;
  status: string;
  /** The address Twilio was asked to send to (`+E164` or `whatsapp:+E164`). */
  to: string;
  segments: number;
  /** When the accepted request left, as an ISO instant: the action's `sent_at`. */
  sentAt: string;
}

export interface PlacedCall {
  sid: string;
  status: string;
  to: string;
  sentAt: string;
}

export interface InboundMessage {
  sid: string;
  channel: 'sms' | 'whatsapp';
  /** The borrower's number as E.164, without the channel prefix. */
  from: string;
  /** Our number it was sent to, without the channel prefix. */
  to: string;
  body: string;
  receivedAt: string;
}

export interface TwilioClient {
  sendSms(input: { to: string; body: string }): Promise<SentMessage>;
  sendWhatsApp(input: { to: string; body: string }): Promise<SentMessage>;
  placeCall(input: { to: string; twiml: string }): Promise<PlacedCall>;
  /** Current state of a message, for a desktop that polls instead of receiving callbacks. */
  fetchMessage(sid: string): Promise<{ sid: string; status: string; errorCode: number | null }>;
  fetchCall(sid: string): Promise<{ sid: string; status: string; durationSeconds: number | null }>;
  /** Replies received on our SMS and WhatsApp numbers since `since`, for polling without a relay. */
  listInboundMessages(since: Date): Promise<InboundMessage[]>;
}

const CALL_EVENTS = ['initiated', 'ringing', 'answered', 'completed'];

/** Turns whatever the SDK threw into the action error the app records; never includes credentials. */
function toSendError(error: unknown): TwilioSendError {
  if (error instanceof TwilioSendError) return error;
  if (error instanceof twilio.RestException) {
    const code = error.code ?? (error.status === 429 ? 20429 : null);
    return new TwilioSendError(mapTwilioError(code), code);
  }
  const cause = (error as { code?: unknown } | null)?.code;
  const failure = { reason: 'unknown' as const, revokeConsent: false, message: `Could not reach Twilio (${typeof cause === 'string' ? cause : 'network error'}). The send can be tried again.` };
  return new TwilioSendError(failure, null);
}

/**
 * Twilio through the official `twilio` package: SMS, WhatsApp and voice, numbers checked and made
 * E.164 first, one paced queue per sender, 429s retried and nothing else, errors mapped for the
 * action row. Logs carry SIDs and codes only, never tokens, numbers or bodies.
 */
export function createTwilioClient(options: TwilioClientOptions): TwilioClient {
  const clock = options.clock ?? systemClock;
  const httpClient = options.baseUrl ? new RedirectingRequestClient(options.baseUrl, { timeout: 15_000 }) : undefined;
  const api = twilio(options.accountSid, options.authToken, { httpClient });
  const pacer = createSenderPacer({ intervalMs: options.sendIntervalMs ?? 1000, clock });
  const retry = { maxRetries: options.maxRetries ?? 3, baseDelayMs: options.retryBaseDelayMs ?? 1000, clock };
  const callbackBase = options.statusCallbackBase?.replace(/\/+$/, '');
  const callbackUrl = (path: string) => (callbackBase === undefined ? undefined : `${callbackBase}${path}`);
  const whatsappFrom = whatsappAddress((options.whatsappFrom ?? options.fromNumber).replace(/^whatsapp:/, ''));

  /** Paced per sender, then retried on 429 only; `sentAt` is when the attempt Twilio accepted left. */
  async function dispatch<T>(sender: string, channel: string, create: () => Promise<T>): Promise<T & { sentAt: string }> {
    try {
      return await pacer.run(sender, () =>
        retryOn429(async () => {
          const sentAt = new Date(clock.now()).toISOString();
          return { ...(await create()), sentAt };
        }, retry),
      );
    } catch (error) {
      const refused = toSendError(error);
      log.warn('twilio send refused', { channel, twilioCode: refused.twilioCode, reason: refused.reason });
      throw refused;
    }
  }

  async function sendMessage(channel: 'sms' | 'whatsapp', to: string, from: string, body: string): Promise<SentMessage> {
    const sent = await dispatch(`message:${from}`, channel, async () => {
      const message = await api.messages.create({ to, from, body, statusCallback: callbackUrl('/api/twilio/webhook/sms') });
      return { sid: message.sid, status: message.status, to, segments: Number(message.numSegments) };
    });
    log.info('twilio message created', { channel, sid: sent.sid, status: sent.status, segments: sent.segments });
    return sent;
  }

  const retried = <T>(request: () => Promise<T>) => retryOn429(request, retry).catch((error: unknown) => Promise.reject(toSendError(error)));

  return {
    sendSms: async ({ to, body }) => {
      const number = normalizeNumber(to, { texting: true, defaultCountry: options.defaultCountry });
      return sendMessage('sms', number, options.fromNumber, body);
    },
    sendWhatsApp: async ({ to, body }) => {
      const number = normalizeNumber(to, { texting: true, defaultCountry: options.defaultCountry });
      return sendMessage('whatsapp', whatsappAddress(number), whatsappFrom, body);
    },
    placeCall: async ({ to, twiml }) => {
      const number = normalizeNumber(to, { texting: false, defaultCountry: options.defaultCountry });
      const placed = await dispatch(`call:${options.fromNumber}`, 'voice', async () => {
        const call = await api.calls.create({
          to: number,
          from: options.fromNumber,
          twiml,
          ...(callbackBase === undefined ? {} : { statusCallback: callbackUrl('/api/twilio/webhook/voice'), statusCallbackEvent: CALL_EVENTS, statusCallbackMethod: 'POST' }),
        });
        return { sid: call.sid, status: call.status, to: number };
      });
      log.info('twilio call created', { sid: placed.sid, status: placed.status });
      return placed;
    },
    fetchMessage: (sid) =>
      retried(async () => {
        const message = await api.messages(sid).fetch();
        return { sid: message.sid, status: message.status, errorCode: message.errorCode ?? null };
      }),
    fetchCall: (sid) =>
      retried(async () => {
        const call = await api.calls(sid).fetch();
        return { sid: call.sid, status: call.status, durationSeconds: call.duration == null ? null : Number(call.duration) };
      }),
    listInboundMessages: (since) =>
      retried(async () => {
        const inboxes = [options.fromNumber, whatsappFrom];
        const pages = await Promise.all(inboxes.map((to) => api.messages.list({ to, dateSentAfter: since })));
        return pages
          .flat()
          .filter((message) => message.direction === 'inbound')
          .map((message) => ({
            sid: message.sid,
            channel: message.from.startsWith('whatsapp:') ? ('whatsapp' as const) : ('sms' as const),
            from: message.from.replace(/^whatsapp:/, ''),
            to: message.to.replace(/^whatsapp:/, ''),
            body: message.body,
            receivedAt: (message.dateSent ?? message.dateCreated).toISOString(),
          }));
      }),
  };
}
