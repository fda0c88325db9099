import { describe, expect, it } from 'vitest';
import { epochDay, isoDate } from '../dates';
import { planDunning, preDelinquencyDue, preDelinquencyKey, type DunningFacts, type DunningStep } from './dunning-plan';

const SUPPRESS = ['forbearance', 'deferment', 'bankruptcy', 'dispute'] as const;
// Seed 000's ladder: SMS day 1, voice day 4, email day 8, escalation day 31.
const ladder: DunningStep[] = [
  { id: 's1', dpdTrigger: 1, channel: 'sms', templateName: 'sms_payment_default', suppressDuring: SUPPRESS, escalate: false },
  { id: 's4', dpdTrigger: 4, channel: 'voice', templateName: 'voice_payment_default', suppressDuring: SUPPRESS, escalate: false },
  { id: 's8', dpdTrigger: 8, channel: 'email', templateName: 'email_payment_default', suppressDuring: SUPPRESS, escalate: false },
  { id: 's31', dpdTrigger: 31, channel: 'letter', templateName: 'letter_escalation', suppressDuring: SUPPRESS, escalate: true },
];
const facts = (patch: Partial<DunningFacts>): DunningFacts => ({ steps: ladder, dpd: 1, decidedStepIds: new Set(), subStatus: null, doNotContact: false, planBeingKept: false, ...patch });

describe('dunning plan', () => {
  it.each([
    [0, [], []],
    [1, [], [['s1', 'planned']]],
    [3, ['s1'], []],
    [4, ['s1'], [['s4', 'planned']]],
    [9, ['s1'], [['s4', 'superseded'], ['s8', 'planned']]],
    [31, ['s1', 's4', 's8'], [['s31', 'planned']]],
    [45, ['s1', 's4', 's8', 's31'], []],
  ] as const)('at DPD %i with %j decided → %j', (dpd, decided, expected) => {
    expect(planDunning(facts({ dpd, decidedStepIds: new Set(decided) })).map((d) => [d.stepId, d.status])).toEqual(expected);
  });

  it.each([
    [{ doNotContact: true }, 'do_not_contact'],
    [{ subStatus: 'forbearance' as const }, 'forbearance'],
    [{ subStatus: 'dispute' as const }, 'dispute'],
    [{ planBeingKept: true }, 'settlement_plan'],
  ])('suppresses the step when %j', (patch, reason) => {
    expect(planDunning(facts({ dpd: 4, decidedStepIds: new Set(['s1']), ...patch }))).toEqual([{ stepId: 's4', status: 'suppressed', reason, escalate: false }]);
  });

  it('marks the escalation step so the case goes to a supervisor', () => {
    expect(planDunning(facts({ dpd: 31, decidedStepIds: new Set(['s1', 's4', 's8']) }))[0]).toMatchObject({ stepId: 's31', escalate: true });
  });
});

describe('pre-delinquency reminders', () => {
  const installments = [1, 2].map((seq) => ({ seq, dueDay: epochDay(isoDate(seq === 1 ? '2026-03-10' : '2026-04-10')), principalMinor: 10_000, interestMinor: 0, feesMinor: 0 }));
  const rules = [{ id: 'r3', daysBefore: 3, action: 'send_message' as const }, { id: 'r1', daysBefore: 1, action: 'create_task' as const }];
  const due = (asOf: string, paid = 0, fired: string[] = []) =>
    preDelinquencyDue({ rules, installments, payments: paid ? [{ paidDay: epochDay(isoDate('2026-03-01')), amountMinor: paid }] : [], asOf: isoDate(asOf), firedKeys: new Set(fired) }).map((f) => `${f.ruleId}#${f.seq}`);

  it.each([
    ['2026-03-06', 0, [], []],
    ['2026-03-07', 0, [], ['r3#1']],
    ['2026-03-09', 0, [], ['r3#1', 'r1#1']],
    ['2026-03-09', 0, ['r3#1'], ['r1#1']],
    ['2026-03-10', 0, [], []],
    ['2026-03-09', 10_000, [], []],
    ['2026-04-08', 10_000, [], ['r3#2']],
  ] as const)('on %s with %i paid and %j fired → %j', (asOf, paid, fired, expected) => {
    expect(due(asOf, paid, [...fired])).toEqual(expected);
  });

  it('keys each rule and installment once', () => {
    expect(preDelinquencyKey('r3', 2)).toBe('r3#2');
  });
});
