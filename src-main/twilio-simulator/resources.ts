import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { SegmentedMessage } from 'sms-segments-calculator';
import { API_VERSION, newSid, rfc2822, SimulatedTwilioError } from './wire';

/** Twilio's Message and Call resources as the simulator keeps them (spec: api.v2010.account.message / .call). */
export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'received';
export type CallStatus = 'queued' | 'ringing' | 'in-progress' | 'completed' | 'failed';

export interface SimMessage {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  body: string;
  status: MessageStatus;
  direction: 'outbound-api' | 'inbound';
  errorCode: number | null;
  numSegments: number;
  statusCallback: string | null;
  dateCreated: Date;
  dateUpdated: Date;
  dateSent: Date | null;
}

export interface SimCall {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  twiml: string | null;
  url: string | null;
  status: CallStatus;
  durationSeconds: number | null;
  statusCallback: string | null;
  /** The progress events the caller asked for; Twilio sends only `completed` when none are named. */
  statusCallbackEvents: string[];
  dateCreated: Date;
  dateUpdated: Date;
  startTime: Date | null;
  endTime: Date | null;
}

/** What the scripted state contributes to a create: opt-outs (by address) and numbers told to fail. */
export interface CreateContext {
  accountSid: string;
  optedOut: ReadonlySet<string>;
  failures: ReadonlyMap<string, number>;
}

const WHATSAPP = 'whatsapp:';
const MAX_BODY_CHARS = 1600;

export function bareNumber(address: string): string {
  return address.startsWith(WHATSAPP) ? address.slice(WHATSAPP.length) : address;
}

/** Error codes Twilio reports later through the status callback rather than refusing the create. */
export function isDeliveryFailure(code: number): boolean {
  return (code >= 30000 && code < 31000) || (code >= 63000 && code < 64000);
}

/** WhatsApp has no SMS segmentation: a message is one message. */
export function segmentsOf(address: string, body: string): number {
  return address.startsWith(WHATSAPP) ? 1 : new SegmentedMessage(body).segmentsCount;
}

function bad(code: number, message: string): SimulatedTwilioError {
  return new SimulatedTwilioError(400, code, message);
}

function checkDestination(to: string, context: CreateContext, texting: boolean): void {
  const phone = parsePhoneNumberFromString(bareNumber(to));
  if (!phone?.isValid() || phone.number !== bareNumber(to)) throw bad(21211, `The 'To' number ${to} is not a valid phone number.`);
  if (texting && context.optedOut.has(to)) throw bad(21610, 'Attempt to send to unsubscribed recipient');
  if (texting && !to.startsWith(WHATSAPP) && phone.getType() === 'FIXED_LINE') throw bad(21614, `'To' number is not a valid mobile number`);
  const scripted = context.failures.get(bareNumber(to));
  if (scripted !== undefined && !isDeliveryFailure(scripted)) throw bad(scripted, `Scripted failure ${scripted} for this number`);
}

export function createMessage(form: URLSearchParams, context: CreateContext, now: Date): SimMessage {
  const to = form.get('To');
  const from = form.get('From');
  const body = form.get('Body');
  if (!to) throw bad(21604, "A 'To' phone number is required.");
  if (!from) throw bad(21603, "A 'From' phone number is required.");
  if (!body) throw bad(21602, 'Message body is required.');
  if (body.length > MAX_BODY_CHARS) throw bad(21617, 'The concatenated message body exceeds the 1600 character limit.');
  if (to.startsWith(WHATSAPP) !== from.startsWith(WHATSAPP)) throw bad(21910, 'Invalid From and To pair. From and To should be of the same channel.');
  checkDestination(to, context, true);
  return {
    sid: newSid('SM'),
    accountSid: context.accountSid,
    to,
    from,
    body,
    status: 'queued',
    direction: 'outbound-api',
    errorCode: null,
    numSegments: segmentsOf(to, body),
    statusCallback: form.get('StatusCallback'),
    dateCreated: now,
    dateUpdated: now,
    dateSent: null,
  };
}

export function createCall(form: URLSearchParams, context: CreateContext, now: Date): SimCall {
  const to = form.get('To');
  const from = form.get('From');
  if (!to) throw bad(21201, "No 'To' number is specified");
  if (!from) throw bad(21213, "No 'From' number is specified");
  const twiml = form.get('Twiml');
  const url = form.get('Url');
  if (!twiml && !url) throw bad(21205, "A 'Url' or 'Twiml' parameter is required.");
  checkDestination(to, context, false);
  const events = form.getAll('StatusCallbackEvent').flatMap((value) => value.split(/[\s,]+/)).filter(Boolean);
  return {
    sid: newSid('CA'),
    accountSid: context.accountSid,
    to,
    from,
    // The spec: when both are given, Url wins and Twiml is ignored.
    twiml: url ? null : twiml,
    url,
    status: 'queued',
    durationSeconds: null,
    statusCallback: form.get('StatusCallback'),
    statusCallbackEvents: events.length > 0 ? events : ['completed'],
    dateCreated: now,
    dateUpdated: now,
    startTime: null,
    endTime: null,
  };
}

const when = (at: Date | null) => (at ? rfc2822(at) : null);
const formatted = (address: string) => parsePhoneNumberFromString(bareNumber(address))?.formatNational() ?? address;

export function messageJson(message: SimMessage): Record<string, unknown> {
  const uri = `/${API_VERSION}/Accounts/${message.accountSid}/Messages/${message.sid}`;
  return {
    account_sid: message.accountSid,
    api_version: API_VERSION,
    body: message.body,
    date_created: rfc2822(message.dateCreated),
    date_sent: when(message.dateSent),
    date_updated: rfc2822(message.dateUpdated),
    direction: message.direction,
    error_code: message.errorCode,
    error_message: null,
    from: message.from,
    messaging_service_sid: null,
    num_media: '0',
    num_segments: String(message.numSegments),
    price: null,
    price_unit: 'USD',
    sid: message.sid,
    status: message.status,
    subresource_uris: { media: `${uri}/Media.json` },
    to: message.to,
    uri: `${uri}.json`,
  };
}

export function callJson(call: SimCall): Record<string, unknown> {
  const uri = `/${API_VERSION}/Accounts/${call.accountSid}/Calls/${call.sid}`;
  const subresources = ['notifications', 'recordings', 'payments', 'events', 'siprec', 'streams', 'transcriptions'];
  return {
    account_sid: call.accountSid,
    answered_by: null,
    api_version: API_VERSION,
    caller_name: null,
    date_created: rfc2822(call.dateCreated),
    date_updated: rfc2822(call.dateUpdated),
    direction: 'outbound-api',
    duration: call.durationSeconds === null ? null : String(call.durationSeconds),
    end_time: when(call.endTime),
    forwarded_from: null,
    from: call.from,
    from_formatted: formatted(call.from),
    group_sid: null,
    parent_call_sid: null,
    phone_number_sid: null,
    price: null,
    price_unit: 'USD',
    queue_time: '0',
    sid: call.sid,
    start_time: when(call.startTime),
    status: call.status,
    subresource_uris: Object.fromEntries(subresources.map((name) => [name, `${uri}/${name[0]!.toUpperCase()}${name.slice(1)}.json`])),
    to: call.to,
    to_formatted: formatted(call.to),
    trunk_sid: null,
    uri: `${uri}.json`,
  };
}
