import type Database from 'better-sqlite3';
import type { AgingBucket, TrendPoint } from '../../src-shared/contract/dashboard';
import { addDays, type IsoDate } from '../../src-shared/dates';
import { BUCKETS, type Bucket } from '../../src-shared/domain/vocabulary';
import type { Minor } from '../../src-shared/money';
import { perCurrency } from './currency-amounts';
import { CURRENCY_FILTER } from './kpi-queries';

export const TREND_DAYS = 30;

/** What the daily run writes in a snapshot's breakdown (src-main/engine/write-snapshot.ts). */
interface SnapshotBreakdown {
  byCurrency?: { key: string; accounts: number; past_due: Minor }[];
}

/**
 * DPD aging of the active cases, per delinquent bucket: the same cases the queue shows when
 * filtered to the bucket, so a drill-down finds exactly the bar's accounts.
 */
export function agingQuery(sqlite: Database.Database) {
  const rows = sqlite.prepare(`SELECT bucket, currency, count(*) AS accounts, sum(amount_past_due_minor) AS pastDue, sum(balance_minor) AS balance
                               FROM cases l WHERE active = 1 AND bucket != 'current' AND ${CURRENCY_FILTER} GROUP BY bucket, currency`);
  return (currency: string | null): AgingBucket[] => {
    const all = rows.all({ currency }) as { bucket: Bucket; currency: string; accounts: number; pastDue: Minor; balance: Minor }[];
    return BUCKETS.filter((bucket) => bucket !== 'current').map((bucket) => {
      const inBucket = all.filter((row) => row.bucket === bucket);
      return {
        bucket,
        accounts: inBucket.reduce((sum, row) => sum + row.accounts, 0),
        pastDue: perCurrency(inBucket.map((row) => ({ currency: row.currency, amountMinor: row.pastDue }))),
        balance: perCurrency(inBucket.map((row) => ({ currency: row.currency, amountMinor: row.balance }))),
      };
    });
  };
}

/**
 * The 30-day trend, read from the daily snapshots. A snapshot splits arrears per currency but
 * not its open-case count, so a one-currency view leaves that count out rather than mislead.
 */
export function trendQuery(sqlite: Database.Database) {
  const snapshots = sqlite.prepare(`SELECT snapshot_on AS on_, open_cases AS openCases, accounts_in_arrears AS accounts, breakdown FROM dashboard_snapshots
                                    WHERE snapshot_on >= ? AND snapshot_on <= ? ORDER BY snapshot_on`);
  return (to: IsoDate, currency: string | null): TrendPoint[] =>
    (snapshots.all(addDays(to, -(TREND_DAYS - 1)), to) as { on_: IsoDate; openCases: number; accounts: number; breakdown: string }[]).map((row) => {
      const byCurrency = ((JSON.parse(row.breakdown) as SnapshotBreakdown).byCurrency ?? []).filter((entry) => currency === null || entry.key === currency);
      return {
        on: row.on_,
        accountsInArrears: currency === null ? row.accounts : byCurrency.reduce((sum, entry) => sum + entry.accounts, 0),
        openCases: currency === null ? row.openCases : null,
        pastDue: perCurrency(byCurrency.map((entry) => ({ currency: entry.key, amountMinor: entry.past_due }))),
      };
    });
}
