import { describe, expect, it } from 'vitest';
import { isoDate } from '../dates';
import { slaTimers } from './case-timers';

const configs = { early_1_30: { firstContactHours: 24, followUpHours: 72 }, mid_31_60: { firstContactHours: 12, followUpHours: 48 } };

describe('SLA timers per stage', () => {
  it('gives a new case its first-contact deadline and breaches it once passed', () => {
    expect(slaTimers('early_1_30', configs, isoDate('2026-03-01'), null, isoDate('2026-03-01'))).toEqual({ firstContactDueAt: '2026-03-02T00:00:00.000Z', nextFollowUpDueAt: null, breached: false });
    expect(slaTimers('early_1_30', configs, isoDate('2026-03-01'), null, isoDate('2026-03-02')).breached).toBe(true);
  });

  it('moves to the follow-up timer after an outbound contact, with the stage limit', () => {
    expect(slaTimers('mid_31_60', configs, isoDate('2026-03-01'), '2026-03-03T15:00:00.000Z', isoDate('2026-03-04'))).toEqual({
      firstContactDueAt: null,
      nextFollowUpDueAt: '2026-03-05T15:00:00.000Z',
      breached: false,
    });
    expect(slaTimers('mid_31_60', configs, isoDate('2026-03-01'), '2026-03-03T15:00:00.000Z', isoDate('2026-03-05')).breached).toBe(true);
  });

  it('ignores contacts from before the case opened, and stages without a configuration', () => {
    expect(slaTimers('early_1_30', configs, isoDate('2026-03-01'), '2026-02-20T10:00:00.000Z', isoDate('2026-03-03')).firstContactDueAt).toBe('2026-03-02T00:00:00.000Z');
    expect(slaTimers('late_61_90', configs, isoDate('2026-03-01'), null, isoDate('2026-04-01'))).toEqual({ firstContactDueAt: null, nextFollowUpDueAt: null, breached: false });
  });
});
