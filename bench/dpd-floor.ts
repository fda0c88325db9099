import type { IsoDate } from '../src-shared/dates';
import type { Store } from '../src-main/store/open-store';
import { timeIt } from './stats';

/**
 * The floor the daily run is measured against: one raw SQL query that computes DPD for every
 * active loan (cumulative amounts due against payments to date), with no rules, flags or writes.
 */
export function dpdFloorSeconds(store: Store, asOf: IsoDate): { seconds: number; loans: number } {
  const query = store.sqlite.prepare(`
    WITH paid AS (SELECT loan_id, sum(amount_minor) AS paid FROM payments WHERE paid_on <= @asOf GROUP BY loan_id),
    due AS (SELECT loan_id, due_on, sum(principal_due_minor + interest_due_minor + fees_due_minor) OVER (PARTITION BY loan_id ORDER BY due_on, seq) AS cumulative
            FROM installments)
    SELECT l.id, coalesce(CAST(julianday(@asOf) - julianday(min(d.due_on)) AS INTEGER), 0) AS dpd
    FROM loans l
    LEFT JOIN paid p ON p.loan_id = l.id
    LEFT JOIN due d ON d.loan_id = l.id AND d.due_on < @asOf AND d.cumulative > coalesce(p.paid, 0)
    WHERE l.status = 'active' GROUP BY l.id`);
  const run = timeIt(() => query.all({ asOf }).length);
  return { seconds: Math.round(run.ms / 10) / 100, loans: run.value };
}
