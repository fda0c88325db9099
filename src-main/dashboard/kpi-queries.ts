import type Database from 'better-sqlite3';
import type { DashboardSummary } from '../../src-shared/contract/dashboard';
import type { IsoDate } from '../../src-shared/dates';
import { collected, promiseKeptRate, rightPartyContactRate } from '../../src-shared/domain/kpis';
import { STAGES, type PromiseStatus, type Stage } from '../../src-shared/domain/vocabulary';
import type { Minor } from '../../src-shared/money';
import { fromRecord, perCurrency } from './currency-amounts';
import type { CollectedGroup } from './collected-query';
import { dayAfter, type DashboardPeriod } from './period';

/** Loans (alias `l`) of the asked currency, or all when none was asked. */
export const CURRENCY_FILTER = '(@currency IS NULL OR l.currency = @currency)';

/**
 * The KPI cards. The store groups rows (per stage, day, status, outcome) so that at most a few
 * thousand reach JavaScript whatever the portfolio's size; the pure rules in `domain/kpis` judge them.
 */
export function kpiQueries(sqlite: Database.Database) {
  const arrears = sqlite.prepare(`SELECT stage, currency, count(*) AS accounts, sum(amount_past_due_minor) AS pastDue FROM cases l
                                  WHERE active = 1 AND stage IS NOT NULL AND ${CURRENCY_FILTER} GROUP BY stage, currency`);
  const promises = sqlite.prepare(`SELECT p.due_on AS dueOn, p.status, count(*) AS count FROM promises p JOIN loans l ON l.id = p.loan_id
                                   WHERE p.due_on >= @from AND p.due_on <= @to AND ${CURRENCY_FILTER} GROUP BY 1, 2`);
  // Refused attempts reached nobody, so they are no contact (DESIGN §2 counts what was placed).
  const calls = sqlite.prepare(`SELECT a.direction, a.outcome, count(*) AS count FROM contact_attempts a JOIN loans l ON l.id = a.loan_id
                                WHERE a.channel = 'voice' AND a.blocked = 0 AND a.at >= @from AND a.at < @until AND ${CURRENCY_FILTER} GROUP BY 1, 2`);
  const contacts = sqlite.prepare(`SELECT count(*) FROM contact_attempts a JOIN loans l ON l.id = a.loan_id
                                   WHERE a.direction = 'outbound' AND a.blocked = 0 AND a.at >= @from AND a.at < @until AND ${CURRENCY_FILTER}`).pluck();

  return (period: DashboardPeriod, currency: string | null, paid: readonly CollectedGroup[]): Omit<DashboardSummary['kpis'], 'cureRate'> => {
    const byStage = arrears.all({ currency }) as { stage: Stage; currency: string; accounts: number; pastDue: Minor }[];
    const arrearsByStage = STAGES.map((stage) => {
      const rows = byStage.filter((row) => row.stage === stage);
      return { stage, accounts: rows.reduce((sum, row) => sum + row.accounts, 0), pastDue: perCurrency(rows.map((row) => ({ currency: row.currency, amountMinor: row.pastDue }))) };
    });
    const range = { from: period.from, to: period.to, until: dayAfter(period.to), currency };
    return {
      arrearsByStage,
      accountsInArrears: byStage.reduce((sum, row) => sum + row.accounts, 0),
      pastDue: perCurrency(byStage.map((row) => ({ currency: row.currency, amountMinor: row.pastDue }))),
      collectedToday: fromRecord(collected(paid, period.businessDate, period.businessDate)),
      collectedMonthToDate: fromRecord(collected(paid, period.monthStart, period.businessDate)),
      collectedInPeriod: fromRecord(collected(paid, period.from, period.to)),
      promiseKeptRate: promiseKeptRate(promises.all(range) as { dueOn: IsoDate; status: PromiseStatus; count: number }[], period.from, period.to),
      rightPartyContactRate: rightPartyContactRate(calls.all(range) as { direction: 'outbound' | 'inbound'; outcome: string; count: number }[]),
      contactsToday: contacts.get({ from: period.businessDate, until: dayAfter(period.businessDate), currency }) as number,
    };
  };
}
