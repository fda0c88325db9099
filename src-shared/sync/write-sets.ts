import { EDITABLE_CASE_STATUSES } from '../contract/case-work';
import { TEXT_RESTORE_COLUMNS } from '../domain/text-opt-outs';
import { jsonEqual, type RowData } from './merge-row';
import { replicaTable } from './row-shape';

/**
 * What each command may change in the ledger (DESIGN §3, Trust): the relay checks every row a
 * pushed command writes against its command's write-set, so a command can change nothing its name
 * does not allow, whatever rows a desktop attaches to it. The role still decides whether the actor
 * may run the command at all (`command-permissions.ts`), and the table rules (`row-rules.ts`) still
 * bind every change: status machines, write-once tables, permission-gated fields.
 *
 * A grant names, per table: whether the command may create rows (optionally with columns fixed to
 * some values), which columns it may change on an existing row (optionally only to some values),
 * and whether it may delete. Anything else is refused.
 */

/** A column that must name the user whose signed command writes it: who did something is never another's name. */
export const ACTOR = 'the command’s actor';

/** Each column a grant lets change, to any value (`true`), only to one of some values, or only to the actor's id. */
type Columns = Readonly<Record<string, true | typeof ACTOR | readonly unknown[]>>;

export interface TableGrant {
  /** May create rows; an object fixes some columns of a new row to some values. */
  create?: true | Columns;
  /** Columns the command may change on a row the ledger holds. */
  update?: Columns;
  delete?: true;
}

export type WriteSet = Readonly<Record<string, TableGrant>>;

const any = (...columns: string[]): Columns => Object.fromEntries(columns.map((column) => [column, true as const]));

/** The tables the engine host's daily run derives from the book (DESIGN §2 Determinism). */
const DERIVED: WriteSet = Object.fromEntries(
  ['cases', 'case_assignments', 'bucket_events', 'dunning_events', 'early_warning_flags', 'fee_records', 'gl_entries', 'tasks', 'dashboard_snapshots', 'promises', 'settlement_offers', 'recovery_actions'].map(
    (tbl) => [tbl, { create: true, update: any(...columnsOf(tbl)) }],
  ),
);
const DERIVED_LOANS: WriteSet = { loans: { update: any('status', 'is_non_accrual', 'dpd', 'amount_past_due_minor', 'balance_minor', 'bucket', 'entered_delinquency_on') } };

function columnsOf(tbl: string): string[] {
  return (replicaTable(tbl)?.columns ?? []).filter((column) => !column.generated).map((column) => column.name);
}

/** Sending a recovery action (by hand or automated): the action's progress, what it sent, what a carrier said of the number. */
const SEND: WriteSet = {
  recovery_actions: {
    create: true,
    update: any('status', 'content', 'twilio_message_sid', 'twilio_call_sid', 'email_message_id', 'letter_id', 'scheduled_at', 'sent_at', 'delivered_at', 'error_code', 'error_message', 'recipient_phone', 'recipient_email', 'template_name'),
  },
  // What a desk sends is outbound; only the system records what a borrower sent.
  messages: { create: { direction: ['outbound'], status: ['queued', 'sent', 'failed'] } },
  letters: { create: true },
  contact_attempts: { create: { direction: ['outbound'] } },
  // A carrier refusing a number the borrower unsubscribed marks it opted out; nothing here lifts one.
  phones: { update: { sms_consent: [0, false], opted_out_at: true } },
  text_opt_outs: { create: true },
  contact_overrides: { update: any('used_at') },
};

const SETTLEMENT_STEP: WriteSet = { settlement_offers: { update: any('status', 'history') } };

/** Configuration an administrator saves (the `admin_settings` permission is checked too, by table). */
const CONFIGURE = (...tables: string[]): WriteSet => Object.fromEntries(tables.map((tbl) => [tbl, { create: true, update: any(...columnsOf(tbl)), delete: true }]));

export const WRITE_SETS: Readonly<Record<string, WriteSet>> = {
  'activities.log': {
    activities: { create: { performed_by: ACTOR } },
    contact_attempts: { create: true },
    promises: { create: { status: ['pending'], created_by: ACTOR } },
    tasks: { create: true },
    // Working a case moves it on; only its own commands close, settle or write it off.
    cases: { update: { status: ['in_progress'] } },
  },
  'compliance.prepareCall': { contact_attempts: { create: true } },
  'cases.update': {
    cases: { update: { status: EDITABLE_CASE_STATUSES, priority: true, priority_manual: true, reason_code: true, dispute_flag: true, vulnerability_flag: true, hardship_flag: true, nba_action: true, nba_confidence: true } },
  },
  'cases.overrideNba': { cases: { update: { nba_override_action: true, nba_override_reason: true, nba_override_by: ACTOR } } },
  'cases.create': { cases: { create: { status: ['open'], close_reason: [null], closed_on: [null] } }, case_assignments: { create: true } },
  'cases.createBatch': { cases: { create: { status: ['open'], close_reason: [null], closed_on: [null] } }, case_assignments: { create: true } },
  'cases.close': { cases: { update: { status: ['closed'], close_reason: ['manual'], closed_on: true } } },
  'cases.writeOff': {
    cases: { update: { status: ['written_off'], close_reason: ['written_off'], closed_on: true } },
    loans: { update: { status: ['written_off'] } },
    gl_entries: { create: true },
  },
  'cases.assign': { cases: { update: any('assigned_agent_id') }, case_assignments: { create: { assigned_by: ACTOR } } },
  'contacts.overrideDoNotContact': { contact_overrides: { create: { used_at: [null], granted_by: ACTOR } } },
  'contacts.useDoNotContactOverride': { contact_overrides: { update: any('used_at') } },
  'borrowers.setDoNotContact': { borrowers: { update: any('do_not_contact') } },
  'borrowers.setPreferences': { borrowers: { update: any('communication_preferences', 'language', 'timezone') } },
  'borrowers.savePhone': {
    phones: { create: { opted_out_at: [null] }, update: any('e164', 'label', 'type', 'is_primary', 'is_verified', 'is_active', 'sms_consent') },
  },
  // Consent recorded with its source restores the number's opt-outs (row-rules.ts judges the source); the row's STOP mark stays.
  'contacts.recordTextConsent': {
    text_opt_outs: { create: { restored_by: ACTOR }, update: { ...any(...TEXT_RESTORE_COLUMNS), restored_by: ACTOR } },
    phones: { update: { sms_consent: [1, true] } },
  },
  'borrowers.saveEmail': { emails: { create: { opted_out: [0, false] }, update: any('email', 'label', 'is_primary', 'is_verified', 'is_active') } },
  'agencies.place': { agency_placements: { create: { recalled_on: [null], recall_reason: [null] } }, cases: { update: any('assigned_agent_id', 'status') } },
  'agencies.recall': { agency_placements: { update: any('recalled_on', 'recall_reason') }, cases: { update: any('assigned_agent_id', 'status') } },
  'promises.create': { promises: { create: { status: ['pending'], created_by: ACTOR } } },
  'promises.cancel': { promises: { update: { status: ['cancelled'], status_changed_on: true } } },
  'tasks.complete': { tasks: { update: any('done_at') } },
  'strategies.create': { strategies: { create: true } },
  'settlements.create': { settlement_offers: { create: { status: ['draft'] } } },
  'settlements.submit': SETTLEMENT_STEP,
  'settlements.approve': SETTLEMENT_STEP,
  'settlements.reject': SETTLEMENT_STEP,
  'settlements.decline': SETTLEMENT_STEP,
  'settlements.offer': { settlement_offers: { update: any('status', 'history', 'expires_on') } },
  'settlements.accept': { ...SETTLEMENT_STEP, promises: { create: { status: ['pending'], created_by: ACTOR } } },
  'messages.send': SEND,
  'letters.generate': SEND,
  'recovery.trigger': { recovery_actions: { create: true } },
  'recovery.execute': SEND,
  'settings.addUser': { users: { create: true } },
  'settings.setUserRole': { users: { update: any('role') } },
  'settings.setUserActive': { users: { update: any('active') } },
  'settings.saveQueue': CONFIGURE('queues', 'queue_rules', 'queue_members'),
  'settings.saveDunningSchedule': CONFIGURE('dunning_schedules', 'dunning_steps', 'products'),
  'settings.saveFeeSchedule': CONFIGURE('fee_schedules'),
  'settings.saveSlaConfigs': CONFIGURE('sla_configs'),
  'settings.saveSchedule': {},
  'settings.saveTemplate': CONFIGURE('template_overrides'),
  'settings.resetTemplate': CONFIGURE('template_overrides'),
  'complianceAdmin.saveRule': CONFIGURE('compliance_rules'),
  'complianceAdmin.resetRule': CONFIGURE('compliance_rules'),
  // Automation, run only by the engine host's device (and the relay's own pages).
  'engine.dailyRun': { ...DERIVED, ...DERIVED_LOANS },
  'engine.snapshot': { dashboard_snapshots: { create: true, update: any(...columnsOf('dashboard_snapshots')) } },
  'dunning.dispatch': { ...SEND, dunning_events: { update: any('status', 'reason', 'next_attempt_at') }, cases: { update: any('status', 'assigned_agent_id', 'priority', 'priority_score') } },
  'recovery.sendAutomated': { ...SEND, dunning_events: { update: any('status', 'reason', 'next_attempt_at') }, cases: { update: any('status', 'assigned_agent_id', 'priority', 'priority_score') } },
  'preDelinquency.send': { ...SEND, dunning_events: { update: any('status', 'reason', 'next_attempt_at') }, tasks: { create: true } },
  'recovery.statusCallback': { recovery_actions: { update: any('status', 'delivered_at', 'error_code', 'error_message') }, messages: { update: any('status', 'error_code') }, activities: { create: true } },
  'messages.inbound': {
    messages: { create: true },
    recovery_actions: { update: any('status') },
    phones: { update: any('opted_out_at', 'sms_consent') },
    // A STOP records the opt-out; the borrower's START restores it.
    text_opt_outs: { create: true, update: any(...TEXT_RESTORE_COLUMNS) },
    activities: { create: true },
    tasks: { create: true },
  },
  'selfService.requestPlan': { settlement_offers: { create: { status: ['draft', 'pending_approval'] } }, activities: { create: true }, tasks: { create: true } },
  'selfService.dispute': { cases: { update: any('dispute_flag', 'nba_action', 'nba_confidence') }, activities: { create: true }, tasks: { create: true } },
  'selfService.preferences': { borrowers: { update: any('communication_preferences', 'language') }, activities: { create: true } },
  'selfService.optOut': { phones: { update: { sms_consent: [0, false], opted_out_at: true } }, text_opt_outs: { create: true }, emails: { update: { opted_out: [1, true] } }, activities: { create: true } },
};

function generated(tbl: string): Set<string> {
  return new Set((replicaTable(tbl)?.columns ?? []).filter((column) => column.generated).map((column) => column.name));
}

function allowed(values: true | typeof ACTOR | readonly unknown[], value: unknown, actorId: string): boolean {
  if (values === ACTOR) return value === actorId;
  return values === true || values.some((candidate) => jsonEqual(candidate, value ?? null));
}

function describeValues(values: typeof ACTOR | readonly unknown[], actorId: string): string {
  return values === ACTOR ? `${JSON.stringify(actorId)} (the command's actor)` : values.map((value) => JSON.stringify(value ?? null)).join(' or ');
}

/**
 * Null when `name` may make this change to one row, else a sentence naming the command, table,
 * column and rule. `before` null: created; `after` null: deleted.
 */
export function writeSetProblem(name: string, change: { tbl: string; before: RowData | null; after: RowData | null }, actorId = ''): string | null {
  const writeSet = WRITE_SETS[name];
  if (!writeSet) return `${name} changes no rows of the ledger`;
  const { tbl, before, after } = change;
  const grant = writeSet[tbl];
  if (!grant) return `${name} does not change ${tbl}`;
  if (after === null) return grant.delete ? null : `${name} does not delete ${tbl} rows`;
  if (before === null) {
    if (!grant.create) return `${name} does not create ${tbl} rows`;
    if (grant.create === true) return null;
    for (const [column, values] of Object.entries(grant.create)) {
      if (!allowed(values, after[column], actorId)) return `${name} creates ${tbl} rows with ${column} ${values === ACTOR ? describeValues(values, actorId) : JSON.stringify((values as readonly unknown[]).map((value) => value ?? null))}, not ${JSON.stringify(after[column] ?? null)}`;
    }
    return null;
  }
  const skip = generated(tbl);
  for (const column of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (skip.has(column) || jsonEqual(before[column] ?? null, after[column] ?? null)) continue;
    const values = grant.update?.[column];
    if (values === undefined) return `${name} may not change ${tbl}.${column}`;
    if (!allowed(values, after[column], actorId)) return `${name} may set ${tbl}.${column} only to ${describeValues(values as typeof ACTOR | readonly unknown[], actorId)}, not ${JSON.stringify(after[column] ?? null)}`;
  }
  return null;
}
