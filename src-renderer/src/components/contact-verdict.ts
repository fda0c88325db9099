import type { ContactCheck } from '../../../src-shared/contract';

export type VerdictKind = 'allowed' | 'later' | 'blocked';

/**
 * The three answers an agent acts on: go ahead, not now (a time-based rule clears at
 * `nextAllowedAt`), or blocked (a hard block stands until someone changes the borrower's record).
 */
export function verdictOf(decision: Pick<ContactCheck, 'allowed' | 'nextAllowedAt'>): VerdictKind {
  if (decision.allowed) return 'allowed';
  return decision.nextAllowedAt === null ? 'blocked' : 'later';
}

export const VERDICT_COLORS: Record<VerdictKind, string> = { allowed: 'teal', later: 'orange', blocked: 'red' };
export const VERDICT_LABELS: Record<VerdictKind, string> = { allowed: 'Allowed now', later: 'Not now', blocked: 'Blocked' };
