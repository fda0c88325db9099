import type Database from 'better-sqlite3';

export type SqlValue = string | number | null;
export type InsertRow = (values: readonly SqlValue[]) => void;

/** Columns written by the seed, in the order each row array lists them. */
const TABLES = {
  users: ['id', 'name', 'email', 'role', 'password_hash', 'active', 'created_at'],
  products: ['code', 'name', 'kind', 'dunning_schedule_id'],
  borrowers: [
    'id', 'external_id', 'first_name', 'last_name', 'date_of_birth', 'ssn_last_four', 'employer', 'annual_income_minor',
    'annual_income_currency', 'language', 'communication_preferences', 'timezone', 'jurisdiction', 'do_not_contact',
    'vulnerable', 'hardship', 'metadata', 'created_at',
  ],
  phones: ['id', 'borrower_id', 'e164', 'label', 'type', 'is_primary', 'is_verified', 'is_active', 'sms_consent', 'opted_out_at'],
  text_opt_outs: ['id', 'borrower_id', 'e164', 'opted_out_at', 'opt_out_via', 'opt_out_word', 'opt_out_reference'],
  emails: ['id', 'borrower_id', 'email', 'label', 'is_primary', 'is_verified', 'is_active', 'opted_out'],
  addresses: ['id', 'borrower_id', 'label', 'line1', 'line2', 'city', 'state', 'postal_code', 'country', 'is_primary'],
  identities: ['id', 'borrower_id', 'document_type', 'document_number_masked', 'issuing_authority', 'issued_on', 'expires_on'],
  consents: ['id', 'borrower_id', 'consent_type', 'granted_at', 'revoked_at', 'ip_address', 'user_agent'],
  business_details: ['borrower_id', 'business_name', 'ein_masked', 'entity_type', 'formed_on', 'state_of_formation', 'industry', 'annual_revenue_minor', 'employees'],
  legal_representatives: ['id', 'borrower_id', 'type', 'name', 'firm', 'phone_e164', 'email', 'active_from', 'active_to'],
  payment_instruments: ['id', 'borrower_id', 'instrument_type', 'account_number_masked', 'routing_number', 'is_default'],
  autopay_plans: ['id', 'borrower_id', 'instrument_id', 'frequency', 'next_payment_on', 'amount_type', 'fixed_amount_minor', 'is_active'],
  loans: ['id', 'account_number', 'borrower_id', 'product_code', 'currency', 'principal_minor', 'interest_rate_pct', 'originated_on', 'sub_status', 'risk_grade', 'risk_status', 'status'],
  loan_parties: ['id', 'loan_id', 'borrower_id', 'role', 'liability', 'guarantee_limit_minor'],
  installments: ['loan_id', 'seq', 'due_on', 'principal_due_minor', 'interest_due_minor', 'fees_due_minor'],
  payments: ['loan_id', 'paid_on', 'amount_minor', 'reference', 'source'],
  contact_attempts: ['id', 'borrower_id', 'loan_id', 'channel', 'direction', 'outcome', 'at', 'source', 'blocked', 'blocked_reasons'],
  strategies: ['id', 'loan_id', 'strategy_type', 'priority_level', 'contact_frequency', 'next_contact_on', 'assigned_to', 'created_at'],
  compliance_rules: ['jurisdiction', 'preset', 'hours_start', 'hours_end', 'daily_cap', 'weekly_cap', 'cooling_off_minutes', 'counted_channels', 'is_active'],
  sla_configs: ['stage', 'first_contact_hours', 'follow_up_hours'],
  queues: ['id', 'name', 'priority', 'default_collector_id', 'is_active'],
  queue_rules: ['id', 'queue_id', 'dpd_min', 'dpd_max', 'balance_min_minor', 'balance_max_minor', 'product_code', 'risk_grade'],
  queue_members: ['queue_id', 'user_id', 'position'],
  collection_agencies: ['id', 'name', 'commission_type', 'commission_rate', 'phone_e164', 'email', 'address', 'is_active'],
  dunning_schedules: ['id', 'name', 'is_default'],
  dunning_steps: ['id', 'schedule_id', 'dpd_trigger', 'channel', 'template_name', 'suppress_during', 'escalate'],
  pre_delinquency_rules: ['id', 'days_before', 'action', 'channel', 'template_name', 'is_active'],
} as const;

export type SeedTable = keyof typeof TABLES;
export type Inserts = Record<SeedTable, InsertRow> & {
  /** Writes every buffered and staged row into its table; call once, after the last row. */
  finish(): void;
};

/**
 * The high-volume tables no trigger reads. Their rows are buffered, written 64 at a time by one
 * multi-row INSERT into a plain temp table, and copied into the real table in primary-key order at the
 * end, so the random-hash primary keys are appended to the index instead of inserted all over it
 * (rowids then follow id order: still the same on every run).
 */
export const STAGED_TABLES: ReadonlySet<SeedTable> = new Set([
  'installments', 'payments', 'consents', 'contact_attempts', 'addresses', 'emails', 'identities', 'payment_instruments', 'loan_parties',
]);
const BATCH_ROWS = 64;
/** The primary key each staged table is copied in; `id` unless the table is keyed otherwise. */
const COPY_ORDER: Partial<Record<SeedTable, string>> = { installments: 'loan_id, seq', payments: 'loan_id, reference' };

function insertSql(table: string, columns: readonly string[], rows: number): string {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`;
}

/** Positional INSERTs for every table (rows are arrays in the column order above); call inside the seeding transaction. */
export function prepareInserts(sqlite: Database.Database): Inserts {
  const inserts = {} as Record<SeedTable, InsertRow>;
  const finishers: (() => void)[] = [];
  for (const [table, columns] of Object.entries(TABLES) as [SeedTable, readonly string[]][]) {
    const check = (values: readonly SqlValue[]): void => {
      if (values.length !== columns.length) throw new RangeError(`${table}: ${values.length} values for ${columns.length} columns`);
    };
    if (!STAGED_TABLES.has(table)) {
      const single = sqlite.prepare(insertSql(table, columns, 1));
      inserts[table] = (values) => {
        check(values);
        single.run(values);
      };
      continue;
    }
    const stage = `temp.seed_stage_${table}`;
    sqlite.exec(`CREATE TABLE ${stage} (${columns.join(', ')})`);
    const single = sqlite.prepare(insertSql(stage, columns, 1));
    const batch = sqlite.prepare(insertSql(stage, columns, BATCH_ROWS));
    const full = BATCH_ROWS * columns.length;
    let buffer: SqlValue[] = [];
    inserts[table] = (values) => {
      check(values);
      for (const value of values) buffer.push(value);
      if (buffer.length === full) {
        batch.run(buffer);
        buffer = [];
      }
    };
    finishers.push(() => {
      for (let offset = 0; offset < buffer.length; offset += columns.length) single.run(buffer.slice(offset, offset + columns.length));
      buffer = [];
      const list = columns.join(', ');
      sqlite.exec(`INSERT INTO ${table} (${list}) SELECT ${list} FROM ${stage} ORDER BY ${COPY_ORDER[table] ?? 'id'}`);
      sqlite.exec(`DROP TABLE ${stage}`);
    });
  }
  return Object.assign(inserts, { finish: () => finishers.forEach((finish) => finish()) });
}
