import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { SegmentedMessage } from 'sms-segments-calculator';
import { mapTwilioError, TwilioSendError } from './twilio-errors';

const WHATSAPP = 'whatsapp:';

/**
 * A destination as E.164, refused before Twilio is asked (and billed) when libphonenumber says it
 * cannot work: not a valid number at all, or for texting a number it knows is a fixed line
 * (DESIGN §2; "fixed line or mobile" stays allowed, since it may be a mobile).
 */
export function normalizeNumber(raw: string, options: { texting: boolean; defaultCountry?: CountryCode }): string {
  const phone = parsePhoneNumberFromString(raw.trim().replace(/^whatsapp:/i, ''), options.defaultCountry);
  if (!phone?.isValid()) throw new TwilioSendError(mapTwilioError(21211), null);
  if (options.texting && phone.getType() === 'FIXED_LINE') throw new TwilioSendError(mapTwilioError(21614), null);
  return phone.number;
}

/** WhatsApp addresses are the E.164 number behind the channel prefix, as Twilio expects them. */
export function whatsappAddress(e164: string): string {
  return `${WHATSAPP}${e164}`;
}

/** How many SMS segments (each billed) a body takes, by Twilio's own GSM-7 / UCS-2 rules. */
export function smsSegments(body: string): number {
  return new SegmentedMessage(body).segmentsCount;
}
