import { index, integer, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { CHANNELS, CONTACT_OUTCOMES, RECOVERY_ACTION_STATUSES, RECOVERY_ACTION_TYPES } from '../../../src-shared/domain/vocabulary';
import { cases } from './cases';
import { loans } from './loans';
import { borrowers, users } from './people';

/** Seed 000's recovery actions: one outbound step of a default's recovery. */
export const recoveryActions = sqliteTable(
  'recovery_actions',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull().references(() => cases.id),
    type: text('type', { enum: RECOVERY_ACTION_TYPES }).notNull(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    recipientPhone: text('recipient_phone'),
    recipientEmail: text('recipient_email'),
    templateName: text('template_name'),
    content: text('content'),
    twilioMessageSid: text('twilio_message_sid'),
    twilioCallSid: text('twilio_call_sid'),
    /** The SMTP Message-ID of an email action. */
    emailMessageId: text('email_message_id'),
    /** The PDF a letter, escalation or legal-notice action produced. */
    letterId: text('letter_id').references((): AnySQLiteColumn => letters.id),
    /** The daily run's dunning step this action carries out, so its outcome reaches the step. */
    dunningEventId: text('dunning_event_id'),
    status: text('status', { enum: RECOVERY_ACTION_STATUSES }).notNull(),
    scheduledAt: text('scheduled_at'),
    sentAt: text('sent_at'),
    deliveredAt: text('delivered_at'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    triggeredBy: text('triggered_by', { enum: ['manual', 'dunning', 'pre_delinquency'] }).notNull(),
    createdBy: text('created_by').references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('recovery_actions_case_idx').on(t.caseId),
    index('recovery_actions_message_sid_idx').on(t.twilioMessageSid),
    index('recovery_actions_call_sid_idx').on(t.twilioCallSid),
    index('recovery_actions_due_idx').on(t.status, t.scheduledAt),
  ],
);

/** The SMS/WhatsApp thread of a borrower, both directions. */
export const messages = sqliteTable(
  'messages',
  {
    id: text('id').primaryKey(),
    borrowerId: text('borrower_id').notNull().references(() => borrowers.id),
    caseId: text('case_id').references(() => cases.id),
    recoveryActionId: text('recovery_action_id').references(() => recoveryActions.id),
    channel: text('channel', { enum: ['sms', 'whatsapp'] }).notNull(),
    direction: text('direction', { enum: ['outbound', 'inbound'] }).notNull(),
    fromAddress: text('from_address').notNull(),
    toAddress: text('to_address').notNull(),
    body: text('body').notNull(),
    twilioSid: text('twilio_sid'),
    status: text('status', { enum: ['queued', 'sent', 'delivered', 'undelivered', 'failed', 'received'] }).notNull(),
    errorCode: text('error_code'),
    at: text('at').notNull(),
  },
  (t) => [index('messages_borrower_at_idx').on(t.borrowerId, t.at), index('messages_sid_idx').on(t.twilioSid)],
);

export const letters = sqliteTable(
  'letters',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull().references(() => cases.id),
    kind: text('kind', { enum: ['demand', 'legal_notice', 'escalation', 'settlement_offer'] }).notNull(),
    templateName: text('template_name').notNull(),
    language: text('language').notNull(),
    html: text('html').notNull(),
    pdf: text('pdf_base64'),
    createdBy: text('created_by').references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('letters_case_idx').on(t.caseId)],
);

/**
 * Every contact attempt with a borrower, any channel and direction, imported or made here. The
 * compliance gate counts these (DESIGN §2: per borrower for seed-003 caps, per loan for US rules).
 */
export const contactAttempts = sqliteTable(
  'contact_attempts',
  {
    id: text('id').primaryKey(),
    borrowerId: text('borrower_id').notNull().references(() => borrowers.id),
    loanId: text('loan_id').notNull().references(() => loans.id),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    direction: text('direction', { enum: ['outbound', 'inbound'] }).notNull(),
    outcome: text('outcome', { enum: CONTACT_OUTCOMES }).notNull(),
    at: text('at').notNull(),
    source: text('source', { enum: ['tape', 'activity', 'twilio', 'email', 'letter'] }).notNull(),
    blocked: integer('blocked', { mode: 'boolean' }).notNull().default(false),
    blockedReasons: text('blocked_reasons', { mode: 'json' }).$type<string[]>(),
  },
  (t) => [index('contact_attempts_borrower_at_idx').on(t.borrowerId, t.at), index('contact_attempts_loan_at_idx').on(t.loanId, t.at)],
);

/**
 * A supervisor's recorded permission to contact a do-not-contact borrower by hand (DESIGN §2):
 * good for one manual contact before it expires; automated contact never uses it.
 */
export const contactOverrides = sqliteTable(
  'contact_overrides',
  {
    id: text('id').primaryKey(),
    borrowerId: text('borrower_id').notNull().references(() => borrowers.id),
    caseId: text('case_id').notNull().references(() => cases.id),
    grantedBy: text('granted_by').notNull().references(() => users.id),
    reason: text('reason').notNull(),
    grantedAt: text('granted_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
  },
  (t) => [index('contact_overrides_borrower_idx').on(t.borrowerId, t.expiresAt)],
);
