import type Database from 'better-sqlite3';
import type { IsoDate } from '../../src-shared/dates';

/**
 * Writes the day's portfolio snapshot (seed 003) from the loans and cases as they stand after the
 * run: arrears counts and amounts, with a breakdown per bucket, stage and currency.
 */
export function writeSnapshot(sqlite: Database.Database, on: IsoDate): void {
  const arrears = sqlite.prepare(`SELECT count(*) AS n, coalesce(sum(amount_past_due_minor), 0) AS amount FROM loans WHERE status = 'active' AND dpd > 0`).get() as { n: number; amount: number };
  const openCases = sqlite.prepare('SELECT count(*) FROM cases WHERE active = 1').pluck().get() as number;
  const byBucket = sqlite.prepare(`SELECT bucket AS key, count(*) AS accounts, sum(balance_minor) AS balance FROM loans WHERE status = 'active' GROUP BY bucket ORDER BY bucket`).all();
  const byStage = sqlite.prepare(`SELECT stage AS key, count(*) AS accounts, sum(amount_past_due_minor) AS past_due FROM cases WHERE active = 1 AND stage IS NOT NULL GROUP BY stage ORDER BY stage`).all();
  const byCurrency = sqlite.prepare(`SELECT currency AS key, count(*) AS accounts, sum(amount_past_due_minor) AS past_due FROM loans WHERE status = 'active' AND dpd > 0 GROUP BY currency ORDER BY currency`).all();
  sqlite
    .prepare(`INSERT INTO dashboard_snapshots (snapshot_on, open_cases, accounts_in_arrears, amount_in_arrears_minor, breakdown) VALUES (?, ?, ?, ?, ?)
              ON CONFLICT(snapshot_on) DO UPDATE SET open_cases = excluded.open_cases, accounts_in_arrears = excluded.accounts_in_arrears,
              amount_in_arrears_minor = excluded.amount_in_arrears_minor, breakdown = excluded.breakdown`)
    .run(on, openCases, arrears.n, arrears.amount, JSON.stringify({ byBucket, byStage, byCurrency }));
}
