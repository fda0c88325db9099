import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import {
  ACTIVITY_OUTCOMES,
  ACTIVITY_TYPES,
  BUCKETS,
  CASE_STATUSES,
  CLOSE_REASONS,
  DEFAULT_TYPES,
  FLAG_SEVERITIES,
  FLAG_TYPES,
  NBA_ACTIONS,
  PRIORITIES,
  PROMISE_STATUSES,
  REASON_CODES,
  SETTLEMENT_STATUSES,
  SETTLEMENT_TYPES,
  SEVERITIES,
  STAGES,
} from '../../../src-shared/domain/vocabulary';
import { loans } from './loans';
import { users } from './people';
import { queues } from './operations';

/**
 * One case per delinquency episode of a loan. The queue reads this table alone, so the fields it
 * filters and sorts on (borrower name, account number, amounts) are copied here by whoever writes
 * the case. `active` (open, in progress, on hold, legal) is what the queue shows by default, and
 * each sort has an index that starts with it, so a first page is read in order without sorting;
 * `cases_active_filters_idx` holds every filter column, so counting and narrow filters never
 * read the (wide) table rows.
 */
export const cases = sqliteTable(
  'cases',
  {
    id: text('id').primaryKey(),
    loanId: text('loan_id').notNull().references(() => loans.id),
    episodeStartedOn: text('episode_started_on').notNull(),
    accountNumber: text('account_number').notNull(),
    borrowerName: text('borrower_name').notNull(),
    currency: text('currency').notNull(),
    status: text('status', { enum: CASE_STATUSES }).notNull(),
    active: integer('active', { mode: 'boolean' }).generatedAlwaysAs(sql`status in ('open', 'in_progress', 'on_hold', 'legal')`, { mode: 'virtual' }),
    closeReason: text('close_reason', { enum: CLOSE_REASONS }),
    defaultType: text('default_type', { enum: DEFAULT_TYPES }).notNull(),
    severity: text('severity', { enum: SEVERITIES }),
    stage: text('stage', { enum: STAGES }),
    bucket: text('bucket', { enum: BUCKETS }).notNull(),
    dpd: integer('dpd').notNull(),
    amountPastDueMinor: integer('amount_past_due_minor').notNull(),
    balanceMinor: integer('balance_minor').notNull(),
    priority: text('priority', { enum: PRIORITIES }).notNull(),
    priorityScore: real('priority_score').notNull(),
    priorityManual: integer('priority_manual', { mode: 'boolean' }).notNull().default(false),
    reasonCode: text('reason_code', { enum: REASON_CODES }).notNull(),
    disputeFlag: integer('dispute_flag', { mode: 'boolean' }).notNull().default(false),
    vulnerabilityFlag: integer('vulnerability_flag', { mode: 'boolean' }).notNull().default(false),
    hardshipFlag: integer('hardship_flag', { mode: 'boolean' }).notNull().default(false),
    assignedAgentId: text('assigned_agent_id').references(() => users.id),
    queueId: text('queue_id').references(() => queues.id),
    nbaAction: text('nba_action', { enum: NBA_ACTIONS }),
    nbaConfidence: real('nba_confidence'),
    nbaOverrideAction: text('nba_override_action', { enum: NBA_ACTIONS }),
    nbaOverrideReason: text('nba_override_reason'),
    nbaOverrideBy: text('nba_override_by').references(() => users.id),
    firstContactDueAt: text('first_contact_due_at'),
    nextFollowUpDueAt: text('next_follow_up_due_at'),
    slaBreached: integer('sla_breached', { mode: 'boolean' }).notNull().default(false),
    openedOn: text('opened_on').notNull(),
    closedOn: text('closed_on'),
    createdBy: text('created_by', { enum: ['engine', 'user'] }).notNull(),
  },
  (t) => [
    index('cases_loan_idx').on(t.loanId),
    index('cases_active_filters_idx').on(
      t.active, t.stage, t.severity, t.bucket, t.priority, t.dpd, t.balanceMinor, t.queueId, t.assignedAgentId, t.disputeFlag, t.vulnerabilityFlag, t.hardshipFlag, t.loanId,
    ),
    index('cases_active_score_idx').on(t.active, t.priorityScore),
    index('cases_active_dpd_idx').on(t.active, t.dpd),
    index('cases_active_balance_idx').on(t.active, t.balanceMinor),
    index('cases_active_opened_idx').on(t.active, t.openedOn),
    index('cases_active_name_idx').on(t.active, t.borrowerName),
    index('cases_status_score_idx').on(t.status, t.priorityScore),
    index('cases_agent_active_score_idx').on(t.assignedAgentId, t.active, t.priorityScore),
    index('cases_queue_active_score_idx').on(t.queueId, t.active, t.priorityScore),
  ],
);

export const caseAssignments = sqliteTable(
  'case_assignments',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull().references(() => cases.id),
    agentId: text('agent_id').references(() => users.id),
    assignedBy: text('assigned_by').notNull(),
    assignedAt: text('assigned_at').notNull(),
  },
  (t) => [index('case_assignments_case_idx').on(t.caseId)],
);

/** Collection activities (seed 004) and actions (seed 002), each a row in the case history. */
export const activities = sqliteTable(
  'activities',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull().references(() => cases.id),
    loanId: text('loan_id').notNull().references(() => loans.id),
    type: text('type', { enum: ACTIVITY_TYPES }).notNull(),
    direction: text('direction', { enum: ['outbound', 'inbound'] }).notNull().default('outbound'),
    contactMethod: text('contact_method'),
    outcome: text('outcome', { enum: ACTIVITY_OUTCOMES }),
    notes: text('notes'),
    nextActionOn: text('next_action_on'),
    producedPromise: integer('produced_promise', { mode: 'boolean' }).notNull().default(false),
    performedBy: text('performed_by').references(() => users.id),
    at: text('at').notNull(),
  },
  (t) => [index('activities_case_at_idx').on(t.caseId, t.at), index('activities_at_idx').on(t.at), index('activities_next_action_idx').on(t.nextActionOn)],
);

/** Promises to pay. One imported from a tape waits without a case until the daily run attaches it to its loan's episode. */
export const promises = sqliteTable(
  'promises',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').references(() => cases.id),
    loanId: text('loan_id').notNull().references(() => loans.id),
    createdOn: text('created_on').notNull(),
    dueOn: text('due_on').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    graceDays: integer('grace_days').notNull().default(3),
    status: text('status', { enum: PROMISE_STATUSES }).notNull().default('pending'),
    settlementOfferId: text('settlement_offer_id'),
    createdBy: text('created_by').references(() => users.id),
    statusChangedOn: text('status_changed_on'),
  },
  (t) => [index('promises_case_idx').on(t.caseId), index('promises_loan_due_idx').on(t.loanId, t.dueOn)],
);

export const settlementOffers = sqliteTable(
  'settlement_offers',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull().references(() => cases.id),
    type: text('type', { enum: SETTLEMENT_TYPES }).notNull(),
    status: text('status', { enum: SETTLEMENT_STATUSES }).notNull(),
    balanceMinor: integer('balance_minor').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    discountPct: integer('discount_pct').notNull(),
    installments: integer('installments').notNull(),
    requiresApproval: integer('requires_approval', { mode: 'boolean' }).notNull(),
    /** Who moved the offer and when, one entry per lifecycle step. */
    history: text('history', { mode: 'json' }).$type<{ status: string; by: string; at: string; note?: string }[]>().notNull(),
    expiresOn: text('expires_on'),
  },
  (t) => [index('settlement_offers_case_idx').on(t.caseId), index('settlement_offers_status_idx').on(t.status)],
);

export const strategies = sqliteTable('strategies', {
  id: text('id').primaryKey(),
  loanId: text('loan_id').notNull().references(() => loans.id),
  strategyType: text('strategy_type', { enum: ['SOFT_COLLECTION', 'HARD_COLLECTION', 'LEGAL'] }).notNull(),
  priorityLevel: integer('priority_level').notNull(),
  contactFrequency: text('contact_frequency', { enum: ['DAILY', 'WEEKLY', 'BIWEEKLY'] }).notNull(),
  nextContactOn: text('next_contact_on'),
  assignedTo: text('assigned_to').references(() => users.id),
  createdAt: text('created_at').notNull(),
});

export const earlyWarningFlags = sqliteTable(
  'early_warning_flags',
  {
    id: text('id').primaryKey(),
    loanId: text('loan_id').notNull().references(() => loans.id),
    type: text('type', { enum: FLAG_TYPES }).notNull(),
    severity: text('severity', { enum: FLAG_SEVERITIES }).notNull(),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    raisedOn: text('raised_on').notNull(),
    clearedOn: text('cleared_on'),
  },
  (t) => [index('flags_loan_idx').on(t.loanId)],
);

export const bucketEvents = sqliteTable(
  'bucket_events',
  {
    id: text('id').primaryKey(),
    loanId: text('loan_id').notNull().references(() => loans.id),
    fromBucket: text('from_bucket', { enum: BUCKETS }).notNull(),
    toBucket: text('to_bucket', { enum: BUCKETS }).notNull(),
    dpd: integer('dpd').notNull(),
    onDate: text('on_date').notNull(),
  },
  (t) => [index('bucket_events_loan_idx').on(t.loanId, t.onDate)],
);

/** Follow-up tasks: next-action dates and pre-delinquency rules land in the agent's "due today". */
export const tasks = sqliteTable(
  'tasks',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').references(() => cases.id),
    loanId: text('loan_id').notNull().references(() => loans.id),
    assignedTo: text('assigned_to').references(() => users.id),
    dueOn: text('due_on').notNull(),
    title: text('title').notNull(),
    source: text('source', { enum: ['activity', 'pre_delinquency', 'strategy', 'manual'] }).notNull(),
    doneAt: text('done_at'),
  },
  (t) => [index('tasks_assignee_due_idx').on(t.assignedTo, t.dueOn)],
);
