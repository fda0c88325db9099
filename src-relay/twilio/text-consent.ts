import { isStanding, newTextOptOut, restoredByReply, type TextOptOutRow, type TextOptOutSource } from '../../src-shared/domain/text-opt-outs';
import type { BatchLedger, TwilioRow } from './batch-ledger';

const optOutOf = (row: TwilioRow) => row.data as unknown as TextOptOutRow;

/**
 * A STOP or Twilio error 21610 withdraws texting consent for the number (`sms_consent` covers
 * SMS and WhatsApp). Twilio then blocks the number itself, whoever's row it is on, so every live
 * phone row with it is revoked, the first opt-out time kept, and every borrower holding it gets an
 * opt-out of the number (unless one stands), which binds whatever row holds it later.
 */
export async function revokeTextConsent(ledger: BatchLedger, e164: string, at: string, source: TextOptOutSource): Promise<TwilioRow[]> {
  const phones = await ledger.rowsBy('phones', 'e164', e164);
  const optOuts = await ledger.rowsBy('text_opt_outs', 'e164', e164);
  const marked = phones
    .filter((phone) => Boolean(phone.data.sms_consent) || phone.data.opted_out_at == null)
    .map((phone) => ({ tbl: phone.tbl, id: phone.id, partition: phone.partition, data: { ...phone.data, sms_consent: 0, opted_out_at: phone.data.opted_out_at ?? at } }));
  const holders = new Map(phones.map((phone) => [String(phone.data.borrower_id), phone.partition]));
  const recorded = [...holders]
    .filter(([borrowerId]) => !optOuts.some((row) => row.data.borrower_id === borrowerId && isStanding(optOutOf(row))))
    .map(([borrowerId, partition]): TwilioRow => {
      const row = newTextOptOut(borrowerId, e164, at, source);
      return { tbl: 'text_opt_outs', id: row.id, partition, data: { ...row } };
    });
  return [...marked, ...recorded];
}

/**
 * START or UNSTOP from the number: the borrower's own word restores every opt-out of the number
 * that stands, for every borrower holding it (as a STOP revoked them all), and takes the STOP mark
 * off their phone rows with it, giving back the consent the STOP took.
 */
export async function restoreTextConsent(ledger: BatchLedger, e164: string, reply: { at: string; word: string; sid: string }): Promise<TwilioRow[]> {
  const phones = await ledger.rowsBy('phones', 'e164', e164);
  const holders = new Set(phones.map((phone) => String(phone.data.borrower_id)));
  const optOuts = (await ledger.rowsBy('text_opt_outs', 'e164', e164)).filter((row) => holders.has(String(row.data.borrower_id)) && isStanding(optOutOf(row)));
  return [
    ...optOuts.map((row) => ({ ...row, data: { ...restoredByReply(optOutOf(row), reply) } })),
    ...phones.filter((phone) => phone.data.opted_out_at != null).map((phone) => ({ ...phone, data: { ...phone.data, sms_consent: 1, opted_out_at: null } })),
  ];
}
