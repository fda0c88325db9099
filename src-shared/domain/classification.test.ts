import { describe, expect, it } from 'vitest';
import { bucketFor, severityFor, stageFor } from './classification';

describe('bucket, stage and severity by DPD (boundaries as DESIGN §2 resolves them)', () => {
  it.each([
    [0, 'current', null, null],
    [1, 'dpd_1_29', 'early_1_30', 'low'],
    [7, 'dpd_1_29', 'early_1_30', 'low'],
    [8, 'dpd_1_29', 'early_1_30', 'medium'],
    [29, 'dpd_1_29', 'early_1_30', 'medium'],
    [30, 'dpd_30_59', 'early_1_30', 'medium'],
    [31, 'dpd_30_59', 'mid_31_60', 'high'],
    [59, 'dpd_30_59', 'mid_31_60', 'high'],
    [60, 'dpd_60_89', 'mid_31_60', 'high'],
    [61, 'dpd_60_89', 'late_61_90', 'critical'],
    [89, 'dpd_60_89', 'late_61_90', 'critical'],
    [90, 'dpd_90_119', 'late_61_90', 'critical'],
    [91, 'dpd_90_119', 'severe_90_plus', 'critical'],
    [119, 'dpd_90_119', 'severe_90_plus', 'critical'],
    [120, 'dpd_120_plus', 'severe_90_plus', 'critical'],
  ] as const)('DPD %i → %s, %s, %s', (dpd, bucket, stage, severity) => {
    expect(bucketFor(dpd)).toBe(bucket);
    expect(stageFor(dpd)).toBe(stage);
    expect(severityFor(dpd, false)).toBe(severity);
  });

  it.each([
    [0, 'high'],
    [5, 'high'],
    [30, 'high'],
    [61, 'critical'],
  ] as const)('a covenant breach at DPD %i is %s', (dpd, severity) => {
    expect(severityFor(dpd, true)).toBe(severity);
  });
});
