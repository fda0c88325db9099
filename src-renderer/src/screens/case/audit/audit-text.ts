import { formatMinor } from '../../../../../src-shared/money';
import { reasonText } from '../../../format/contact-reasons';
import type { SettlementType } from '../../../../../src-shared/domain/vocabulary';
import { titleCase } from '../../../format/domain-labels';
import { formatDate, formatDateTime } from '../../../format/time';
import { SETTLEMENT_TYPE_LABELS } from '../settlements/settlement-labels';

/** The families of audit events an agent filters by. */
export const AUDIT_KINDS = ['settlement', 'promise', 'contact', 'activity', 'case', 'recovery', 'message', 'letter', 'task', 'other'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export const AUDIT_KIND_LABELS: Record<AuditKind, string> = {
  settlement: 'Settlements', promise: 'Promises', contact: 'Contact', activity: 'Activities', case: 'Case', recovery: 'Recovery actions',
  message: 'Messages', letter: 'Letters', task: 'Tasks', other: 'Other',
};

const KIND_OF_PREFIX: Record<string, AuditKind> = {
  settlement: 'settlement', promise: 'promise', contact: 'contact', activity: 'activity', case: 'case', strategy: 'case', message: 'message',
  letter: 'letter', task: 'task', dunning: 'recovery', RecoveryAction: 'recovery', LoanWrittenOff: 'case',
};

export function auditKind(type: string): AuditKind {
  return KIND_OF_PREFIX[type.split('.')[0]!] ?? 'other';
}

const TITLES: Record<string, string> = {
  'settlement.created': 'Settlement offer drafted',
  'settlement.submitted': 'Settlement offer submitted for approval',
  'settlement.approved': 'Settlement offer approved',
  'settlement.rejected': 'Settlement offer rejected',
  'settlement.offered': 'Settlement offered to the borrower',
  'settlement.accepted': 'Settlement accepted by the borrower',
  'settlement.declined': 'Settlement declined by the borrower',
  'promise.created': 'Promise to pay recorded',
  'promise.cancelled': 'Promise to pay cancelled',
  'contact.blocked': 'Contact blocked by compliance',
  'contact.dnc_override_granted': 'Do-not-contact override granted',
  'contact.dnc_override_used': 'Do-not-contact override used',
  'contact.consent_revoked': 'Text consent revoked',
  'case.created': 'Case opened',
  'case.updated': 'Case updated',
  'case.assigned': 'Case assigned',
  'case.status_changed': 'Case status changed',
  'case.closed': 'Case closed',
  'case.nba_overridden': 'Next-best action overridden',
  'case.placed_with_agency': 'Placed with an agency',
  'case.recalled_from_agency': 'Recalled from the agency',
  'strategy.created': 'Strategy set',
  'letter.generated': 'Letter generated',
  'task.completed': 'Task completed',
  'message.received': 'Message received',
  'dunning.pre_delinquency': 'Pre-delinquency reminder',
  LoanWrittenOff: 'Loan written off',
};

/** "Settlement offer approved"; a recovery action's event names what happened to it. */
export function auditTitle(type: string, payload: unknown): string {
  if (type === 'RecoveryAction') {
    const event = (payload as { event?: unknown } | null)?.event;
    return typeof event === 'string' ? `Recovery action ${event.replace(/_/g, ' ')}` : 'Recovery action';
  }
  return TITLES[type] ?? titleCase(type.replace(/\./g, ' '));
}

export type AuditField = { label: string; value: string } | { label: string; from: string; to: string };

/** "amountMinor" → "Amount", "discountPct" → "Discount %", "dueOn" → "Due on". */
function fieldLabel(key: string): string {
  const words = key.replace(/Minor$/, '').replace(/Pct$/, '').replace(/Ids$/, 's').replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What a payload's values need to be read: the case's currency, and users' names by id. */
export interface AuditReading {
  currency: string;
  nameOf(userId: string): string | null;
}

/** Payload keys that hold a user's id. */
const USER_KEYS = new Set(['agentId', 'assignedTo', 'grantedBy', 'by']);

function valueText(key: string, value: unknown, reading: AuditReading): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number' && key.endsWith('Minor')) return formatMinor(value, reading.currency);
  if (typeof value === 'number' && key.endsWith('Pct')) return `${value}%`;
  if (typeof value === 'string' && USER_KEYS.has(key)) return reading.nameOf(value) ?? value;
  // Ids of the rows a step made say how many, not which; a single row's id stays as stored, for tracing.
  if (Array.isArray(value) && key.endsWith('Ids')) return String(value.length);
  if (typeof value === 'string' && (key.endsWith('Id') || key === 'sid')) return value;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value)) return formatDateTime(value);
  if (typeof value === 'string' && key === 'settlementType') return SETTLEMENT_TYPE_LABELS[value as SettlementType] ?? titleCase(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (key === 'reasons' && Array.isArray(value)) return value.map((reason) => reasonText(String(reason))).join('; ');
  if (Array.isArray(value)) return value.map((item) => valueText(key, item, reading)).join(', ');
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${fieldLabel(k)}: ${valueText(k, v, reading)}`).join(', ');
  // Codes (statuses, channels, kinds) read as words; free text such as a note stays as written.
  if (typeof value === 'string' && /^[a-z]+(_[a-z0-9]+)*$/.test(value)) return titleCase(value);
  return String(value);
}

/** Keys every event of a case carries or that only repeat the entity, which say nothing on this screen. */
const HIDDEN = new Set(['caseId', 'id', 'offerId']);

/**
 * The payload as lines an agent reads: a `from`/`to` pair as one change (or, when both are
 * records, one change per field that differs), amounts in the case's currency, reasons in words.
 */
export function auditFields(type: string, payload: unknown, reading: AuditReading): AuditField[] {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return payload === null ? [] : [{ label: 'Detail', value: valueText('', payload, reading) }];
  const record = payload as Record<string, unknown>;
  const fields: AuditField[] = [];
  const { from, to } = record;
  const hasChange = 'from' in record && 'to' in record;
  if (hasChange && from !== null && to !== null && typeof from === 'object' && typeof to === 'object') {
    const before = from as Record<string, unknown>;
    const after = to as Record<string, unknown>;
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) fields.push({ label: fieldLabel(key), from: valueText(key, before[key], reading), to: valueText(key, after[key], reading) });
    }
  } else if (hasChange) {
    // An assignment moves a case between agents; every other scalar change is a status.
    const valueKey = type === 'case.assigned' ? 'agentId' : 'status';
    fields.push({ label: type === 'case.assigned' ? 'Agent' : 'Status', from: valueText(valueKey, from ?? 'unassigned', reading), to: valueText(valueKey, to ?? 'unassigned', reading) });
  }
  for (const [key, value] of Object.entries(record)) {
    if (HIDDEN.has(key) || (hasChange && (key === 'from' || key === 'to'))) continue;
    // A settlement's `type` is its terms, which have names of their own.
    const valueKey = key === 'type' && type.startsWith('settlement.') ? 'settlementType' : key;
    fields.push({ label: fieldLabel(key), value: valueText(valueKey, value, reading) });
  }
  return fields;
}
