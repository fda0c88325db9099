import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { count, inArray, isNull, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../tests-support/ports';
import { openRelayDatabase } from '../db/open-database';
import type { RelayDb } from '../db/relay-database';
import { ledgerRows, twilioEvents } from '../db/schema';
import { currentVersion } from '../ledger/ledger-clock';
import { startRelay, type RunningRelay } from '../start-relay';
import { allRowsOf, borrowerRows, readRow, seedRows, type BorrowerRows } from '../test-support/ledger-fixtures';
import { BACKENDS, scratchPostgres, type ScratchDatabase } from '../test-support/scratch-databases';
import { useScratchRelay } from '../test-support/scratch-relay';
import { postAsTwilio, TEST_AUTH_TOKEN } from '../test-support/twilio-requests';
import { storeTwilioEvents } from './twilio-event-store';

const SMS = '/api/twilio/webhook/sms';
const VOICE = '/api/twilio/webhook/voice';

/** Forward order of the statuses these tests drive (message rows and recovery actions share it). */
const RANK: Readonly<Record<string, number>> = { queued: 0, pending: 0, sent: 1, delivered: 2, undelivered: 2, failed: 2, responded: 3 };

interface Callback {
  path: string;
  params: Record<string, string>;
}

/** What Twilio reports for one borrower: a delivered text (with a duplicate and a late `sent`) or an undelivered one, and a call. */
function callbacksFor(borrower: BorrowerRows, index: number): Callback[] {
  const text = (MessageStatus: string, extra: Record<string, string> = {}) => ({ path: SMS, params: { MessageSid: borrower.sids.message, MessageStatus, ...extra } });
  const call = (CallStatus: string) => ({ path: VOICE, params: { CallSid: borrower.sids.call, CallStatus } });
  const texts = index % 2 === 0 ? [text('sent'), text('delivered'), text('read'), text('delivered'), text('sent')] : [text('sent'), text('undelivered', { ErrorCode: '30003' })];
  return [...texts, call('ringing'), call('in-progress'), call('no-answer')];
}

/** The statuses the borrower's rows must end with, whatever order the callbacks arrived in. */
function expectedEnd(index: number) {
  return index % 2 === 0 ? { message: 'delivered', smsAction: 'delivered' } : { message: 'undelivered', smsAction: 'undelivered' };
}

/** Posts every callback, `inFlight` at a time, in a shuffled order, spread over the relays given. */
async function fireAll(relays: readonly RunningRelay[], callbacks: readonly Callback[], inFlight: number): Promise<number[]> {
  const order = [...callbacks].sort(() => Math.random() - 0.5);
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < order.length) {
        const index = next++;
        const { path, params } = order[index]!;
        statuses.push((await postAsTwilio(relays[index % relays.length]!.url, path, params)).status);
      }
    }),
  );
  return statuses;
}

async function statusesOf(db: RelayDb, borrowers: readonly BorrowerRows[]) {
  const ids = borrowers.flatMap((borrower) => [borrower.ids.message, borrower.ids.smsAction, borrower.ids.callAction]);
  const rows = await db.select({ id: ledgerRows.id, data: ledgerRows.data }).from(ledgerRows).where(inArray(ledgerRows.id, ids));
  const status = new Map(rows.map((row) => [row.id, String(row.data.status)]));
  return borrowers.map((borrower) => ({ message: status.get(borrower.ids.message), smsAction: status.get(borrower.ids.smsAction), callAction: status.get(borrower.ids.callAction) }));
}

/** Reads the rows over and over while `work` runs, and fails if any status ever moved back. */
async function watchForwardOnly(db: RelayDb, borrowers: readonly BorrowerRows[], work: Promise<unknown>): Promise<number> {
  let done = false;
  void work.finally(() => (done = true));
  const last = new Map<string, number>();
  let looks = 0;
  while (!done) {
    const seen = await statusesOf(db, borrowers);
    seen.forEach((rows, index) => {
      for (const [name, status] of Object.entries(rows)) {
        const key = `${index}:${name}`;
        const rank = RANK[String(status)]!;
        expect(rank, `${key} went from rank ${last.get(key)} to ${status}`).toBeGreaterThanOrEqual(last.get(key) ?? 0);
        last.set(key, rank);
      }
    });
    looks += 1;
    // PGlite answers on microtasks alone: without a timer turn this loop would starve the server.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await work;
  return looks;
}

const storedCount = async (db: RelayDb) => Number((await db.select({ n: count() }).from(twilioEvents))[0]!.n);
const uncheckedCount = async (db: RelayDb) => Number((await db.select({ n: count() }).from(twilioEvents).where(isNull(twilioEvents.checkedAt)))[0]!.n);

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`not reached in ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(BACKENDS)('Twilio applier on $name', ({ scratch: backend }) => {
  const scratch = useScratchRelay(backend);
  const db = () => scratch.relay.database.db;

  it('applies a burst of concurrent callbacks for many SIDs, every status moving forward only', async () => {
    const borrowers = Array.from({ length: 30 }, () => borrowerRows());
    await seedRows(db(), borrowers.flatMap(allRowsOf));
    const callbacks = borrowers.flatMap(callbacksFor);
    const firing = fireAll([scratch.relay], callbacks, 16);
    const looks = await watchForwardOnly(db(), borrowers, firing);
    expect(await firing).toEqual(callbacks.map(() => 204));
    expect(looks).toBeGreaterThan(0);
    await scratch.relay.twilioApplier.settled();

    expect(await statusesOf(db(), borrowers)).toEqual(borrowers.map((_, index) => ({ ...expectedEnd(index), callAction: 'undelivered' })));
    const sids = borrowers.flatMap((borrower) => [borrower.sids.message, borrower.sids.call]);
    const events = (await db().select().from(twilioEvents)).filter((event) => sids.includes(event.subject));
    // A delivered text's second `delivered` and `sent` are replays; every other callback is stored once and applied.
    expect(events).toHaveLength(callbacks.length - borrowers.length);
    expect(events.filter((event) => event.appliedAt === null || event.checkedAt === null)).toEqual([]);
  });

  it('stores a callback posted several times at once only once and applies it once', async () => {
    const borrower = borrowerRows();
    await seedRows(db(), allRowsOf(borrower));
    const before = { events: await storedCount(db()), version: await currentVersion(db()) };
    const params = { MessageSid: borrower.sids.message, MessageStatus: 'delivered' };
    const answers = await Promise.all(Array.from({ length: 6 }, () => postAsTwilio(scratch.relay.url, SMS, params)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(204));
    await scratch.relay.twilioApplier.settled();
    expect(await storedCount(db())).toBe(before.events + 1);
    // The action and its message moved once each.
    expect(await currentVersion(db())).toBe(before.version + 2);
    expect((await readRow(db(), 'messages', borrower.ids.message))?.data.status).toBe('delivered');
  });
});

describe('Twilio events stored but not applied when the relay stopped, on PGlite', () => {
  let database: ScratchDatabase;
  let relay: RunningRelay | undefined;
  beforeAll(async () => {
    database = await BACKENDS[1].scratch();
  });
  afterAll(async () => {
    await relay?.close();
    await database?.drop();
  });

  it('are applied by the next relay as it starts', async () => {
    const borrowers = Array.from({ length: 5 }, () => borrowerRows());
    const ledger = await openRelayDatabase(database.target);
    await seedRows(ledger.db, borrowers.flatMap(allRowsOf));
    // What the webhook route stores before it answers, with no applier running.
    await storeTwilioEvents(
      ledger.db,
      borrowers.map((borrower) => ({ kind: 'message_status', sid: borrower.sids.message, status: 'delivered', errorCode: null })),
    );
    expect(await uncheckedCount(ledger.db)).toBe(5);
    await ledger.close();

    // No sweep timer within the test's time: only the start-up sweep can apply them.
    relay = await startRelay({ database: database.target, port: 0, twilioAuthToken: TEST_AUTH_TOKEN, twilioApplier: { sweepMs: 600_000 } });
    await eventually(async () => (await uncheckedCount(relay!.database.db)) === 0, 'the start-up sweep applied the stored events');
    expect((await statusesOf(relay.database.db, borrowers)).map((row) => row.message)).toEqual(Array(5).fill('delivered'));
  });
});

describe('Twilio applier with several relays on one Postgres', () => {
  let database: ScratchDatabase & { target: { url: string } };
  const running: RunningRelay[] = [];
  let clockHolder: pg.Client | null = null;

  /** Holds the ledger clock from outside any relay, as a long push would: no applier can take a batch. */
  async function holdClock(): Promise<() => Promise<void>> {
    const client = new pg.Client({ connectionString: database.target.url });
    await client.connect();
    clockHolder = client;
    await client.query('BEGIN');
    await client.query('SELECT version FROM ledger_clock FOR UPDATE');
    return async () => {
      await client.query('ROLLBACK');
      await client.end();
      clockHolder = null;
    };
  }

  beforeAll(async () => {
    database = await scratchPostgres();
  });
  afterEach(async () => {
    await clockHolder?.end();
    clockHolder = null;
    for (const relay of running.splice(0)) await relay.close();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('lets a replay during a pending batch change nothing', async () => {
    const relay = await startRelay({ database: database.target, port: 0, twilioAuthToken: TEST_AUTH_TOKEN });
    running.push(relay);
    const borrower = borrowerRows();
    await seedRows(relay.database.db, allRowsOf(borrower));
    const before = { events: await storedCount(relay.database.db), version: await currentVersion(relay.database.db) };
    const params = { MessageSid: borrower.sids.message, MessageStatus: 'undelivered', ErrorCode: '30003' };

    const release = await holdClock();
    expect((await postAsTwilio(relay.url, SMS, params)).status).toBe(204);
    expect((await postAsTwilio(relay.url, SMS, params)).status).toBe(204);
    // Both answered while the batch waits for the clock: one event, not applied yet.
    expect(await storedCount(relay.database.db)).toBe(before.events + 1);
    expect(await uncheckedCount(relay.database.db)).toBe(1);
    expect((await readRow(relay.database.db, 'messages', borrower.ids.message))?.data.status).toBe('queued');
    await release();

    await relay.twilioApplier.settled();
    expect(await currentVersion(relay.database.db)).toBe(before.version + 2);
    expect((await readRow(relay.database.db, 'recovery_actions', borrower.ids.smsAction))?.data).toMatchObject({ status: 'undelivered', error_code: '30003' });
    expect((await postAsTwilio(relay.url, SMS, params)).status).toBe(204);
    await relay.twilioApplier.settled();
    expect(await storedCount(relay.database.db)).toBe(before.events + 1);
    expect(await currentVersion(relay.database.db)).toBe(before.version + 2);
  });

  it('applies, at the next relay’s start, the callbacks a relay process stored and answered before it was killed', async () => {
    const seeder = await openRelayDatabase(database.target);
    const borrowers = Array.from({ length: 8 }, () => borrowerRows());
    await seedRows(seeder.db, borrowers.flatMap(allRowsOf));
    const unchecked = await uncheckedCount(seeder.db);

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-relay/main.ts'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DATABASE_URL: database.target.url, RELAY_PORT: String(port), RELAY_PUBLIC_URL: url, TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN, RECOURSE_LOG_LEVEL: 'error' },
    });
    const exited = once(child, 'exit');
    try {
      await eventually(async () => (await fetch(`${url}/healthz`).catch(() => null))?.ok === true, 'the relay process listening');
      const release = await holdClock();
      for (const borrower of borrowers) {
        expect((await postAsTwilio(url, SMS, { MessageSid: borrower.sids.message, MessageStatus: 'delivered' })).status).toBe(204);
      }
      child.kill('SIGKILL');
      await exited;
      await release();
    } finally {
      child.kill('SIGKILL');
    }
    // Acknowledged, so on disk, but never applied: its relay died waiting for the clock.
    expect(await uncheckedCount(seeder.db)).toBe(unchecked + borrowers.length);
    expect((await statusesOf(seeder.db, borrowers)).map((row) => row.message)).toEqual(Array(borrowers.length).fill('queued'));
    await seeder.close();

    const next = await startRelay({ database: database.target, port: 0, twilioAuthToken: TEST_AUTH_TOKEN, twilioApplier: { sweepMs: 600_000 } });
    running.push(next);
    await eventually(async () => (await uncheckedCount(next.database.db)) === 0, 'the start-up sweep applied the stored events');
    expect((await statusesOf(next.database.db, borrowers)).map((row) => row.message)).toEqual(Array(borrowers.length).fill('delivered'));
  });

  it('never applies an event twice while two relays apply concurrently', async () => {
    // Small batches, so the two appliers take many turns against each other.
    for (let i = 0; i < 2; i += 1) running.push(await startRelay({ database: database.target, port: 0, twilioAuthToken: TEST_AUTH_TOKEN, twilioApplier: { batchSize: 3 } }));
    const [a, b] = running as [RunningRelay, RunningRelay];
    // Every update of a stored event is logged: an applier settling an event already looked at is a second apply.
    for (const statement of [
      'CREATE TABLE event_settlements (key text NOT NULL, was_checked boolean NOT NULL)',
      `CREATE FUNCTION log_event_settlement() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN INSERT INTO event_settlements VALUES (OLD.key, OLD.checked_at IS NOT NULL); RETURN NEW; END $$`,
      'CREATE TRIGGER log_event_settlement AFTER UPDATE ON twilio_events FOR EACH ROW EXECUTE FUNCTION log_event_settlement()',
    ]) {
      await a.database.db.execute(sql.raw(statement));
    }
    const borrowers = Array.from({ length: 40 }, () => borrowerRows());
    await seedRows(a.database.db, borrowers.flatMap(allRowsOf));
    const callbacks = borrowers.flatMap(callbacksFor);

    expect(await fireAll([a, b], callbacks, 16)).toEqual(callbacks.map(() => 204));
    await a.twilioApplier.settled();
    await b.twilioApplier.settled();

    const sids = new Set(borrowers.flatMap((borrower) => [borrower.sids.message, borrower.sids.call]));
    const events = (await a.database.db.select().from(twilioEvents)).filter((event) => sids.has(event.subject));
    const settlements = ((await a.database.db.execute(sql`SELECT key, was_checked FROM event_settlements`)) as unknown as { rows: { key: string; was_checked: boolean }[] }).rows;
    expect(settlements.filter((row) => row.was_checked)).toEqual([]);
    expect(settlements.map((row) => row.key).sort()).toEqual(events.map((event) => event.key).sort());
    expect(events.filter((event) => event.appliedAt === null)).toEqual([]);
    expect(await statusesOf(a.database.db, borrowers)).toEqual(borrowers.map((_, index) => ({ ...expectedEnd(index), callAction: 'undelivered' })));
  });
});
