import { describe, expect, it } from 'vitest';
import { assignToQueues, ruleMatches, type CaseToPlace, type QueueRule } from './queue-assignment';

const rule = (queueId: string, patch: Partial<QueueRule>): QueueRule => ({ queueId, dpdMin: null, dpdMax: null, balanceMinMinor: null, balanceMaxMinor: null, productCode: null, riskGrade: null, ...patch });
const c = (caseId: string, dpd: number, balanceMinor = 50_000, productCode = 'personal_loan', riskGrade: string | null = 'C'): CaseToPlace => ({ caseId, dpd, balanceMinor, productCode, riskGrade });

// Queues in priority order, as seed 002 checks them.
const rules = [
  rule('legal', { dpdMin: 91 }),
  rule('high', { dpdMin: 1, dpdMax: 90, balanceMinMinor: 1_000_000 }),
  rule('late', { dpdMin: 61, dpdMax: 90 }),
  rule('mid', { dpdMin: 31, dpdMax: 60 }),
  rule('early', { dpdMin: 1, dpdMax: 30 }),
];

describe('queue rules', () => {
  it.each([
    [rule('q', { dpdMin: 1, dpdMax: 30 }), c('a', 30), true],
    [rule('q', { dpdMin: 1, dpdMax: 30 }), c('a', 31), false],
    [rule('q', { balanceMinMinor: 100, balanceMaxMinor: 200 }), c('a', 5, 200), true],
    [rule('q', { balanceMinMinor: 100, balanceMaxMinor: 200 }), c('a', 5, 201), false],
    [rule('q', { productCode: 'auto_loan' }), c('a', 5, 1, 'personal_loan'), false],
    [rule('q', { riskGrade: 'E' }), c('a', 5, 1, 'auto_loan', 'E'), true],
    [rule('q', { riskGrade: 'E' }), c('a', 5, 1, 'auto_loan', null), false],
  ])('%o matches %o: %s', (r, kase, expected) => {
    expect(ruleMatches(r, kase)).toBe(expected);
  });
});

describe('assignment to queues', () => {
  it('takes the first matching queue by priority', () => {
    const placed = assignToQueues([c('1', 95, 5_000_000), c('2', 45, 5_000_000), c('3', 45), c('4', 5), c('5', 0)], rules, new Map(), new Map());
    expect(placed.map((p) => [p.caseId, p.queueId])).toEqual([['1', 'legal'], ['2', 'high'], ['3', 'mid'], ['4', 'early']]);
  });

  it('deals collectors round robin in case-id order, continuing from what the queue holds', () => {
    const collectors = new Map([['early', ['ann', 'bob', 'cy']]]);
    const placed = assignToQueues([c('d', 3), c('b', 3), c('a', 3), c('c', 3)], rules, collectors, new Map([['early', 1]]));
    expect(placed.map((p) => [p.caseId, p.collectorId])).toEqual([['a', 'bob'], ['b', 'cy'], ['c', 'ann'], ['d', 'bob']]);
  });

  it('places a case in a queue without collectors unassigned', () => {
    expect(assignToQueues([c('x', 100)], rules, new Map(), new Map())).toEqual([{ caseId: 'x', queueId: 'legal', collectorId: null }]);
  });
});
