import { Agent, request } from 'node:http';
import { sql } from 'drizzle-orm';
import twilio from 'twilio';
import type { RelayDatabase } from '../../src-relay/db/relay-database';
import { allRowsOf, borrowerRows, seedRows, type BorrowerRows } from '../../src-relay/test-support/ledger-fixtures';
import { percentile } from '../stats';
import { postgresCpu, postgresCpuSince } from './process-usage';
import { ledgerRows, withScratchRelay, type ScratchRelay } from './scratch-relay';

const AUTH_TOKEN = 'bench-auth-token-0123456789abcdef';
const PATH = '/api/twilio/webhook/sms';
/** Each message reports these in turn, as Twilio does for a delivered SMS. */
const STATUSES = ['sent', 'delivered'] as const;
const SEED_BATCH = 500;

const now = () => Number(process.hrtime.bigint()) / 1e6;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Borrowers with distinct ids: the fixture's keys are random and may, rarely, repeat. */
function distinctBorrowers(count: number): BorrowerRows[] {
  const byCase = new Map<string, BorrowerRows>();
  while (byCase.size < count) {
    const fixture = borrowerRows();
    byCase.set(fixture.ids.kase, fixture);
  }
  return [...byCase.values()];
}

/** One callback's form body and its X-Twilio-Signature, prepared before the clock starts. */
interface Callback {
  body: string;
  signature: string;
}

/** A status callback as Twilio posts it (the fields it sends for an SMS), signed for the relay's URL. */
function statusCallback(url: string, fixture: BorrowerRows, status: string): Callback {
  const params = {
    AccountSid: 'AC0123456789abcdef0123456789abcdef', ApiVersion: '2010-04-01', From: '+18685550100', To: fixture.e164,
    MessageSid: fixture.sids.message, MessageStatus: status, SmsSid: fixture.sids.message, SmsStatus: status,
  };
  return { body: new URLSearchParams(params).toString(), signature: twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params) };
}

function post(agent: Agent, url: string, callback: Callback): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = request(url, {
      method: 'POST', agent,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': callback.signature, 'content-length': Buffer.byteLength(callback.body) },
    }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    sent.on('error', reject);
    sent.end(callback.body);
  });
}

/** Samples the ledger's sessions: how many run a query, and how many of those wait for a lock. */
function sessionSampler(ledger: RelayDatabase, everyMs: number) {
  let samples = 0;
  let active = 0;
  let waitingOnLock = 0;
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      const [row] = await ledgerRows<{ active: string; waiting: string }>(ledger, sql`
        SELECT count(*) FILTER (WHERE state = 'active') AS active, count(*) FILTER (WHERE wait_event_type = 'Lock') AS waiting
        FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`);
      samples += 1;
      active += Number(row!.active);
      waitingOnLock += Number(row!.waiting);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return async () => {
    stopped = true;
    await done;
    return { activeAvg: round2(active / Math.max(1, samples)), waitingOnLockAvg: round2(waitingOnLock / Math.max(1, samples)) };
  };
}

/**
 * The relay answers a callback once it is stored and applies it to the ledger in a batch right
 * after: resolves with the milliseconds until no stored callback waits to be applied.
 */
async function untilApplied(ledger: RelayDatabase): Promise<number> {
  const started = now();
  for (;;) {
    const [row] = await ledgerRows<{ waiting: boolean }>(ledger, sql`SELECT EXISTS (SELECT 1 FROM twilio_events WHERE checked_at IS NULL) AS waiting`);
    if (!row!.waiting) return now() - started;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/**
 * Posts `callbacks` with `concurrency` in flight until all were answered or `seconds` passed.
 * Latency is from sending a request to its answer, at the client; CPU is per answered callback
 * and includes applying it. `appliedPerSecond` counts until the last answered callback was in
 * the ledger.
 */
async function fire(scratch: ScratchRelay, url: string, callbacks: readonly Callback[], options: { concurrency: number; seconds: number }) {
  const { relay, ledger } = scratch;
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  const failures = new Map<number, number>();
  const relayCpu = relay.usage().cpuSeconds;
  const postgres = postgresCpu();
  const client = process.cpuUsage();
  const sessions = sessionSampler(ledger, 50);
  const started = now();
  const deadline = started + options.seconds * 1000;
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (next < callbacks.length && now() < deadline) {
          const callback = callbacks[next++]!;
          const sent = now();
          const status = await post(agent, url, callback);
          latencies.push(now() - sent);
          if (status !== 204) failures.set(status, (failures.get(status) ?? 0) + 1);
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  const seconds = (now() - started) / 1000;
  const applyLagMs = await untilApplied(ledger);
  const appliedSeconds = (now() - started) / 1000;
  const cpuMs = (cpuSeconds: number) => round2((cpuSeconds * 1000) / latencies.length);
  const clientCpu = process.cpuUsage(client);
  const cpuMsPerCallback = { relay: cpuMs(relay.usage().cpuSeconds - relayCpu), postgres: cpuMs(postgresCpuSince(postgres)), benchClient: cpuMs((clientCpu.user + clientCpu.system) / 1e6) };
  return {
    concurrency: options.concurrency,
    callbacks: latencies.length,
    failures: Object.fromEntries(failures),
    seconds: round2(seconds),
    callbacksPerSecond: Math.round(latencies.length / seconds),
    appliedPerSecond: Math.round(latencies.length / appliedSeconds),
    applyLagAfterLastAnswerMs: round2(applyLagMs),
    latencyMs: { p50: round2(percentile(latencies, 50)), p95: round2(percentile(latencies, 95)), p99: round2(percentile(latencies, 99)), max: round2(Math.max(...latencies)) },
    cpuMsPerCallback,
    postgresSessions: await sessions(),
  };
}

/** Callbacks sent, unmeasured, before the measured ones, so the relay's code is compiled and its pool open. */
const WARM_UP = 300;

/**
 * Signed SMS status callbacks into a relay process on Postgres whose ledger holds the messages
 * and recovery actions they report on: after a warm-up, first `sequential` callbacks one at a time
 * (the cost of one callback on an idle relay), then up to `callbacks` more with `concurrency` in
 * flight for at most `seconds`. The relay answers once a callback is stored, so each step also
 * waits until every callback is applied to the ledger, and the report counts the events applied
 * and the messages that ended delivered.
 */
export async function benchWebhooks(options: { sequential: number; callbacks: number; seconds: number; concurrency: number }, progress: (message: string) => void) {
  return withScratchRelay({ devices: [], twilioAuthToken: AUTH_TOKEN }, async (scratch) => {
    const messages = Math.ceil((WARM_UP + options.sequential + options.callbacks) / STATUSES.length);
    progress(`webhooks: seeding ${messages} messages`);
    const fixtures = distinctBorrowers(messages);
    for (let start = 0; start < fixtures.length; start += SEED_BATCH) await seedRows(scratch.ledger.db, fixtures.slice(start, start + SEED_BATCH).flatMap(allRowsOf));
    const url = `${scratch.relay.url}${PATH}`;
    const callbacks = fixtures.flatMap((fixture) => STATUSES.map((status) => statusCallback(url, fixture, status)));
    await fire(scratch, url, callbacks.splice(0, WARM_UP), { concurrency: 4, seconds: options.seconds });

    progress(`webhooks: ${options.sequential} callbacks one at a time`);
    const sequential = await fire(scratch, url, callbacks.slice(0, options.sequential), { concurrency: 1, seconds: options.seconds });
    progress(`webhooks: up to ${options.callbacks} callbacks, ${options.concurrency} in flight`);
    const concurrent = await fire(scratch, url, callbacks.slice(options.sequential, options.sequential + options.callbacks), { concurrency: options.concurrency, seconds: options.seconds });
    const [stored] = await ledgerRows<{ events: string; applied: string }>(scratch.ledger, sql`SELECT count(*) AS events, count(applied_at) AS applied FROM twilio_events`);
    const [delivered] = await ledgerRows<{ messages: string }>(scratch.ledger, sql`SELECT count(*) AS messages FROM ledger_rows WHERE tbl = 'messages' AND data->>'status' = 'delivered'`);
    return {
      ledgerMessages: fixtures.length,
      eventsStored: Number(stored!.events),
      eventsApplied: Number(stored!.applied),
      messagesDelivered: Number(delivered!.messages),
      sequential,
      concurrent,
      relayPeakRssMiB: scratch.relay.usage().peakRssMiB,
    };
  });
}
