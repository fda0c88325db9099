import type { Bucket, CaseStatus, NbaAction, Priority, Severity, Stage } from '../../../src-shared/domain/vocabulary';

export const STAGE_LABELS: Record<Stage, string> = { early_1_30: 'Early 1–30', mid_31_60: 'Mid 31–60', late_61_90: 'Late 61–90', severe_90_plus: 'Severe 90+' };
export const BUCKET_LABELS: Record<Bucket, string> = {
  current: 'Current', dpd_1_29: '1–29', dpd_30_59: '30–59', dpd_60_89: '60–89', dpd_90_119: '90–119', dpd_120_plus: '120+',
};
export const STATUS_LABELS: Record<CaseStatus, string> = {
  open: 'Open', in_progress: 'In progress', on_hold: 'On hold', legal: 'Legal', settled: 'Settled', closed: 'Closed', written_off: 'Written off',
};
export const SEVERITY_COLORS: Record<Severity, string> = { low: 'gray', medium: 'yellow', high: 'orange', critical: 'red' };
export const PRIORITY_COLORS: Record<Priority, string> = { LOW: 'gray', MEDIUM: 'blue', HIGH: 'red' };
export const NBA_LABELS: Record<NbaAction, string> = {
  hold_do_not_contact: 'Hold: do not contact', hold_dispute: 'Hold: dispute', hold_bankruptcy: 'Hold: bankruptcy',
  hold_vulnerability_review: 'Vulnerability review', offer_hardship_plan: 'Offer hardship plan', send_whatsapp_reminder: 'WhatsApp reminder',
  send_sms_reminder: 'SMS reminder', escalate_supervisor: 'Escalate to supervisor', call_now: 'Call now', escalate_field: 'Field visit',
  send_demand_letter: 'Demand letter', escalate_legal: 'Escalate to legal',
};

export function titleCase(value: string): string {
  return value.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
}
