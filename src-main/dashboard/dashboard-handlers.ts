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

/** The supervisor dashboard: every figure aggregated in SQL, judged by the pure KPI rules. */
export function dashboardHandlers(store: Store): HandlerSlice<DashboardChannel> {
  const { sqlite } = store;
  const kpis = kpiQueries(sqlite);
  const aging = agingQuery(sqlite);
  const trend = trendQuery(sqlite);
  const roll = rollQuery(sqlite);
  const agents = agentQuery(sqlite);
  const collected = collectedQuery(sqlite);
  const currencies = sqlite.prepare(`SELECT DISTINCT currency FROM loans ORDER BY currency`).pluck();

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
          currencies: currencies.all() as string[],
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
