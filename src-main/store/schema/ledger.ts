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
    /** The relay-registered signing key of the user who ran it (`user_credentials`); null for the engine host's system commands. */
    keyId: text('key_id'),
    /** That user's Ed25519 signature of the command as pushed (`src-shared/sync/command-signature.ts`), base64url. */
    signature: text('signature'),
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

/**
 * Each user's signing key on this desktop (DESIGN §3, Trust): made at the user's first online
 * sign-in, its public half registered with the relay, its private half sealed under a key derived
 * from the user's password, so only that user can unlock it, on this desktop, also offline.
 */
export const userCredentials = sqliteTable('user_credentials', {
  userId: text('user_id').primaryKey(),
  /** The id the relay gave the public key. */
  keyId: text('key_id').notNull(),
  /** The relay the key is registered with. */
  relayUrl: text('relay_url').notNull(),
  /** Ed25519 public key, SPKI DER as base64url. */
  publicKey: text('public_key').notNull(),
  /** `{ kdf, salt, iv, tag, data }` JSON: the PKCS#8 private key under AES-256-GCM with a scrypt key of the password. */
  sealedPrivateKey: text('sealed_private_key').notNull(),
  /** The user's name and role as the relay last said at sign-in, for an offline sign-in. */
  profile: text('profile', { mode: 'json' }).$type<{ name: string; email: string; role: string }>().notNull(),
  createdAt: text('created_at').notNull(),
});

/**
 * Pulled rows this desktop could not write (a foreign key, a constraint of this build's schema):
 * kept aside with the reason, shown under the sync indicator, and tried again on every sync, so
 * one bad row never stops the rest (DESIGN §3, Trust).
 */
export const syncSetAside = sqliteTable(
  'sync_set_aside',
  {
    tbl: text('tbl').notNull(),
    key: text('key').notNull(),
    version: integer('version').notNull(),
    /** The ledger's row image as pulled (JSON); a tombstone keeps its last data. */
    image: text('image').notNull(),
    reason: text('reason').notNull(),
    setAsideAt: text('set_aside_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tbl, t.key] })],
);
