import type { CanContactInput, ContactReason } from './types';

/** Texting channels: the ones an inbound STOP revokes and `sms_consent` covers (DESIGN §2). */
const TEXT_CHANNELS: ReadonlySet<string> = new Set(['sms', 'whatsapp']);

/**
 * Blocks that no amount of waiting clears: while any stands, `nextAllowedAt` is null.
 * Do-not-contact yields only to a recorded override on a manual contact, because an agent who
 * overrides answers for it and an automated send has nobody to answer for it.
 */
export function hardBlocks(input: CanContactInput): ContactReason[] {
  const { borrower, channel, to } = input;
  const reasons: ContactReason[] = [];
  const overridden = input.manual && input.override?.doNotContact === true;
  if (borrower.doNotContact && !overridden) reasons.push('do_not_contact');
  if (borrower.activeDispute) reasons.push('dispute');
  if (borrower.bankruptcy) reasons.push('bankruptcy');
  // With a representative in place, contact goes to the representative, never the borrower.
  if (borrower.legalRepresentativeActive) reasons.push('legal_representative');
  const texting = TEXT_CHANNELS.has(channel);
  // A STOP revokes texting, not calls; an e-mail address's own opt-out is an unsubscribe. The
  // borrower's word binds the number, so a row that holds it again (or anew) is no way round it.
  const numberOptedOut = texting && to !== null && borrower.textOptOuts.includes(to.address);
  if ((to?.optedOut && channel !== 'voice') || numberOptedOut) reasons.push('opted_out');
  if (to && texting && !to.smsConsent) reasons.push('no_consent');
  // Nowhere to send, a bad or retired address, or a landline for a text: all the same to a caller.
  const unusable = !to || !to.valid || !to.active || (texting && to.isMobile === false);
  if (unusable) reasons.push('invalid_number');
  return reasons;
}
