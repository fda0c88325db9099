import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** Shows an E.164 number the way people read it: "+1 868 555 0123". */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
