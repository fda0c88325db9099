import type Database from 'better-sqlite3';
import type { IsoDate } from '../../src-shared/dates';
import type { Minor } from '../../src-shared/money';

/** Payments of one day and currency under the cases of one agent (null: unassigned). */
export interface CollectedGroup {
  paidOn: IsoDate;
  currency: string;
  agentId: string | null;
  amountMinor: Minor;
  /** Always true: only payments made while the loan had a case open are read. */
  loanHasCase: true;
}

/**
 * "Collected" (DESIGN §2) counts payments on loans with a case: those dated while a case of the
 * loan was open (opened on or before the payment, not closed before it). A loan has one case per
 * episode, so a payment meets at most one case; its currency and current agent come with it.
 * One pass serves the KPI cards (today, month to date, the period) and the agent table.
 */
export function collectedQuery(sqlite: Database.Database) {
  const groups = sqlite.prepare(`SELECT p.paid_on AS paidOn, c.currency, c.assigned_agent_id AS agentId, sum(p.amount_minor) AS amountMinor
                                 FROM payments p JOIN cases c ON c.loan_id = p.loan_id AND c.opened_on <= p.paid_on AND (c.closed_on IS NULL OR c.closed_on >= p.paid_on)
                                 WHERE p.paid_on >= @first AND p.paid_on <= @last AND (@currency IS NULL OR c.currency = @currency)
                                 GROUP BY 1, 2, 3`);
  return (first: IsoDate, last: IsoDate, currency: string | null): CollectedGroup[] =>
    (groups.all({ first, last, currency }) as Omit<CollectedGroup, 'loanHasCase'>[]).map((row) => ({ ...row, loanHasCase: true }));
}
