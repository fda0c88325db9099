import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The append-only audit log. Each row's `hash` covers its content and the previous row's hash,
 * so any edit or deletion breaks the chain. Triggers in the migration refuse UPDATE and DELETE.
 */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    type: text('type').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    actorId: text('actor_id').notNull(),
    at: text('at').notNull(),
    payload: text('payload').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_entity_idx').on(t.entityType, t.entityId)],
);

/** Commands written locally and waiting to be pushed to the relay (DESIGN §3). */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    clientId: text('client_id').notNull(),
    seq: integer('seq').notNull(),
    name: text('name').notNull(),
    args: text('args').notNull(),
    actorId: text('actor_id').notNull(),
    createdAt: text('created_at').notNull(),
    state: text('state', { enum: ['pending', 'applied', 'rejected'] }).notNull().default('pending'),
    rejection: text('rejection'),
    /** The rows the command wrote, as JSON row images (`RowChange[]`), pushed with it. */
    changes: text('changes'),
    /** The ledger version the relay gave the command when it applied it. */
    serverVersion: integer('server_version'),
  },
  (t) => [uniqueIndex('outbox_client_seq_idx').on(t.clientId, t.seq), index('outbox_state_idx').on(t.state, t.seq)],
);

/** Small key-value facts about this store: its client id, the last daily run date, sync cursor. */
export const appMeta = sqliteTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Daily portfolio snapshots (seed 003) for trends and KPIs. */
export const dashboardSnapshots = sqliteTable('dashboard_snapshots', {
  snapshotOn: text('snapshot_on').primaryKey(),
  openCases: integer('open_cases').notNull(),
  accountsInArrears: integer('accounts_in_arrears').notNull(),
  amountInArrearsMinor: integer('amount_in_arrears_minor').notNull(),
  /** Counts and balances per bucket and stage, amounts per currency. */
  breakdown: text('breakdown', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
});

/**
 * Rows a running command has written, named by table and key: capture triggers on every synced
 * table fill it while `sync_capture.capturing` is 1 (only inside `runCommand`), and the command
 * drains it into its outbox row.
 */
export const syncPending = sqliteTable(
  'sync_pending',
  {
    /** Write order, so a parent row written before its child is pushed and replayed before it. */
    seq: integer('seq').primaryKey(),
    tbl: text('tbl').notNull(),
    key: text('key').notNull(),
    /** The row as it stood before the command first touched it (JSON); null for a row the command created. */
    before: text('before'),
  },
  (t) => [uniqueIndex('sync_pending_row_idx').on(t.tbl, t.key)],
);

/** One row: whether writes are being captured now. A table, because SQLite triggers cannot see temp state. */
export const syncCapture = sqliteTable('sync_capture', {
  id: integer('id').primaryKey(),
  capturing: integer('capturing').notNull().default(0),
});

/** The ledger version of each synced row as last seen from the relay: the base a local change is made on. */
export const syncVersions = sqliteTable(
  'sync_versions',
  {
    tbl: text('tbl').notNull(),
    key: text('key').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tbl, t.key] })],
);
