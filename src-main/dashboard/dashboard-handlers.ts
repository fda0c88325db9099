import type Database from 'better-sqlite3';
import type { ChannelName } from '../../src-shared/contract';
import type { HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';
import { agentQuery } from './agent-queries';
import { collectedQuery } from './collected-query';
import { kpiQueries } from './kpi-queries';
import { resolvePeriod } from './period';
import { agingQuery, trendQuery } from './portfolio-queries';
import { rollQuery } from './roll-queries';

type DashboardChannel = Extract<ChannelName, `dashboard.${string}`>;

/**
 * The portfolio's currencies, read again only when loans were added: finding them takes a scan of
 * every loan, while the highest rowid is one index step, and a loan never changes currency.
 */
function portfolioCurrencies(sqlite: Database.Database): () => string[] {
  const lastLoan = sqlite.prepare('SELECT max(rowid) FROM loans').pluck();
  const distinct = sqlite.prepare('SELECT DISTINCT currency FROM loans ORDER BY currency').pluck();
  let known: { upTo: number | null; currencies: string[] } | null = null;
  return () => {
    const upTo = lastLoan.get() as number | null;
    if (known?.upTo !== upTo) known = { upTo, currencies: distinct.all() as string[] };
    return known.currencies;
  };
}

/** The supervisor dashboard: every figure aggregated in SQL, judged by the pure KPI rules. */
export function dashboardHandlers(store: Store): HandlerSlice<DashboardChannel> {
  const { sqlite } = store;
  const kpis = kpiQueries(sqlite);
  const aging = agingQuery(sqlite);
  const trend = trendQuery(sqlite);
  const roll = rollQuery(sqlite);
  const agents = agentQuery(sqlite);
  const collected = collectedQuery(sqlite);
  const currencies = portfolioCurrencies(sqlite);

  return {
    'dashboard.summary': (input) => {
      const currency = input.currency ?? null;
      // One read transaction, so every figure sees the same state of the store.
      return sqlite.transaction(() => {
        const period = resolvePeriod(sqlite, input);
        const rolled = roll(period, currency);
        const paid = collected(period.from < period.monthStart ? period.from : period.monthStart, period.businessDate, currency);
        return {
          businessDate: period.businessDate,
          from: period.from,
          to: period.to,
          startOn: period.startOn,
          currency,
          currencies: currencies(),
          kpis: { ...kpis(period, currency, paid), cureRate: rolled.cureRate },
          aging: aging(currency),
          trend: trend(period.to, currency),
          roll: { matrix: rolled.matrix, rates: rolled.rates },
          agents: agents(period, currency, paid),
        };
      }).deferred();
    },
  };
}
