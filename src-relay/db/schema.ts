import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** One desktop SQLite row as JSON, keyed by its snake_case column names. */
export type LedgerData = Record<string, unknown>;

/**
 * The central ledger: every synced row of every table, server-authoritative. `version` is unique
 * and increases in commit order (see `ledger/ledger-clock.ts`), so a reader paging by version
 * never skips a row. `partition` says who may pull the row; `'*'` is everyone.
 */
export const ledgerRows = pgTable(
  'ledger_rows',
  {
    tbl: text('tbl').notNull(),
    id: text('id').notNull(),
    partition: text('partition').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
    deleted: boolean('deleted').notNull().default(false),
    data: jsonb('data').$type<LedgerData>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tbl, t.id] }),
    uniqueIndex('ledger_rows_version_idx').on(t.version),
    index('ledger_rows_partition_version_idx').on(t.partition, t.version),
    // The relay finds rows by a JSON field only for these lookups (Twilio callbacks, the IVR);
    // partial indexes keep them off every other table's rows. Queries must spell the same
    // expression with literal table and field names (`ledger/ledger-lookups.ts`).
    index('ledger_messages_twilio_sid_idx').on(sql`(${t.data}->>'twilio_sid')`).where(sql`${t.tbl} = 'messages'`),
    index('ledger_actions_message_sid_idx').on(sql`(${t.data}->>'twilio_message_sid')`).where(sql`${t.tbl} = 'recovery_actions'`),
    index('ledger_actions_call_sid_idx').on(sql`(${t.data}->>'twilio_call_sid')`).where(sql`${t.tbl} = 'recovery_actions'`),
    index('ledger_actions_case_idx').on(sql`(${t.data}->>'case_id')`).where(sql`${t.tbl} = 'recovery_actions'`),
    index('ledger_phones_e164_idx').on(sql`(${t.data}->>'e164')`).where(sql`${t.tbl} = 'phones'`),
    index('ledger_loans_borrower_idx').on(sql`(${t.data}->>'borrower_id')`).where(sql`${t.tbl} = 'loans'`),
    index('ledger_cases_loan_idx').on(sql`(${t.data}->>'loan_id')`).where(sql`${t.tbl} = 'cases'`),
  ],
);

/**
 * The one-row version counter. Every writing transaction bumps it first and holds its row lock
 * until commit, so versions are handed out in commit order across every relay on the database.
 */
export const ledgerClock = pgTable(
  'ledger_clock',
  {
    id: smallint('id').primaryKey().default(1),
    version: bigint('version', { mode: 'number' }).notNull().default(0),
  },
  (t) => [check('ledger_clock_single_row', sql`${t.id} = 1`)],
);

export const TWILIO_EVENT_KINDS = ['message_status', 'call_status', 'inbound_message', 'voice_gather'] as const;

/**
 * Every verified Twilio callback, once. `key` makes a replay a no-op; `subject` is the ledger value
 * the event waits for when its row has not been pushed yet (a SID, or the sender's E.164 for an
 * inbound message); `applied_at` stays null until the event found its row. The webhook answers
 * once the event is stored; `checked_at` stays null until a relay's applier has looked for its
 * row (`twilio/twilio-applier.ts`), so the unchecked events are the applier's queue.
 */
export const twilioEvents = pgTable(
  'twilio_events',
  {
    key: text('key').primaryKey(),
    kind: text('kind', { enum: TWILIO_EVENT_KINDS }).notNull(),
    subject: text('subject').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    appliedAt: timestamp('applied_at', { withTimezone: true, mode: 'date' }),
    checkedAt: timestamp('checked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('twilio_events_subject_idx').on(t.subject, t.receivedAt),
    index('twilio_events_unchecked_idx').on(t.receivedAt, t.key).where(sql`${t.checkedAt} IS NULL`),
  ],
);

/** Desktops known to the relay; only the SHA-256 of a device's token is kept. */
export const devices = pgTable('devices', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  /** The regions this desk serves (`src-shared/sync/partitions.ts`); `*` is every region. */
  partitions: jsonb('partitions').$type<string[]>().notNull().default(['*']),
  /** The relay's engine host (DESIGN §3): the only device whose commands may run as the system actor. */
  engineHost: boolean('engine_host').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
});

/**
 * A user's command-signing key on one device (DESIGN §3, Trust), registered at an online sign-in
 * that proved the user's password against the ledger. A pushed command counts as that user's only
 * when this key signed it and it came from this device.
 */
export const userKeys = pgTable(
  'user_keys',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    deviceId: text('device_id')
      .notNull()
      .references(() => devices.id),
    /** Ed25519, SPKI DER as base64url. */
    publicKey: text('public_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('user_keys_device_public_key_idx').on(t.deviceId, t.publicKey), index('user_keys_user_idx').on(t.userId)],
);

/** Sessions the relay issued at sign-in, for requests a user (not only a device) must make; only the token's hash is kept. */
export const userSessions = pgTable(
  'user_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id').notNull(),
    deviceId: text('device_id')
      .notNull()
      .references(() => devices.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('user_sessions_user_idx').on(t.userId)],
);

/** Which device an outbox's client id belongs to: the first device to push or claim under it, for good. */
export const clientOwners = pgTable('client_owners', {
  clientId: text('client_id').primaryKey(),
  deviceId: text('device_id')
    .notNull()
    .references(() => devices.id),
  firstSeenAt: timestamp('first_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const SYNC_COMMAND_STATUSES = ['applied', 'rejected'] as const;

/**
 * Every command a desktop pushed, once per (client, seq): a client's commands are taken strictly in
 * sequence, and a repeated delivery answers the stored `result` (a `PushResult`) unchanged. A
 * rejection is kept with its reason, so the desktop can list it.
 */
export const syncCommands = pgTable(
  'sync_commands',
  {
    clientId: text('client_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    commandId: text('command_id').notNull(),
    name: text('name').notNull(),
    actorId: text('actor_id').notNull(),
    status: text('status', { enum: SYNC_COMMAND_STATUSES }).notNull(),
    reason: text('reason'),
    /** The ledger version once the command applied; null when rejected. */
    version: bigint('version', { mode: 'number' }),
    result: jsonb('result').$type<Record<string, unknown>>().notNull(),
    deviceId: text('device_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.seq] }), index('sync_commands_rejected_idx').on(t.clientId, t.seq).where(sql`${t.status} = 'rejected'`)],
);

/** Deterministic keys of automated contacts: the first client to claim one sends it, forever. */
export const contactClaims = pgTable('contact_claims', {
  key: text('key').primaryKey(),
  clientId: text('client_id').notNull(),
  deviceId: text('device_id').notNull(),
  claimedAt: timestamp('claimed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** One row of facts about the ledger itself; `bootstrapped` closes the bootstrap for good. */
export const ledgerMeta = pgTable(
  'ledger_meta',
  {
    id: smallint('id').primaryKey().default(1),
    bootstrapped: boolean('bootstrapped').notNull().default(false),
  },
  (t) => [check('ledger_meta_single_row', sql`${t.id} = 1`)],
);

export const WEBHOOK_EVENT_TYPES = ['delinquency.changed', 'case.opened', 'case.closed', 'promise.kept', 'promise.broken', 'settlement.accepted', 'contact.blocked'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * Events for lenders' systems, derived from ledger changes in the transaction that made them
 * (`webhooks/derive-events.ts`): a rolled-back write leaves none. The id is a hash of the ledger
 * version, row and type, so the same write cannot record an event twice.
 */
export const outboundEvents = pgTable(
  'outbound_events',
  {
    id: text('id').primaryKey(),
    type: text('type', { enum: WEBHOOK_EVENT_TYPES }).notNull(),
    tbl: text('tbl').notNull(),
    rowId: text('row_id').notNull(),
    ledgerVersion: bigint('ledger_version', { mode: 'number' }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('outbound_events_version_idx').on(t.ledgerVersion)],
);

/**
 * Where an admin asked events to go. The signing secret is stored as is, unlike device tokens:
 * an HMAC needs the secret itself, so it cannot be hashed, and encrypting it would need a key that
 * these same relay processes hold beside the database, guarding nothing that access to the
 * database (which holds every borrower's rows in `ledger_rows`) does not already guard.
 */
export const webhookSubscriptions = pgTable('webhook_subscriptions', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  eventTypes: jsonb('event_types').$type<WebhookEventType[]>().notNull(),
  secret: text('secret').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  removedAt: timestamp('removed_at', { withTimezone: true, mode: 'date' }),
});

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'cancelled'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * One event for one subscription. A worker claims a due delivery by pushing `next_attempt_at` a
 * lease ahead and stamping `lease_id`, so no other relay takes it while it is being sent; only the
 * holder of the lease may settle it. `attempts` counts this round (a replay starts a new one).
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => outboundEvents.id),
    subscriptionId: text('subscription_id')
      .notNull()
      .references(() => webhookSubscriptions.id),
    status: text('status', { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: smallint('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    leaseId: text('lease_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_subscription_idx').on(t.eventId, t.subscriptionId),
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('webhook_deliveries_subscription_idx').on(t.subscriptionId, t.status),
  ],
);

/** Every HTTP attempt of a delivery: its answer's status, or the network error that stood for one. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id),
    attempt: smallint('attempt').notNull(),
    /** The relay worker that made it (`host:pid:instance`), to find its lines in that relay's log. */
    worker: text('worker').notNull(),
    attemptedAt: timestamp('attempted_at', { withTimezone: true, mode: 'date' }).notNull(),
    httpStatus: smallint('http_status'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.attemptedAt)],
);
