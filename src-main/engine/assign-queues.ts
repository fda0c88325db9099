import type Database from 'better-sqlite3';

interface QueueRule {
  queue_id: string;
  dpd_min: number | null;
  dpd_max: number | null;
  balance_min_minor: number | null;
  balance_max_minor: number | null;
  product_code: string | null;
  risk_grade: string | null;
}

interface UnassignedCase {
  id: string;
  dpd: number;
  balance_minor: number;
  product_code: string;
  risk_grade: string | null;
}

function matches(rule: QueueRule, c: UnassignedCase): boolean {
  return (
    (rule.dpd_min === null || c.dpd >= rule.dpd_min) &&
    (rule.dpd_max === null || c.dpd <= rule.dpd_max) &&
    (rule.balance_min_minor === null || c.balance_minor >= rule.balance_min_minor) &&
    (rule.balance_max_minor === null || c.balance_minor <= rule.balance_max_minor) &&
    (rule.product_code === null || c.product_code === rule.product_code) &&
    (rule.risk_grade === null || c.risk_grade === rule.risk_grade)
  );
}

/**
 * Puts each active case without a queue into the first matching queue (queues by priority,
 * lower first; seed 002) and gives it the queue's next collector by round robin. Cases are taken
 * in id order and the rotation continues from the number of cases the queue already holds, so
 * the result depends only on the ledger.
 */
export function assignQueues(sqlite: Database.Database): number {
  const rules = sqlite
    .prepare(`SELECT r.* FROM queue_rules r JOIN queues q ON q.id = r.queue_id WHERE q.is_active = 1 ORDER BY q.priority, q.id, r.id`)
    .all() as QueueRule[];
  if (rules.length === 0) return 0;
  const members = new Map<string, string[]>();
  for (const row of sqlite.prepare('SELECT queue_id, user_id FROM queue_members ORDER BY queue_id, position').all() as { queue_id: string; user_id: string }[]) {
    members.set(row.queue_id, [...(members.get(row.queue_id) ?? []), row.user_id]);
  }
  const held = new Map<string, number>();
  for (const row of sqlite.prepare('SELECT queue_id, count(*) AS n FROM cases WHERE active = 1 AND queue_id IS NOT NULL GROUP BY queue_id').all() as { queue_id: string; n: number }[]) {
    held.set(row.queue_id, row.n);
  }
  const unassigned = sqlite
    .prepare(`SELECT c.id, c.dpd, c.balance_minor, l.product_code, l.risk_grade FROM cases c JOIN loans l ON l.id = c.loan_id
              WHERE c.active = 1 AND c.queue_id IS NULL ORDER BY c.id`)
    .all() as UnassignedCase[];
  const assign = sqlite.prepare('UPDATE cases SET queue_id = ?, assigned_agent_id = coalesce(assigned_agent_id, ?) WHERE id = ?');
  let assigned = 0;
  for (const c of unassigned) {
    const rule = rules.find((r) => matches(r, c));
    if (!rule) continue;
    const collectors = members.get(rule.queue_id) ?? [];
    const turn = held.get(rule.queue_id) ?? 0;
    held.set(rule.queue_id, turn + 1);
    assign.run(rule.queue_id, collectors.length > 0 ? collectors[turn % collectors.length] : null, c.id);
    assigned += 1;
  }
  return assigned;
}
