import { describe, expect, it } from 'vitest';
import { actionStatusFromTwilio, actionTypesForDpd, nextActionStatus } from './recovery-ladder';
import type { RecoveryActionStatus } from './vocabulary';

describe('actionTypesForDpd (seed 000 ladder)', () => {
  it.each([
    [0, []], [1, ['sms_reminder']], [3, ['sms_reminder']], [4, ['voice_call']], [7, ['voice_call']],
    [8, ['email']], [30, ['email']], [31, ['escalation']], [400, ['escalation']], [-2, []],
  ])('DPD %i → %j', (dpd, types) => {
    expect(actionTypesForDpd(dpd)).toEqual(types);
  });
});

describe('nextActionStatus (forward only)', () => {
  const cases: [RecoveryActionStatus, RecoveryActionStatus, RecoveryActionStatus][] = [
    ['pending', 'sent', 'sent'],
    ['pending', 'failed', 'failed'],
    ['pending', 'responded', 'pending'],
    ['sent', 'delivered', 'delivered'],
    ['sent', 'undelivered', 'undelivered'],
    ['sent', 'responded', 'responded'],
    ['sent', 'pending', 'sent'],
    ['delivered', 'sent', 'delivered'],
    ['delivered', 'failed', 'delivered'],
    ['delivered', 'responded', 'responded'],
    ['failed', 'sent', 'failed'],
    ['failed', 'responded', 'responded'],
    ['undelivered', 'delivered', 'undelivered'],
    ['responded', 'delivered', 'responded'],
    ['responded', 'failed', 'responded'],
  ];
  it.each(cases)('%s + %s → %s', (current, incoming, expected) => {
    expect(nextActionStatus(current, incoming)).toBe(expected);
  });
});

describe('actionStatusFromTwilio', () => {
  it.each([
    ['message', 'queued', null], ['message', 'sent', 'sent'], ['message', 'delivered', 'delivered'], ['message', 'read', 'delivered'],
    ['message', 'undelivered', 'undelivered'], ['message', 'failed', 'failed'], ['call', 'ringing', null], ['call', 'completed', 'sent'],
    ['call', 'no-answer', 'undelivered'], ['call', 'busy', 'undelivered'], ['call', 'failed', 'failed'],
  ] as const)('%s %s → %s', (kind, status, expected) => {
    expect(actionStatusFromTwilio(kind, status)).toBe(expected);
  });
});
