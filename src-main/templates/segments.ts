import { SegmentedMessage } from 'sms-segments-calculator';

export interface SmsSegments {
  segments: number;
  /** GSM-7 fits 160 characters (153 per part); any character outside it (á, í, ó, ú, emoji) makes the whole message UCS-2, 70 (67). */
  encoding: 'GSM-7' | 'UCS-2';
}

/**
 * How many SMS parts a body is billed as, with Twilio's own calculator. Smart encoding is left
 * off: it is an account setting, and counting without it never under-states the cost.
 */
export function smsSegments(body: string): SmsSegments {
  const message = new SegmentedMessage(body);
  return { segments: message.segmentsCount, encoding: message.encodingName };
}
