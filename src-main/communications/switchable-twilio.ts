import type { Mailer } from '../email';
import type { TwilioClient } from '../twilio/twilio-client';

/**
 * A Twilio client that asks `current` on every call, so saving or clearing credentials switches
 * between the live account and the sandbox simulator at once, and the simulator only starts when
 * something is first sent.
 */
export function switchableTwilio(current: () => Promise<TwilioClient>): TwilioClient {
  return {
    sendSms: async (input) => (await current()).sendSms(input),
    sendWhatsApp: async (input) => (await current()).sendWhatsApp(input),
    placeCall: async (input) => (await current()).placeCall(input),
    fetchMessage: async (sid) => (await current()).fetchMessage(sid),
    fetchCall: async (sid) => (await current()).fetchCall(sid),
    listInboundMessages: async (since) => (await current()).listInboundMessages(since),
  };
}

/** The same for email: the saved SMTP account, or the sandbox mailer. */
export function switchableMailer(current: () => Mailer): Mailer {
  return {
    send: (email) => current().send(email),
    verify: () => current().verify(),
    close: () => current().close(),
  };
}
