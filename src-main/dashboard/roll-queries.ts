import type Database from 'better-sqlite3';
import type { CurrencyRollRates, RollMatrixRow } from '../../src-shared/contract/dashboard';
import { cureRateOfTransitions, rollMatrix, rollRates, type Ratio } from '../../src-shared/domain/kpis';
import { BUCKETS, type Bucket } from '../../src-shared/domain/vocabulary';
import type { Minor } from '../../src-shared/money';
import { CURRENCY_FILTER } from './kpi-queries';
import type { DashboardPeriod } from './period';

/**
 * Where each active loan stood at the end of two days, grouped by (bucket then, bucket at the
 * end, currency), with the balances on both days.
 *
 * A loan's bucket at the end of day D is the `from_bucket` of its first bucket event after D, or
 * its bucket now when none came since. Its balance on D is today's balance plus what it has been
 * paid since D, less the late fees assessed since D: a balance moves only by payments and fees
 * (DESIGN §2: balance = the unpaid parts of all installments). Only events, payments and fees
 * after D are read, so the cost follows the period's activity, not the book's size.
 */
const TRANSITIONS_SQL = `
  WITH bucket_then AS (SELECT loan_id, from_bucket AS bucket, min(on_date) FROM bucket_events WHERE on_date > @start GROUP BY loan_id),
       bucket_end AS (SELECT loan_id, from_bucket AS bucket, min(on_date) FROM bucket_events WHERE on_date > @end GROUP BY loan_id),
       paid AS (SELECT loan_id, sum(amount_minor) AS since_start, sum(CASE WHEN paid_on > @end THEN amount_minor ELSE 0 END) AS since_end
                FROM payments WHERE paid_on > @start AND paid_on <= @today GROUP BY loan_id),
       fees AS (SELECT loan_id, sum(amount_minor) AS since_start, sum(CASE WHEN assessed_on > @end THEN amount_minor ELSE 0 END) AS since_end
                FROM fee_records WHERE assessed_on > @start GROUP BY loan_id)
  SELECT coalesce(bt.bucket, l.bucket) AS "from", coalesce(be.bucket, l.bucket) AS "to", l.currency, count(*) AS accounts,
         sum(l.balance_minor + coalesce(p.since_start, 0) - coalesce(f.since_start, 0)) AS balanceThen,
         sum(l.balance_minor + coalesce(p.since_end, 0) - coalesce(f.since_end, 0)) AS balanceEnd
  FROM loans l
  LEFT JOIN bucket_then bt ON bt.loan_id = l.id
  LEFT JOIN bucket_end be ON be.loan_id = l.id
  LEFT JOIN paid p ON p.loan_id = l.id
  LEFT JOIN fees f ON f.loan_id = l.id
  WHERE l.status = 'active' AND ${CURRENCY_FILTER}
  GROUP BY 1, 2, 3`;

export interface TransitionGroup {
  from: Bucket;
  to: Bucket;
  currency: string;
  accounts: number;
  balanceThen: Minor;
  balanceEnd: Minor;
}

const zeroBalances = (): Record<Bucket, Minor> => Object.fromEntries(BUCKETS.map((bucket) => [bucket, 0])) as Record<Bucket, Minor>;

/** The roll matrix, DESIGN §2's roll rates per currency, and the cure rate, from the period's start to its end. */
export function rollQuery(sqlite: Database.Database) {
  const transitions = sqlite.prepare(TRANSITIONS_SQL);
  return (period: DashboardPeriod, currency: string | null): { matrix: RollMatrixRow[]; rates: CurrencyRollRates[]; cureRate: Ratio } => {
    const groups = transitions.all({ start: period.startOn, end: period.to, today: period.businessDate, currency }) as TransitionGroup[];
    const currencies = [...new Set(groups.map((group) => group.currency))].sort();
    const rates = currencies.map((code) => {
      const then = zeroBalances();
      const now = zeroBalances();
      for (const group of groups.filter((g) => g.currency === code)) {
        then[group.from] += group.balanceThen;
        now[group.to] += group.balanceEnd;
      }
      return { currency: code, rates: rollRates(then, now) };
    });
    return { matrix: rollMatrix(groups), rates, cureRate: cureRateOfTransitions(groups) };
  };
}
