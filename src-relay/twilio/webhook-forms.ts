import { z } from 'zod';

/** Twilio SIDs: two letters and 32 hex digits (SM…, MM…, CA…). */
const sid = z.string().regex(/^[A-Z]{2}[0-9a-fA-F]{32}$/, 'not a Twilio SID');
const status = z.string().min(1).max(32);
const address = z.string().min(1).max(64);

/** The fields we use of each callback; Twilio posts many more, which are dropped. */
export const messageStatusForm = z.object({
  MessageSid: sid,
  MessageStatus: status,
  ErrorCode: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().nonnegative().optional()),
});

export const callStatusForm = z.object({ CallSid: sid, CallStatus: status });

export const inboundMessageForm = z.object({ MessageSid: sid, From: address, To: address, Body: z.string().max(10_000).default('') });

export const gatherForm = z.object({ CallSid: sid, Digits: z.string().max(32).default('') });
