import type Database from 'better-sqlite3';
import { assignToQueues, type CaseToPlace, type QueueRule } from '../../src-shared/domain/queue-assignment';

/**
 * Gives every active case without a queue its queue and collector (the pure `assignToQueues`);
 * a collector already on the case stays.
 */
export function assignQueues(sqlite: Database.Database): number {
  const rules = sqlite
    .prepare(`SELECT r.queue_id AS queueId, r.dpd_min AS dpdMin, r.dpd_max AS dpdMax, r.balance_min_minor AS balanceMinMinor, r.balance_max_minor AS balanceMaxMinor,
                r.product_code AS productCode, r.risk_grade AS riskGrade
              FROM queue_rules r JOIN queues q ON q.id = r.queue_id WHERE q.is_active = 1 ORDER BY q.priority, q.id, r.id`)
    .all() as QueueRule[];
  if (rules.length === 0) return 0;
  const collectors = new Map<string, string[]>();
  for (const row of sqlite.prepare('SELECT queue_id, user_id FROM queue_members ORDER BY queue_id, position').all() as { queue_id: string; user_id: string }[]) {
    collectors.set(row.queue_id, [...(collectors.get(row.queue_id) ?? []), row.user_id]);
  }
  const held = new Map(
    (sqlite.prepare('SELECT queue_id, count(*) AS n FROM cases WHERE active = 1 AND queue_id IS NOT NULL GROUP BY queue_id').all() as { queue_id: string; n: number }[]).map((r) => [r.queue_id, r.n]),
  );
  const unplaced = sqlite
    .prepare(`SELECT c.id AS caseId, c.dpd, c.balance_minor AS balanceMinor, l.product_code AS productCode, l.risk_grade AS riskGrade
              FROM cases c JOIN loans l ON l.id = c.loan_id WHERE c.active = 1 AND c.queue_id IS NULL`)
    .all() as CaseToPlace[];
  const place = sqlite.prepare('UPDATE cases SET queue_id = ?, assigned_agent_id = coalesce(assigned_agent_id, ?) WHERE id = ?');
  const placements = assignToQueues(unplaced, rules, collectors, held);
  for (const placement of placements) place.run(placement.queueId, placement.collectorId, placement.caseId);
  return placements.length;
}
