import type { CurrencyAmount, DashboardSummary } from '../../../../src-shared/contract';
import type { Ratio } from '../../../../src-shared/domain/kpis';
import { BUCKET_LABELS, STAGE_LABELS } from '../../format/domain-labels';
import { plainAmount } from './dashboard-format';

/** A CSV field, quoted when it holds a separator, a quote or a line break (RFC 4180). */
function field(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(rows: (string | number | null)[][]): string {
  return rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

const rate = (ratio: Ratio) => (ratio.rate === null ? null : ratio.rate.toFixed(4));
/** One row per currency, so amounts in different currencies never share a cell. */
const amountRows = (label: string, amounts: CurrencyAmount[]) => amounts.map((a) => [label, a.currency, plainAmount(a.amountMinor)]);

/** The KPI cards and the aging as rows of metric, currency (for amounts) and value. */
export function kpiCsv(summary: DashboardSummary): string {
  const { kpis } = summary;
  return csv([
    ['metric', 'currency', 'value'],
    ['period', null, `${summary.from}..${summary.to}`],
    ['business date', null, summary.businessDate],
    ['accounts in arrears', null, kpis.accountsInArrears],
    ...amountRows('amount past due', kpis.pastDue),
    ...kpis.arrearsByStage.flatMap((s) => [[`accounts in arrears: ${STAGE_LABELS[s.stage]}`, null, s.accounts], ...amountRows(`amount past due: ${STAGE_LABELS[s.stage]}`, s.pastDue)]),
    ...amountRows('collected today', kpis.collectedToday),
    ...amountRows('collected month to date', kpis.collectedMonthToDate),
    ...amountRows('collected in period', kpis.collectedInPeriod),
    ['promise-kept rate', null, rate(kpis.promiseKeptRate)],
    ['cure rate', null, rate(kpis.cureRate)],
    ['right-party-contact rate', null, rate(kpis.rightPartyContactRate)],
    ['contacts today', null, kpis.contactsToday],
    ...summary.aging.flatMap((b) => [[`aging accounts: ${BUCKET_LABELS[b.bucket]}`, null, b.accounts], ...amountRows(`aging past due: ${BUCKET_LABELS[b.bucket]}`, b.pastDue)]),
  ]);
}

/** The agent table, one row per agent and currency collected (an agent with nothing collected has one row). */
export function agentCsv(summary: DashboardSummary): string {
  return csv([
    ['agent', 'cases', 'contacts', 'right_party_contacts', 'promises', 'promises_kept', 'promises_fell_due', 'kept_rate', 'currency', 'collected'],
    ...summary.agents.flatMap((a) => {
      const base = [a.name, a.cases, a.contacts, a.rightPartyContacts, a.promises, a.keptRate.numerator, a.keptRate.denominator, rate(a.keptRate)];
      return a.collected.length === 0 ? [[...base, null, null]] : a.collected.map((c) => [...base, c.currency, plainAmount(c.amountMinor)]);
    }),
  ]);
}
