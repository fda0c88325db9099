import type { ContactReason } from '../../../src-shared/compliance/types';
import { titleCase } from './domain-labels';

/** Why the compliance gate refused a contact, in the words an agent reads on screen. */
const CONTACT_REASON_TEXT: Record<ContactReason, string> = {
  do_not_contact: 'The borrower asked not to be contacted (do-not-contact)',
  dispute: 'The debt is in dispute',
  bankruptcy: 'The loan is in bankruptcy',
  legal_representative: 'A legal representative acts for the borrower: contact them instead',
  opted_out: 'The borrower opted out of this channel',
  no_consent: 'No consent to text this number',
  invalid_number: 'No valid contact on file for this channel',
  outside_hours: "Outside the borrower's permitted contact hours",
  daily_cap: "Today's contact limit is reached",
  weekly_cap: 'The 7-day contact limit is reached',
  cooling_off: 'Cooling-off period since the last contact',
  reg_f_7_in_7: 'Regulation F: 7 calls in 7 days reached',
  reg_f_after_conversation: 'Regulation F: no calls within 7 days of a conversation',
  ma_2_in_7: 'Massachusetts: 2 contacts in 7 days reached',
  nyc_3_in_7: 'New York City: 3 contacts in 7 days reached',
};

/** Reasons a send failed at the carrier or was skipped, as `ExecutionResult.reasons` carries them. */
const SEND_REASON_TEXT: Record<string, string> = {
  not_mobile: 'The number is not a mobile number',
  delivery_failed: 'The carrier could not deliver it',
  rate_limited: 'Twilio is limiting the request rate',
  unknown: 'Twilio refused the message',
  claimed_elsewhere: 'Another desktop is sending this one',
};

export function reasonText(reason: string): string {
  return CONTACT_REASON_TEXT[reason as ContactReason] ?? SEND_REASON_TEXT[reason] ?? titleCase(reason);
}
