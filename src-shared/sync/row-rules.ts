import { MESSAGE_STATUSES, nextMessageStatus, type MessageStatus } from '../domain/message-status';
import { nextActionStatus } from '../domain/recovery-ladder';
import { nextSettlementStatus, SETTLEMENT_ACTIONS } from '../domain/settlement-lifecycle';
import { PROMISE_STATUSES, RECOVERY_ACTION_STATUSES, SETTLEMENT_STATUSES, type RecoveryActionStatus, type SettlementStatus } from '../domain/vocabulary';
import type { Permission } from '../roles';
import { jsonEqual, type RowData } from './merge-row';
import { phoneMarkReason, textOptOutReason } from './text-opt-out-rules';

/** One row as the ledger holds it (`before`, null: absent) and would hold it after a pushed command (`after`, null: absent). */
export interface RowChangeCheck {
  tbl: string;
  before: RowData | null;
  after: RowData | null;
  /** The actor's permissions, from its role in the ledger (none for the system actor). */
  permissions: readonly Permission[];
}

/** Tables only an administrator changes: who works, and the rules the engine and the gate apply. */
const CONFIGURATION_TABLES: ReadonlySet<string> = new Set([
  'users',
  'compliance_rules',
  'queues',
  'queue_rules',
  'queue_members',
  'dunning_schedules',
  'dunning_steps',
  'pre_delinquency_rules',
  'sla_configs',
  'fee_schedules',
  'products',
  'collection_agencies',
  'template_overrides',
]);

/** The record of what happened (contacts, assignments, letters, postings): written once, never rewritten. */
const INSERT_ONLY_TABLES: ReadonlySet<string> = new Set(['activities', 'contact_attempts', 'case_assignments', 'bucket_events', 'letters', 'gl_entries']);

/**
 * Removed outright: queue membership, and an administrator's queue rules and dunning steps (the
 * configuration says what happens next; dunning events keep the step id they were planned from).
 * Everything else ends by a status.
 */
const DELETABLE_TABLES: ReadonlySet<string> = new Set(['queue_members', 'queue_rules', 'dunning_steps']);

const DUNNING_EVENT_STATUSES = ['planned', 'deferred', 'suppressed', 'superseded', 'sent', 'failed'] as const;

/** A SQLite boolean as it travels in a row image: 1/0, or true/false once it has been through JSON elsewhere. */
export function flagIsSet(value: unknown): boolean {
  return value === true || value === 1;
}

interface StatusMachine {
  statuses: readonly string[];
  /** Statuses a row may be created in; default any known one. */
  created?: readonly string[];
  /** Why `from` may not become `to` (two different known statuses), or null. */
  move(from: string, to: string, check: RowChangeCheck & { before: RowData }): string | null;
}

const forwardOnly = (from: string, to: string) => `status moves only forward: ${from} cannot become ${to}`;

/**
 * The lifecycle statuses that only move forward (DESIGN §3), so a desktop's stale copy can never
 * undo a later state reached elsewhere (a callback, another desktop).
 */
const STATUS_MACHINES: Readonly<Record<string, StatusMachine>> = {
  recovery_actions: {
    statuses: RECOVERY_ACTION_STATUSES,
    move: (from, to) => (nextActionStatus(from as RecoveryActionStatus, to as RecoveryActionStatus) === to ? null : forwardOnly(from, to)),
  },
  messages: {
    statuses: MESSAGE_STATUSES,
    move: (from, to) => (nextMessageStatus(from as MessageStatus, to as MessageStatus) === to ? null : forwardOnly(from, to)),
  },
  promises: {
    statuses: PROMISE_STATUSES,
    move: (from, to) => (from === 'pending' ? null : forwardOnly(from, to)),
  },
  dunning_events: {
    statuses: DUNNING_EVENT_STATUSES,
    move: (from, to) => (from === 'planned' || (from === 'deferred' && (to === 'sent' || to === 'failed')) ? null : forwardOnly(from, to)),
  },
  settlement_offers: {
    statuses: SETTLEMENT_STATUSES,
    // An offer starts as a draft; any later status is reached through the lifecycle.
    created: ['draft'],
    move(from, to, { before, permissions }) {
      const requiresApproval = flagIsSet(before.requires_approval);
      const action = SETTLEMENT_ACTIONS.find((candidate) => {
        const next = nextSettlementStatus(from as SettlementStatus, candidate, { requiresApproval });
        return next.ok && next.status === to;
      });
      if (action === undefined) return `an offer that is ${from} cannot become ${to} in one step of its lifecycle`;
      if ((action === 'approve' || action === 'reject') && !permissions.includes('approve_settlement')) {
        return `moving an offer from ${from} to ${to} (${action}) needs the approve_settlement permission`;
      }
      return null;
    },
  },
};

function statusReason(check: RowChangeCheck & { after: RowData }): string | null {
  const machine = STATUS_MACHINES[check.tbl];
  if (!machine) return null;
  const to = check.after.status;
  if (typeof to !== 'string' || !machine.statuses.includes(to)) return `status ${JSON.stringify(to ?? null)} is not one of ${machine.statuses.join(', ')}`;
  if (check.before === null) return (machine.created ?? machine.statuses).includes(to) ? null : `a new row starts as ${(machine.created ?? []).join(' or ')}, not ${to}`;
  const from = check.before.status;
  if (typeof from !== 'string' || !machine.statuses.includes(from)) return `the ledger's status ${JSON.stringify(from ?? null)} is not one it knows, so it cannot be moved`;
  return from === to ? null : machine.move(from, to, { ...check, before: check.before });
}

/**
 * Changes that are allowed or refused by what they change, not only by who asks: an override
 * that is only being used (its `used_at` set once) needs no power to grant one; an offer's need of
 * approval is settled when it is drafted.
 */
/** A case's ends: a new delinquency episode opens a new case (DESIGN §2), so none of these is ever left. */
const FINAL_CASE_STATUSES: ReadonlySet<unknown> = new Set(['closed', 'settled', 'written_off']);

/** An offer's history as a list of steps, or null when it is not one (JSON text as SQLite stores it, or already parsed). */
function historyOf(value: unknown): unknown[] | null {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return null;
    }
  }
  return Array.isArray(parsed) && parsed.every((step) => step !== null && typeof step === 'object' && !Array.isArray(step)) ? parsed : null;
}

/** The history of an offer only grows: its steps so far stay as they were, each new one records the status it moved to. */
function historyReason(before: RowData | null, after: RowData): string | null {
  const next = historyOf(after.history);
  if (next === null) return 'history must be a list of steps';
  if (before === null) return null;
  const earlier = historyOf(before.history) ?? [];
  if (next.length < earlier.length || !earlier.every((step, index) => jsonEqual(step, next[index]))) return 'history only grows: the steps already recorded cannot change';
  const added = next.slice(earlier.length) as Record<string, unknown>[];
  if (before.status !== after.status && (added.length === 0 || added.at(-1)!.status !== after.status)) return `a move to ${String(after.status)} is recorded as the last step of the history`;
  return null;
}

function tableReason(check: RowChangeCheck & { after: RowData }): string | null {
  const { tbl, before, after, permissions } = check;
  if (tbl === 'cases' && before !== null && FINAL_CASE_STATUSES.has(before.status) && before.status !== after.status) {
    return `a case that is ${String(before.status)} stays so; a new delinquency episode opens a new case`;
  }
  if (tbl === 'settlement_offers') {
    const history = historyReason(before, after);
    if (history !== null) return history;
  }
  if (tbl === 'contact_overrides' && !permissions.includes('override_do_not_contact')) {
    if (before === null) return 'granting a do-not-contact override needs the override_do_not_contact permission';
    const onlyUsed = jsonEqual({ ...before, used_at: null }, { ...after, used_at: null }) && before.used_at === null;
    if (!onlyUsed) return 'without the override_do_not_contact permission an override may only be marked used, once';
  }
  if (tbl === 'borrowers' && before !== null && flagIsSet(before.do_not_contact) && !flagIsSet(after.do_not_contact) && !permissions.includes('override_do_not_contact')) {
    return 'lifting do-not-contact needs the override_do_not_contact permission';
  }
  // A STOP is the borrower's word on the number (`text_opt_outs`), which the gate keeps to whatever a
  // phone row's consent says; a row's STOP mark stays until their START.
  if (tbl === 'phones') return phoneMarkReason(before, after, permissions);
  if (tbl === 'text_opt_outs') return textOptOutReason(before, after, permissions);
  if (tbl === 'settlement_offers' && before !== null && !jsonEqual(before.requires_approval, after.requires_approval)) {
    return 'requires_approval is fixed when the offer is drafted';
  }
  return null;
}

/**
 * Whether a pushed command may leave one row as `after`: null when it may, else a sentence saying
 * which rule it breaks. The relay calls this on every row of every command, with the actor's
 * permissions from the ledger, so no desktop can do more than its user's role allows.
 */
export function checkRowChange(check: RowChangeCheck): string | null {
  const { tbl, before, after, permissions } = check;
  if (jsonEqual(before, after)) return null;
  if (CONFIGURATION_TABLES.has(tbl) && !permissions.includes('admin_settings')) return `changing ${tbl} is configuration and needs the admin_settings permission`;
  if (after === null) return DELETABLE_TABLES.has(tbl) ? null : `${tbl} rows are never deleted`;
  if (before !== null && INSERT_ONLY_TABLES.has(tbl)) return `${tbl} rows are written once and never changed`;
  return statusReason({ ...check, after }) ?? tableReason({ ...check, after });
}
