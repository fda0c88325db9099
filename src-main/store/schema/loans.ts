import { foreignKey, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { BUCKETS, LIABILITY_TYPES, LOAN_PARTY_ROLES, PRODUCT_KINDS, SUB_STATUSES } from '../../../src-shared/domain/vocabulary';
import { borrowers } from './people';

/** Lending programs (seed 002): a product code, its kind, and the dunning schedule it follows. */
export const products = sqliteTable('products', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: PRODUCT_KINDS }).notNull(),
  dunningScheduleId: text('dunning_schedule_id'),
});

/** A product has no late fee until a schedule is configured for it (DESIGN §2). */
export const feeSchedules = sqliteTable('fee_schedules', {
  id: text('id').primaryKey(),
  productCode: text('product_code').notNull().references(() => products.code),
  currency: text('currency').notNull(),
  graceDays: integer('grace_days').notNull().default(0),
  flatFeeMinor: integer('flat_fee_minor').notNull().default(0),
  /** Percent of the installment's amount due, in basis points. */
  percentBps: integer('percent_bps').notNull().default(0),
  maxFeeMinor: integer('max_fee_minor'),
});

export const loans = sqliteTable(
  'loans',
  {
    id: text('id').primaryKey(),
    accountNumber: text('account_number').notNull().unique(),
    borrowerId: text('borrower_id').notNull().references(() => borrowers.id),
    productCode: text('product_code').notNull().references(() => products.code),
    currency: text('currency').notNull(),
    principalMinor: integer('principal_minor').notNull(),
    /** Annual rate as the exact decimal text of the tape, e.g. "12.5". */
    interestRatePct: text('interest_rate_pct').notNull(),
    originatedOn: text('originated_on').notNull(),
    subStatus: text('sub_status', { enum: SUB_STATUSES }),
    riskGrade: text('risk_grade'),
    riskStatus: text('risk_status', { enum: ['BREACH'] }),
    status: text('status', { enum: ['active', 'paid_off', 'settled', 'written_off'] }).notNull().default('active'),
    isNonAccrual: integer('is_non_accrual', { mode: 'boolean' }).notNull().default(false),
    /** Derived by the daily run, as of `app_meta.last_daily_run`. */
    dpd: integer('dpd').notNull().default(0),
    amountPastDueMinor: integer('amount_past_due_minor').notNull().default(0),
    balanceMinor: integer('balance_minor').notNull().default(0),
    bucket: text('bucket', { enum: BUCKETS }).notNull().default('current'),
    enteredDelinquencyOn: text('entered_delinquency_on'),
  },
  (t) => [index('loans_borrower_idx').on(t.borrowerId), index('loans_bucket_idx').on(t.bucket)],
);

export const loanParties = sqliteTable(
  'loan_parties',
  {
    id: text('id').primaryKey(),
    loanId: text('loan_id').notNull().references(() => loans.id),
    borrowerId: text('borrower_id').notNull().references(() => borrowers.id),
    role: text('role', { enum: LOAN_PARTY_ROLES }).notNull(),
    liability: text('liability', { enum: LIABILITY_TYPES }).notNull(),
    guaranteeLimitMinor: integer('guarantee_limit_minor'),
  },
  (t) => [index('loan_parties_loan_idx').on(t.loanId), index('loan_parties_borrower_idx').on(t.borrowerId)],
);

/**
 * Installments and payments are keyed by loan and stored WITHOUT ROWID (migration 0002), so each
 * loan's rows sit together on disk: the daily run reads a range of loans sequentially.
 */
export const installments = sqliteTable(
  'installments',
  {
    loanId: text('loan_id').notNull().references(() => loans.id),
    seq: integer('seq').notNull(),
    dueOn: text('due_on').notNull(),
    principalDueMinor: integer('principal_due_minor').notNull(),
    interestDueMinor: integer('interest_due_minor').notNull(),
    feesDueMinor: integer('fees_due_minor').notNull(),
  },
  (t) => [primaryKey({ columns: [t.loanId, t.seq] })],
);

export const payments = sqliteTable(
  'payments',
  {
    loanId: text('loan_id').notNull().references(() => loans.id),
    paidOn: text('paid_on').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    reference: text('reference').notNull(),
    source: text('source', { enum: ['tape', 'feed', 'manual', 'settlement'] }).notNull().default('tape'),
  },
  (t) => [primaryKey({ columns: [t.loanId, t.reference] }), index('payments_paid_on_idx').on(t.paidOn)],
);

/** Late fees assessed by a fee schedule: separate records, once per installment. */
export const feeRecords = sqliteTable(
  'fee_records',
  {
    id: text('id').primaryKey(),
    loanId: text('loan_id').notNull().references(() => loans.id),
    installmentSeq: integer('installment_seq').notNull(),
    kind: text('kind', { enum: ['late_fee'] }).notNull(),
    amountMinor: integer('amount_minor').notNull(),
    assessedOn: text('assessed_on').notNull(),
  },
  (t) => [
    uniqueIndex('fee_records_installment_kind_idx').on(t.loanId, t.installmentSeq, t.kind),
    foreignKey({ columns: [t.loanId, t.installmentSeq], foreignColumns: [installments.loanId, installments.seq] }),
  ],
);

/** General-ledger entries: non-accrual reversals and settlement write-offs. */
export const glEntries = sqliteTable(
  'gl_entries',
  {
    id: text('id').primaryKey(),
    loanId: text('loan_id').notNull().references(() => loans.id),
    postedOn: text('posted_on').notNull(),
    debitAccount: text('debit_account').notNull(),
    creditAccount: text('credit_account').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    memo: text('memo').notNull(),
  },
  (t) => [index('gl_entries_loan_idx').on(t.loanId)],
);
