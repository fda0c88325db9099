import type { WarningFlagView } from '../../../../../src-shared/contract';
import { formatMinor } from '../../../../../src-shared/money';
import { BUCKET_LABELS } from '../../../format/domain-labels';
import { formatDate } from '../../../format/time';
import type { Bucket } from '../../../../../src-shared/domain/vocabulary';

export const WARNING_FLAG_LABELS: Record<WarningFlagView['type'], string> = {
  HIGH_DPD: 'High days past due',
  REPEATED_PARTIAL_PAYMENTS: 'Repeated partial payments',
  REDUCED_CASHFLOWS: 'Reduced cash flows',
};

const pct = (ratio: unknown) => `${Math.round(Number(ratio) * 100)}%`;

/** Seed 004's flag details in one line an agent reads at a glance. */
export function warningFlagText(flag: WarningFlagView, currency: string): string {
  const d = flag.details;
  switch (flag.type) {
    case 'HIGH_DPD':
      return [`${String(d.days_in_arrears)} days in arrears`, d.arrears_bucket ? `bucket ${BUCKET_LABELS[d.arrears_bucket as Bucket] ?? String(d.arrears_bucket)}` : null,
        typeof d.overdue_amount === 'number' ? `${formatMinor(d.overdue_amount, currency)} overdue` : null].filter(Boolean).join(' · ');
    case 'REPEATED_PARTIAL_PAYMENTS':
      return `${String(d.total_partial_payments)} partly paid installments${typeof d.latest_partial_date === 'string' ? `, latest ${formatDate(d.latest_partial_date)}` : ''}`;
    case 'REDUCED_CASHFLOWS':
      return `Paid ${pct(d.avg_payment_ratio)} on average (lowest ${pct(d.min_payment_ratio)}) over ${String(d.installments_analysed)} installments · ${String(d.trend).toLowerCase()}`;
  }
}
