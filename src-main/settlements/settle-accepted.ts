import type Database from 'better-sqlite3';
import type { IsoDate } from '../../src-shared/dates';
import { stableId } from '../../src-shared/ids';
import { offerRecords, type OfferRow } from './offer-records';

interface SettleableRow {
  id: string;
  case_id: string;
  loan_id: string;
  currency: string;
  balance_minor: number;
  amount_minor: number;
}

/**
 * The daily run's part of the settlement lifecycle (DESIGN §2), for `asOf`; call it after the
 * promises have been judged for that date. Offers made to the borrower expire the day after
 * their expiry date. An accepted offer whose promises are all kept settles its case: a lump sum
 * paid in full, or a discounted plan paid to the end (a plan without discount pays the whole
 * balance and cures the case through the engine instead). The settled loan leaves the engine's
 * books (status `settled`) so its unpaid schedule does not open a new episode, and the discount
 * is written off by a GL entry. Ids and dates come from the offer and `asOf`, never the clock,
 * so every machine writes the same rows, and a second run finds nothing left to do.
 */
export function settleAcceptedOffers(sqlite: Database.Database, asOf: IsoDate): { settled: number; expired: number } {
  const offers = offerRecords(sqlite);
  const lapsed = sqlite.prepare(`SELECT o.*, c.currency FROM settlement_offers o JOIN cases c ON c.id = o.case_id
                                 WHERE o.status = 'offered' AND o.expires_on < ? ORDER BY o.id`);
  const settleable = sqlite.prepare(`
    SELECT o.id, o.case_id, c.loan_id, c.currency, o.balance_minor, o.amount_minor
    FROM settlement_offers o JOIN cases c ON c.id = o.case_id
    WHERE o.status = 'accepted' AND c.active = 1 AND (o.installments = 1 OR o.amount_minor < o.balance_minor)
      AND EXISTS (SELECT 1 FROM promises p WHERE p.settlement_offer_id = o.id)
      AND NOT EXISTS (SELECT 1 FROM promises p WHERE p.settlement_offer_id = o.id AND p.status != 'kept')
    ORDER BY o.id`);
  const settleCase = sqlite.prepare(`UPDATE cases SET status = 'settled', close_reason = 'settled', closed_on = ? WHERE id = ?`);
  const settleLoan = sqlite.prepare(`UPDATE loans SET status = 'settled' WHERE id = ?`);
  // Ignoring a duplicate keeps the write-off single should a settled case be reopened and settle again.
  const writeOff = sqlite.prepare(`INSERT INTO gl_entries (id, loan_id, posted_on, debit_account, credit_account, amount_minor, currency, memo)
                                   VALUES (?, ?, ?, 'allowance_for_credit_losses', 'loans_receivable', ?, ?, ?) ON CONFLICT(id) DO NOTHING`);

  return sqlite.transaction(() => {
    const expiring = lapsed.all(asOf) as OfferRow[];
    for (const row of expiring) offers.move(row, { status: 'expired', by: 'engine', at: `${asOf}T00:00:00.000Z` });
    const settling = settleable.all() as SettleableRow[];
    for (const offer of settling) {
      settleCase.run(asOf, offer.case_id);
      settleLoan.run(offer.loan_id);
      const discount = offer.balance_minor - offer.amount_minor;
      if (discount > 0) {
        writeOff.run(stableId('gl', 'settlement_discount', offer.id), offer.loan_id, asOf, discount, offer.currency, `Discount written off on settlement offer ${offer.id}`);
      }
    }
    return { settled: settling.length, expired: expiring.length };
  })();
}
