import type { QueueRuleInput } from '../../../../../src-shared/contract';

/** A rule as a sentence: "DPD 31–60, balance from 10,000.00" — its minor units shown in major units. */
export function ruleText(rule: QueueRuleInput): string {
  const range = (low: number | null, high: number | null, show: (value: number) => string) =>
    low !== null && high !== null ? `${show(low)}–${show(high)}` : low !== null ? `from ${show(low)}` : high !== null ? `up to ${show(high)}` : null;
  const major = (minor: number) => (minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
  const parts = [
    range(rule.dpdMin, rule.dpdMax, String) && `DPD ${range(rule.dpdMin, rule.dpdMax, String)}`,
    range(rule.balanceMinMinor, rule.balanceMaxMinor, major) && `balance ${range(rule.balanceMinMinor, rule.balanceMaxMinor, major)}`,
    rule.productCode && `product ${rule.productCode}`,
    rule.riskGrade && `risk grade ${rule.riskGrade}`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'every case';
}
