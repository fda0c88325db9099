export interface QueueRule {
  queueId: string;
  dpdMin: number | null;
  dpdMax: number | null;
  balanceMinMinor: number | null;
  balanceMaxMinor: number | null;
  productCode: string | null;
  riskGrade: string | null;
}

export interface CaseToPlace {
  caseId: string;
  dpd: number;
  balanceMinor: number;
  productCode: string;
  riskGrade: string | null;
}

export interface Placement {
  caseId: string;
  queueId: string;
  collectorId: string | null;
}

export function ruleMatches(rule: QueueRule, c: CaseToPlace): boolean {
  return (
    (rule.dpdMin === null || c.dpd >= rule.dpdMin) &&
    (rule.dpdMax === null || c.dpd <= rule.dpdMax) &&
    (rule.balanceMinMinor === null || c.balanceMinor >= rule.balanceMinMinor) &&
    (rule.balanceMaxMinor === null || c.balanceMinor <= rule.balanceMaxMinor) &&
    (rule.productCode === null || c.productCode === rule.productCode) &&
    (rule.riskGrade === null || c.riskGrade === rule.riskGrade)
  );
}

/**
 * Seed 002's auto-assignment: each case goes to the first queue whose rules match, with `rules`
 * already in queue priority order (lower first), and to that queue's next collector by round
 * robin. Cases are taken in id order and each queue's rotation continues from the number of cases
 * it already holds, so the result depends only on the ledger.
 */
export function assignToQueues(
  cases: readonly CaseToPlace[],
  rules: readonly QueueRule[],
  collectors: ReadonlyMap<string, readonly string[]>,
  alreadyHeld: ReadonlyMap<string, number>,
): Placement[] {
  const held = new Map(alreadyHeld);
  const placements: Placement[] = [];
  for (const c of [...cases].sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0))) {
    const rule = rules.find((r) => ruleMatches(r, c));
    if (!rule) continue;
    const members = collectors.get(rule.queueId) ?? [];
    const turn = held.get(rule.queueId) ?? 0;
    held.set(rule.queueId, turn + 1);
    placements.push({ caseId: c.caseId, queueId: rule.queueId, collectorId: members.length > 0 ? members[turn % members.length]! : null });
  }
  return placements;
}
