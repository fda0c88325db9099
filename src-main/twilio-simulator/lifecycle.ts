import { type CallStatus, type MessageStatus, type SimCall, type SimMessage } from './resources';
import { API_VERSION, rfc2822 } from './wire';

/**
 * What happens to a message or call after the create: its status advances step by step and each
 * step is reported to its StatusCallback with the fields Twilio sends, in order.
 */
export interface Playback {
  /** Waits the configured callback delay; rejects once the simulator is closing. */
  pause(): Promise<void>;
  now(): Date;
  /** Fetches a call's TwiML from its Url when answered, as Twilio does; null when that fails. */
  fetchTwiml(url: string, params: Record<string, string>): Promise<string | null>;
  /** Posts a signed status callback; a receiver that is down does not stop the timeline. */
  notify(url: string, params: Record<string, string>): Promise<void>;
}

/** Simulated talk time of an answered call: the callbacks arrive in milliseconds, a real call lasts longer. */
const ANSWERED_CALL_SECONDS = 15;

function messageSteps(message: SimMessage, failure: number | undefined): { status: MessageStatus; errorCode: number | null }[] {
  if (failure === undefined) return [{ status: 'sent', errorCode: null }, { status: 'delivered', errorCode: null }];
  // 30008 "unknown error" is a send that never left Twilio; the others reached the carrier and died there.
  if (failure === 30008) return [{ status: 'failed', errorCode: failure }];
  return [{ status: 'sent', errorCode: null }, { status: 'undelivered', errorCode: failure }];
}

function messageParams(message: SimMessage): Record<string, string> {
  const params: Record<string, string> = {
    AccountSid: message.accountSid,
    ApiVersion: API_VERSION,
    From: message.from,
    MessageSid: message.sid,
    MessageStatus: message.status,
    SmsSid: message.sid,
    SmsStatus: message.status,
    To: message.to,
  };
  if (message.errorCode !== null) params.ErrorCode = String(message.errorCode);
  return params;
}

export async function playMessage(message: SimMessage, failure: number | undefined, playback: Playback): Promise<void> {
  const report = async () => {
    if (message.statusCallback) await playback.notify(message.statusCallback, messageParams(message));
  };
  await playback.pause();
  await report();
  for (const step of messageSteps(message, failure)) {
    await playback.pause();
    message.status = step.status;
    message.errorCode = step.errorCode;
    message.dateUpdated = playback.now();
    if (step.status === 'sent') message.dateSent = message.dateUpdated;
    await report();
  }
}

/** Call progress: the callback event name, the CallStatus it reports, and the resource's status then. */
const CALL_STEPS: { event: string; callStatus: string; status: CallStatus }[] = [
  { event: 'initiated', callStatus: 'initiated', status: 'queued' },
  { event: 'ringing', callStatus: 'ringing', status: 'ringing' },
  { event: 'answered', callStatus: 'in-progress', status: 'in-progress' },
  { event: 'completed', callStatus: 'completed', status: 'completed' },
];

/** The fields every voice webhook carries, status callback or Gather action alike. */
function voiceParams(call: SimCall, callStatus: string): Record<string, string> {
  return {
    AccountSid: call.accountSid,
    ApiVersion: API_VERSION,
    CallSid: call.sid,
    CallStatus: callStatus,
    Called: call.to,
    Caller: call.from,
    Direction: 'outbound-api',
    From: call.from,
    To: call.to,
  };
}

function callParams(call: SimCall, callStatus: string, sequence: number): Record<string, string> {
  const params: Record<string, string> = {
    ...voiceParams(call, callStatus),
    CallbackSource: 'call-progress-events',
    SequenceNumber: String(sequence),
    Timestamp: rfc2822(call.dateUpdated),
  };
  if (call.durationSeconds !== null) params.CallDuration = String(call.durationSeconds);
  return params;
}

export async function playCall(call: SimCall, failure: number | undefined, playback: Playback): Promise<void> {
  // A number scripted to fail rings out and ends `failed`: never answered, no duration.
  const steps = failure === undefined ? CALL_STEPS : [CALL_STEPS[0]!, CALL_STEPS[1]!, { event: 'completed', callStatus: 'failed', status: 'failed' as const }];
  let sequence = 0;
  for (const step of steps) {
    await playback.pause();
    const now = playback.now();
    call.status = step.status;
    call.dateUpdated = now;
    if (step.status === 'in-progress') {
      call.startTime = now;
      if (call.url) call.twiml = await playback.fetchTwiml(call.url, voiceParams(call, 'in-progress'));
    }
    if (step.event === 'completed') {
      call.endTime = now;
      call.durationSeconds = step.status === 'completed' ? ANSWERED_CALL_SECONDS : 0;
    }
    if (call.statusCallback && call.statusCallbackEvents.includes(step.event)) {
      await playback.notify(call.statusCallback, callParams(call, step.callStatus, sequence));
      sequence += 1;
    }
  }
}

/** The fields of an incoming message webhook; WhatsApp adds the sender's WhatsApp id. */
export function inboundParams(message: SimMessage): Record<string, string> {
  const params: Record<string, string> = {
    AccountSid: message.accountSid,
    ApiVersion: API_VERSION,
    Body: message.body,
    From: message.from,
    MessageSid: message.sid,
    NumMedia: '0',
    NumSegments: String(message.numSegments),
    SmsMessageSid: message.sid,
    SmsSid: message.sid,
    SmsStatus: 'received',
    To: message.to,
  };
  if (message.from.startsWith('whatsapp:')) params.WaId = message.from.replace(/^whatsapp:\+/, '');
  return params;
}

/** The fields Twilio posts to a Gather action when the caller presses keys. */
export function gatherParams(call: SimCall, digits: string): Record<string, string> {
  return { ...voiceParams(call, 'in-progress'), Digits: digits, FinishedOnKey: '' };
}
