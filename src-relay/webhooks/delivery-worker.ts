import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { RelayDb } from '../db/relay-database';
import { log } from '../log';
import { claimDueDeliveries, msUntilNextDue, settleAttempt, type ClaimedDelivery } from './delivery-store';
import { systemResolver, type ResolveHost } from './receiver-address';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-schedule';
import { sendDelivery } from './send-delivery';

export interface WebhookWorkerOptions extends RetryPolicy {
  /**
   * The longest the worker sleeps. It is woken by every ledger change (which is when events are
   * made) and times itself to the next retry, so this only bounds how late it sees what another
   * process queued without a ledger change: a replay from the CLI.
   */
  pollIntervalMs: number;
  /** Deliveries claimed and sent together. */
  batchSize: number;
  /** A receiver that has not answered by then counts as failed for this attempt. */
  requestTimeoutMs: number;
  /** How receivers' names are resolved before each send; tests answer for DNS. */
  resolveHost: ResolveHost;
}

export const DEFAULT_WORKER_OPTIONS: WebhookWorkerOptions = { ...DEFAULT_RETRY_POLICY, pollIntervalMs: 5_000, batchSize: 20, requestTimeoutMs: 10_000, resolveHost: systemResolver };

/** Time to record an attempt after its request timed out, before another relay may take the delivery. */
const LEASE_MARGIN_MS = 60_000;

export interface DeliveryWorker {
  /** Looks for due deliveries now (a ledger change may have queued some). */
  wake(): void;
  /** Stops taking deliveries, cuts off requests in flight (they are retried later) and waits for them to be recorded. */
  stop(): Promise<void>;
}

/**
 * Sends due webhook deliveries, one worker per relay process. Relays sharing a Postgres each run
 * one; the claim (`delivery-store.ts`) keeps them from sending one delivery at the same time.
 */
export function startDeliveryWorker(db: RelayDb, options: WebhookWorkerOptions): DeliveryWorker {
  const worker = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const stopping = new AbortController();
  const leaseMs = options.requestTimeoutMs + LEASE_MARGIN_MS;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let wokenWhileRunning = false;

  const deliver = async (claimed: ClaimedDelivery) => {
    const outcome = await sendDelivery(claimed, { timeoutMs: options.requestTimeoutMs, stopping: stopping.signal, resolveHost: options.resolveHost });
    const status = await settleAttempt(db, claimed, outcome, { worker, policy: options });
    const fields = { worker, deliveryId: claimed.deliveryId, eventId: claimed.eventId, subscriptionId: claimed.subscriptionId, attempt: claimed.attempt, httpStatus: outcome.httpStatus, error: outcome.error, status };
    if (status === 'failed') log.warn('webhook delivery failed for good', fields);
    else if (outcome.delivered) log.info('webhook delivered', fields);
    else log.info('webhook attempt failed', fields);
  };

  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (!stopping.signal.aborted) timer = setTimeout(wake, ms).unref();
  };

  const tick = async () => {
    try {
      for (;;) {
        const claimed = await claimDueDeliveries(db, options.batchSize, leaseMs);
        // Every send is settled before the tick ends, even when one fails: stop() waits on the tick.
        const failure = (await Promise.allSettled(claimed.map(deliver))).find((result) => result.status === 'rejected');
        if (failure) throw failure.reason;
        if (claimed.length < options.batchSize || stopping.signal.aborted) break;
      }
      const next = await msUntilNextDue(db);
      schedule(Math.min(options.pollIntervalMs, next ?? Infinity));
    } catch (error) {
      if (!stopping.signal.aborted) log.warn('webhook worker could not reach the database', { error: error instanceof Error ? error.message : String(error) });
      schedule(options.pollIntervalMs);
    }
  };

  function wake(): void {
    if (stopping.signal.aborted) return;
    if (running) {
      wokenWhileRunning = true;
      return;
    }
    clearTimeout(timer);
    running = tick().finally(() => {
      running = null;
      if (wokenWhileRunning) {
        wokenWhileRunning = false;
        wake();
      }
    });
  }

  wake();
  return {
    wake,
    async stop() {
      stopping.abort();
      clearTimeout(timer);
      await running;
    },
  };
}
