import type { ServerResponse } from 'node:http';
import twilio from 'twilio';
import type { z } from 'zod';
import { AppError } from '../../src-shared/errors';
import { log } from '../log';
import type { TwilioEvent } from '../twilio/twilio-event';
import type { TwilioEventInbox } from '../twilio/twilio-event-inbox';
import { verifyTwilioSignature } from '../twilio/verify-signature';
import { answerGather } from '../twilio/voice-gather';
import { callStatusForm, gatherForm, inboundMessageForm, messageStatusForm } from '../twilio/webhook-forms';
import { parseFields, readFormParams } from './read-form';
import { sendError, sendNoContent, sendXml } from './responses';
import type { RelayServices, Route, RouteRequest } from './route';

export const GATHER_PATH = '/api/twilio/voice/gather';

/** An empty messaging answer: Twilio sends no automatic reply. */
const NO_REPLY = new twilio.twiml.MessagingResponse().toString();

/** The signed, validated form of a Twilio request, or null once an error was answered. */
async function verifiedForm<T extends z.ZodType>(services: RelayServices, { request, response }: RouteRequest, schema: T): Promise<z.infer<T> | null> {
  if (services.twilioAuthToken === null) {
    sendError(response, new AppError('internal', 'Twilio webhooks are disabled: set TWILIO_AUTH_TOKEN to the Twilio account auth token and restart the relay'), 503);
    return null;
  }
  const params = await readFormParams(request);
  verifyTwilioSignature({ authToken: services.twilioAuthToken, publicUrl: services.publicUrl(), request, params });
  return parseFields(schema, params);
}

/**
 * A status or message callback: stored durably (never lost once answered) and answered at once;
 * the applier puts it into the ledger in its next batch.
 */
function webhook<T extends z.ZodType>(
  services: RelayServices,
  inbox: TwilioEventInbox,
  path: string,
  schema: T,
  toEvent: (form: z.infer<T>) => TwilioEvent,
  answer: (response: ServerResponse) => void,
): Route {
  return {
    method: 'POST',
    path,
    async handle(input) {
      const form = await verifiedForm(services, input, schema);
      if (form === null) return;
      const event = toEvent(form);
      const outcome = await inbox.store(event);
      log.debug('twilio callback', { kind: event.kind, sid: 'sid' in event ? event.sid : undefined, outcome });
      answer(input.response);
    },
  };
}

/** DESIGN §3's Twilio endpoints; a replayed callback gets the same answer as the first. */
export function twilioRoutes(services: RelayServices, inbox: TwilioEventInbox): Route[] {
  return [
    webhook(services, inbox, '/api/twilio/webhook/sms', messageStatusForm, (form) => ({ kind: 'message_status', sid: form.MessageSid, status: form.MessageStatus, errorCode: form.ErrorCode ?? null }), sendNoContent),
    webhook(services, inbox, '/api/twilio/webhook/voice', callStatusForm, (form) => ({ kind: 'call_status', sid: form.CallSid, status: form.CallStatus }), sendNoContent),
    webhook(services, inbox, '/api/twilio/webhook/inbound', inboundMessageForm, (form) => ({ kind: 'inbound_message', sid: form.MessageSid, from: form.From, to: form.To, body: form.Body }), (response) =>
      sendXml(response, NO_REPLY),
    ),
    {
      method: 'POST',
      path: GATHER_PATH,
      async handle(input) {
        const form = await verifiedForm(services, input, gatherForm);
        if (form === null) return;
        sendXml(input.response, await answerGather(services.database.db, { callSid: form.CallSid, digits: form.Digits, gatherUrl: `${services.publicUrl()}${GATHER_PATH}` }));
      },
    },
  ];
}
