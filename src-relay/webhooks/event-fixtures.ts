import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { outboundEvents, webhookAttempts, webhookDeliveries } from '../db/schema';
import type { RelayDb } from '../db/relay-database';
import type { LedgerRowInput } from '../ledger/ledger-row';

import type { WebhookWorkerOptions } from './delivery-worker';

type Data = Record<string, unknown>;

/** Retries within tens of milliseconds, four attempts a round. */
export const TEST_WORKER: Partial<WebhookWorkerOptions> = { pollIntervalMs: 100, baseDelayMs: 40, maxDelayMs: 200, maxAttempts: 4, requestTimeoutMs: 2000 };

/** A public unicast address for fake DNS answers (no test connects to it). */
export const PUBLIC_ADDRESS = '93.184.215.14';

export const uniqueKey = () => randomBytes(5).toString('hex');

/** A ledger row as a desktop pushes it, in everyone's partition. */
export const ledgerRow = (tbl: string, data: Data): LedgerRowInput => ({ tbl, id: String(data.id), partition: '*', data });

export const caseData = (id: string, changes: Data = {}): Data => ({
  id, loan_id: `loan-${id}`, account_number: `ACC-${id}`, borrower_name: 'Ana Rivera', currency: 'USD', status: 'open', close_reason: null, stage: 'early_1_30',
  bucket: 'dpd_1_29', dpd: 12, amount_past_due_minor: 40000, balance_minor: 900000, opened_on: '2026-11-09', closed_on: null, ...changes,
});

export const promiseData = (id: string, changes: Data = {}): Data => ({
  id, case_id: 'c1', loan_id: 'l1', created_on: '2026-11-01', due_on: '2026-11-15', amount_minor: 50000, grace_days: 3, status: 'pending', status_changed_on: null, ...changes,
});

export const offerData = (id: string, changes: Data = {}): Data => ({
  id, case_id: 'c1', type: 'short_plan_3', status: 'offered', balance_minor: 900000, amount_minor: 900000, discount_pct: 0, installments: 3, requires_approval: 0,
  history: '[]', expires_on: '2026-12-01', ...changes,
});

export const attemptData = (id: string, changes: Data = {}): Data => ({
  id, borrower_id: 'b1', loan_id: 'l1', channel: 'voice', direction: 'outbound', outcome: 'attempt', at: '2026-11-21T15:00:00.000Z', source: 'activity',
  blocked: 1, blocked_reasons: '["do_not_contact"]', ...changes,
});

export function eventsOfRow(db: RelayDb, rowId: string) {
  return db.select().from(outboundEvents).where(eq(outboundEvents.rowId, rowId)).orderBy(outboundEvents.ledgerVersion, outboundEvents.type);
}

export async function deliveryOf(db: RelayDb, eventId: string, subscriptionId: string) {
  const deliveries = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId));
  return deliveries.find((delivery) => delivery.subscriptionId === subscriptionId) ?? null;
}

export function attemptsOf(db: RelayDb, deliveryId: string) {
  return db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, deliveryId)).orderBy(webhookAttempts.id);
}
