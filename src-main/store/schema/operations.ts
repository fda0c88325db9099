import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CHANNELS, STAGES, SUB_STATUSES } from '../../../src-shared/domain/vocabulary';
import { loans } from './loans';
import { users } from './people';

/** Collection queues (seed 002), checked in `priority` order (lower first). */
export const queues = sqliteTable('queues', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  priority: integer('priority').notNull(),
  defaultCollectorId: text('default_collector_id').references(() => users.id),
  isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
});

/** Auto-assignment rules of a queue; a null bound matches anything. */
export const queueRules = sqliteTable(
  'queue_rules',
  {
    id: text('id').primaryKey(),
    queueId: text('queue_id').notNull().references(() => queues.id),
    dpdMin: integer('dpd_min'),
    dpdMax: integer('dpd_max'),
    balanceMinMinor: integer('balance_min_minor'),
    balanceMaxMinor: integer('balance_max_minor'),
    productCode: text('product_code'),
    riskGrade: text('risk_grade'),
  },
  (t) => [index('queue_rules_queue_idx').on(t.queueId)],
);

/** Collectors working a queue, for round-robin assignment in `position` order. */
export const queueMembers = sqliteTable(
  'queue_members',
  {
    queueId: text('queue_id').notNull().references(() => queues.id),
    userId: text('user_id').notNull().references(() => users.id),
    position: integer('position').notNull(),
  },
  (t) => [index('queue_members_queue_idx').on(t.queueId, t.position), uniqueIndex('queue_members_key_idx').on(t.queueId, t.userId)],
);

export const collectionAgencies = sqliteTable('collection_agencies', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  commissionType: text('commission_type', { enum: ['flat_fee', 'percentage'] }).notNull(),
  /** Basis points for a percentage, minor units for a flat fee. */
  commissionRate: integer('commission_rate').notNull(),
  phoneE164: text('phone_e164'),
  email: text('email'),
  address: text('address'),
  isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
});

export const agencyPlacements = sqliteTable(
  'agency_placements',
  {
    id: text('id').primaryKey(),
    agencyId: text('agency_id').notNull().references(() => collectionAgencies.id),
    caseId: text('case_id').notNull(),
    placedOn: text('placed_on').notNull(),
    placedBalanceMinor: integer('placed_balance_minor').notNull(),
    recalledOn: text('recalled_on'),
    recallReason: text('recall_reason'),
  },
  (t) => [index('agency_placements_case_idx').on(t.caseId)],
);

/** Contact rules per jurisdiction (seed 003 plus the US presets of DESIGN §2). */
export const complianceRules = sqliteTable('compliance_rules', {
  jurisdiction: text('jurisdiction').primaryKey(),
  preset: text('preset', { enum: ['caribbean', 'US', 'US-MA', 'US-NY-NYC'] }).notNull(),
  hoursStart: text('hours_start').notNull(),
  hoursEnd: text('hours_end').notNull(),
  dailyCap: integer('daily_cap'),
  weeklyCap: integer('weekly_cap'),
  coolingOffMinutes: integer('cooling_off_minutes'),
  countedChannels: text('counted_channels', { mode: 'json' }).$type<string[]>().notNull(),
  isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
});

/** SLA timers per stage (seed 003): hours to first contact and between follow-ups. */
export const slaConfigs = sqliteTable('sla_configs', {
  stage: text('stage', { enum: STAGES }).primaryKey(),
  firstContactHours: integer('first_contact_hours').notNull(),
  followUpHours: integer('follow_up_hours').notNull(),
});

export const dunningSchedules = sqliteTable('dunning_schedules', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
});

export const dunningSteps = sqliteTable(
  'dunning_steps',
  {
    id: text('id').primaryKey(),
    scheduleId: text('schedule_id').notNull().references(() => dunningSchedules.id),
    dpdTrigger: integer('dpd_trigger').notNull(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    templateName: text('template_name').notNull(),
    suppressDuring: text('suppress_during', { mode: 'json' }).$type<(typeof SUB_STATUSES)[number][]>().notNull(),
    escalate: integer('escalate', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('dunning_steps_schedule_idx').on(t.scheduleId, t.dpdTrigger)],
);

/** Seed 002's pre-delinquency rules: fire `daysBefore` an installment's due date, once per installment. */
export const preDelinquencyRules = sqliteTable('pre_delinquency_rules', {
  id: text('id').primaryKey(),
  daysBefore: integer('days_before').notNull(),
  action: text('action', { enum: ['send_message', 'create_task'] }).notNull(),
  channel: text('channel', { enum: CHANNELS }),
  templateName: text('template_name'),
  isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
});

/** Dunning and pre-delinquency steps planned by the daily run, keyed deterministically. */
export const dunningEvents = sqliteTable(
  'dunning_events',
  {
    id: text('id').primaryKey(),
    loanId: text('loan_id').notNull().references(() => loans.id),
    caseId: text('case_id'),
    stepId: text('step_id').notNull(),
    kind: text('kind', { enum: ['dunning', 'pre_delinquency'] }).notNull(),
    /** The installment a pre-delinquency reminder is about. */
    installmentSeq: integer('installment_seq'),
    plannedOn: text('planned_on').notNull(),
    status: text('status', { enum: ['planned', 'deferred', 'suppressed', 'superseded', 'sent', 'failed'] }).notNull(),
    reason: text('reason'),
    /** A deferred pre-delinquency reminder's next try: when compliance next allows it. */
    nextAttemptAt: text('next_attempt_at'),
  },
  (t) => [index('dunning_events_loan_idx').on(t.loanId), index('dunning_events_status_idx').on(t.status, t.kind)],
);
