import type { Bucket, Severity, Stage } from './vocabulary';

/** Reporting bucket (seed 002): current 0, 1–29, 30–59, 60–89, 90–119, 120+. */
export function bucketFor(dpd: number): Bucket {
  if (dpd <= 0) return 'current';
  if (dpd <= 29) return 'dpd_1_29';
  if (dpd <= 59) return 'dpd_30_59';
  if (dpd <= 89) return 'dpd_60_89';
  if (dpd <= 119) return 'dpd_90_119';
  return 'dpd_120_plus';
}

/** Case workflow stage (seed 003): 1–30, 31–60, 61–90, 91+; null at DPD 0. */
export function stageFor(dpd: number): Stage | null {
  if (dpd <= 0) return null;
  if (dpd <= 30) return 'early_1_30';
  if (dpd <= 60) return 'mid_31_60';
  if (dpd <= 90) return 'late_61_90';
  return 'severe_90_plus';
}

/**
 * Default severity (seed 000): low 1–7, medium 8–30, high 31–60, critical 61+. A standing
 * covenant breach makes it at least high, and keeps it high at DPD 0.
 */
export function severityFor(dpd: number, covenantBreach: boolean): Severity | null {
  const byDpd: Severity | null = dpd <= 0 ? null : dpd <= 7 ? 'low' : dpd <= 30 ? 'medium' : dpd <= 60 ? 'high' : 'critical';
  if (!covenantBreach) return byDpd;
  return byDpd === 'critical' ? 'critical' : 'high';
}
