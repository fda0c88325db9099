import type { BatchLedger, TwilioRow } from './batch-ledger';

/**
 * A STOP or Twilio error 21610 withdraws texting consent for the number (`sms_consent` covers
 * SMS and WhatsApp). Twilio then blocks the number itself, whoever's row it is on, so every live
 * phone row with it is revoked; the first opt-out time is kept.
 */
export async function revokeTextConsent(ledger: BatchLedger, e164: string, at: string): Promise<TwilioRow[]> {
  const phones = await ledger.rowsBy('phones', 'e164', e164);
  return phones
    .filter((phone) => Boolean(phone.data.sms_consent) || phone.data.opted_out_at == null)
    .map((phone) => ({ tbl: phone.tbl, id: phone.id, partition: phone.partition, data: { ...phone.data, sms_consent: 0, opted_out_at: phone.data.opted_out_at ?? at } }));
}
