import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CONSENT_TYPES, IDENTITY_DOCUMENT_TYPES, LEGAL_REPRESENTATIVE_TYPES, PHONE_TYPES } from '../../../src-shared/domain/vocabulary';
import { TEXT_CONSENT_METHODS, TEXT_OPT_OUT_VIAS, TEXT_RESTORE_VIAS } from '../../../src-shared/domain/text-opt-outs';
import { ROLES } from '../../../src-shared/roles';

const createdAt = () => text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  role: text('role', { enum: ROLES }).notNull(),
  /** scrypt hash as `scrypt$N$r$p$salt$hash` (hex). */
  passwordHash: text('password_hash').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: createdAt(),
});

/** Borrower self-service accounts (seed 001's portal user mapping). */
export const portalUsers = sqliteTable(
  'portal_users',
  {
    id: text('id').primaryKey(),
    login: text('login').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('portal_users_login_idx').on(t.login)],
);

/** Borrowers with every field of seed 001; the full SSN, when known, stays encrypted in main. */
export const borrowers = sqliteTable(
  'borrowers',
  {
    id: text('id').primaryKey(),
    externalId: text('external_id').notNull().unique(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    dateOfBirth: text('date_of_birth'),
    ssnLastFour: text('ssn_last_four'),
    ssnEncrypted: text('ssn_encrypted'),
    employer: text('employer'),
    annualIncomeMinor: integer('annual_income_minor'),
    annualIncomeCurrency: text('annual_income_currency'),
    language: text('language').notNull().default('en'),
    /** Preferred channel and hours for automated contact: { channel?, hours?: { start, end } }. */
    communicationPreferences: text('communication_preferences', { mode: 'json' }).$type<CommunicationPreferences>().notNull().default(sql`'{}'`),
    timezone: text('timezone'),
    jurisdiction: text('jurisdiction').notNull(),
    doNotContact: integer('do_not_contact', { mode: 'boolean' }).notNull().default(false),
    vulnerable: integer('vulnerable', { mode: 'boolean' }).notNull().default(false),
    hardship: integer('hardship', { mode: 'boolean' }).notNull().default(false),
    portalUserId: text('portal_user_id').references(() => portalUsers.id),
    metadata: text('metadata', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    createdAt: createdAt(),
  },
  (t) => [index('borrowers_name_idx').on(t.lastName, t.firstName)],
);

export interface CommunicationPreferences {
  channel?: 'sms' | 'whatsapp' | 'voice' | 'email' | 'mail';
  hours?: { start: string; end: string };
}

export const addresses = sqliteTable(
  'addresses',
  {
    id: text('id').primaryKey(),
    borrowerId: text('borrower_id').notNull().references(() => borrowers.id),
    label: text('label', { enum: ['home', 'work', 'mailing'] }).notNull(),
    line1: text('line1').notNull(),
    line2: text('line2'),
    city: text('city').notNull(),
    state: text('state'),
    postalCode: text('postal_code'),
    country: text('country').notNull(),
    isPrimary: integer('is_primary', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('addresses_borrower_idx').on(t.borrowerId)],
);

export const emails = sqliteTable(
  'emails',
  {
    id: text('id').primaryKey(),
    borrowerId: text('borrower_id').notNull().references(() => borrowers.id),
    email: text('email').notNull(),
    label: text('label', { enum: ['home', 'work'] }).notNull(),
    isPrimary: integer('is_primary', { mode: 'boolean' }).notNull().default(false),
    isVerified: integer('is_verified', { mode: 'boolean' }).notNull().default(false),
    isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
    optedOut: integer('opted_out', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('emails_borrower_idx').on(t.borrowerId)],
);

export const phones = sqliteTable(
  'phones',
  {
    id: text('id').primaryKey(),
    borrowerId: text('borrower_id').notNull().references(() => borrowers.id),
    /** E.164, normalised with libphonenumber-js. */
    e164: text('e164').notNull(),
    label: text('label', { enum: ['home', 'work', 'mobile'] }).notNull(),
    type: text('type', { enum: PHONE_TYPES }).notNull(),
    isPrimary: integer('is_primary', { mode: 'boolean' }).notNull().default(false),
    isVerified: integer('is_verified', { mode: 'boolean' }).notNull().default(false),
    isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
    /** `sms_consent` covers SMS and WhatsApp (DESIGN §2). */
    smsConsent: integer('sms_consent', { mode: 'boolean' }).notNull().default(false),
    /**
     * Set by an inbound opt-out word: the row's mark of the STOP, kept as it was. What binds is the
     * borrower's opt-out of the number in `text_opt_outs`, which no edit of a row can lift.
     */
    optedOutAt: text('opted_out_at'),
  },
  (t) => [index('phones_borrower_idx').on(t.borrowerId), index('phones_e164_idx').on(t.e164)],
);

/**
 * A borrower's opt-out of texting (SMS and WhatsApp) on one E.164 number, whatever phone row holds
 * it (`src-shared/domain/text-opt-outs.ts`): it stands until the borrower texts START from the
 * number or a person records their consent with its evidence; a restore is final, and a later STOP
 * is a new row. The relay refuses any push that would undo one (`src-shared/sync/row-rules.ts`).
 */
export const textOptOuts = sqliteTable(
  'text_opt_outs',
  {
    id: text('id').primaryKey(),
    borrowerId: text('borrower_id').notNull().references(() => borrowers.id),
    e164: text('e164').notNull(),
    optedOutAt: text('opted_out_at').notNull(),
    optOutVia: text('opt_out_via', { enum: TEXT_OPT_OUT_VIAS }).notNull(),
    optOutWord: text('opt_out_word'),
    optOutReference: text('opt_out_reference'),
    restoredAt: text('restored_at'),
    restoredVia: text('restored_via', { enum: TEXT_RESTORE_VIAS }),
    restoredBy: text('restored_by').references(() => users.id),
    restoredWord: text('restored_word'),
    restoredReference: text('restored_reference'),
    consentMethod: text('consent_method', { enum: TEXT_CONSENT_METHODS }),
    consentGivenOn: text('consent_given_on'),
  },
  (t) => [index('text_opt_outs_number_idx').on(t.borrowerId, t.e164)],
);

export const identities = sqliteTable('identities', {
  id: text('id').primaryKey(),
  borrowerId: text('borrower_id').notNull().references(() => borrowers.id),
  documentType: text('document_type', { enum: IDENTITY_DOCUMENT_TYPES }).notNull(),
  documentNumberMasked: text('document_number_masked').notNull(),
  issuingAuthority: text('issuing_authority'),
  issuedOn: text('issued_on'),
  expiresOn: text('expires_on'),
});

export const consents = sqliteTable('consents', {
  id: text('id').primaryKey(),
  borrowerId: text('borrower_id').notNull().references(() => borrowers.id),
  consentType: text('consent_type', { enum: CONSENT_TYPES }).notNull(),
  grantedAt: text('granted_at').notNull(),
  revokedAt: text('revoked_at'),
  ipAddress: text('ip_address'),
  userAgent: text('user_agent'),
});

export const businessDetails = sqliteTable('business_details', {
  borrowerId: text('borrower_id').primaryKey().references(() => borrowers.id),
  businessName: text('business_name').notNull(),
  einMasked: text('ein_masked'),
  entityType: text('entity_type', { enum: ['llc', 'corporation', 'sole_proprietorship', 'partnership', 'other'] }).notNull(),
  formedOn: text('formed_on'),
  stateOfFormation: text('state_of_formation'),
  industry: text('industry'),
  annualRevenueMinor: integer('annual_revenue_minor'),
  employees: integer('employees'),
});

export const legalRepresentatives = sqliteTable(
  'legal_representatives',
  {
    id: text('id').primaryKey(),
    borrowerId: text('borrower_id').notNull().references(() => borrowers.id),
    type: text('type', { enum: LEGAL_REPRESENTATIVE_TYPES }).notNull(),
    name: text('name').notNull(),
    firm: text('firm'),
    phoneE164: text('phone_e164'),
    email: text('email'),
    activeFrom: text('active_from').notNull(),
    activeTo: text('active_to'),
  },
  (t) => [index('legal_reps_borrower_idx').on(t.borrowerId)],
);

export const paymentInstruments = sqliteTable('payment_instruments', {
  id: text('id').primaryKey(),
  borrowerId: text('borrower_id').notNull().references(() => borrowers.id),
  instrumentType: text('instrument_type', { enum: ['bank_account', 'credit_card', 'debit_card'] }).notNull(),
  accountNumberMasked: text('account_number_masked').notNull(),
  routingNumber: text('routing_number'),
  isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
});

export const autopayPlans = sqliteTable('autopay_plans', {
  id: text('id').primaryKey(),
  borrowerId: text('borrower_id').notNull().references(() => borrowers.id),
  instrumentId: text('instrument_id').notNull().references(() => paymentInstruments.id),
  frequency: text('frequency', { enum: ['monthly', 'bi_weekly', 'weekly', 'quarterly'] }).notNull(),
  nextPaymentOn: text('next_payment_on'),
  amountType: text('amount_type', { enum: ['minimum_due', 'full_balance', 'fixed'] }).notNull(),
  fixedAmountMinor: integer('fixed_amount_minor'),
  isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
});

