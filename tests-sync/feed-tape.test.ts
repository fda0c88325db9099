import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, max } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importTape } from '../src-main/tape/import-tape';
import { writeTape, type Tape } from '../src-main/tape/write-tape';
import type { DatabaseTarget } from '../src-relay/config';
import { openRelayDatabase } from '../src-relay/db/open-database';
import { ledgerRows } from '../src-relay/db/schema';
import { addDevice } from '../src-relay/devices/device-tokens';
import { startRelay, type RunningRelay } from '../src-relay/start-relay';
import { BACKENDS, type ScratchDatabase } from '../src-relay/test-support/scratch-databases';
import { buildTape } from '../tests-support/tape-builder';
import { tempStore } from '../tests-support/temp-store';
import { until } from '../tests-support/until';
import { desktop, syncedRows, type Desktop } from './desktops';

/** The tables a tape writes: a desktop that imported it itself and one that pulled the relay's import must hold the same rows. */
const TAPE_TABLES = ['borrowers', 'emails', 'phones', 'loans', 'installments', 'payments', 'promises', 'contact_attempts'];

function tape(): Tape {
  const built = buildTape([
    { account: 'FEED-1', installments: 6, originatedOn: '2026-03-01', payments: [{ paidOn: '2026-04-02', amount: '1060.00' }] },
    { account: 'FEED-2', jurisdiction: 'JM', installments: 4, originatedOn: '2026-05-10', promises: [{ createdOn: '2026-08-01', dueOn: '2026-08-15', amount: '500' }] },
    { account: 'FEED-3', installments: 3, originatedOn: '2026-06-01' },
  ]);
  built.borrowers[0]!.email = 'feed.one@example.tt';
  built.contacts = [{ account_number: 'FEED-1', at: '2026-05-03T10:00:00-04:00', channel: 'voice', direction: 'outbound', outcome: 'conversation' }];
  return built;
}

/** A tape with a bad amount, an account nobody has and a date that does not exist; its good rows must not land either. */
function badTape(): Tape {
  const bad = tape();
  bad.loans[1]!.originated_on = '2026-02-30';
  bad.installments.push({ account_number: 'NO-SUCH-LOAN', seq: 1, due_on: '2026-07-01', principal_due: '10', interest_due: '0', fees_due: '0' });
  bad.payments.push({ account_number: 'FEED-3', paid_on: '2026-07-02', amount: '12,50', reference: 'BAD-AMOUNT' });
  return bad;
}

/** Rows without the moment they were written, which two imports never share. */
function withoutClock(rows: unknown[]): unknown[] {
  return rows.map((row) => ({ ...(row as Record<string, unknown>), created_at: undefined, updated_at: undefined }));
}

function ledgerEnv(target: DatabaseTarget, feedDir: string): NodeJS.ProcessEnv {
  const where = 'url' in target ? { DATABASE_URL: target.url, RELAY_DATA_DIR: '' } : { DATABASE_URL: '', RELAY_DATA_DIR: target.dataDir };
  return { ...process.env, ...where, RELAY_FEED_DIR: feedDir, RECOURSE_LOG_LEVEL: 'error' };
}

/** `npm run relay -- import …` as a user runs it. */
function relayCli(target: DatabaseTarget, feedDir: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src-relay/main.ts', ...args], { env: ledgerEnv(target, feedDir), encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Rows and newest version of the ledger, read with no relay running (PGlite admits one process). */
async function ledgerState(target: DatabaseTarget): Promise<{ rows: number; version: number }> {
  const database = await openRelayDatabase(target);
  try {
    const [row] = await database.db.select({ rows: count(), version: max(ledgerRows.version) }).from(ledgerRows);
    return { rows: Number(row!.rows), version: Number(row!.version ?? 0) };
  } finally {
    await database.close();
  }
}

describe.each(BACKENDS)('the core-banking loan tape into the ledger on $name', ({ scratch }) => {
  let database: ScratchDatabase;
  let work: string;
  let feedDir: string;
  let relay: RunningRelay | undefined;
  let feedToken: string;
  let regionalToken: string;
  let desk: Desktop;

  beforeAll(async () => {
    database = await scratch();
    work = mkdtempSync(join(tmpdir(), 'recourse-feed-test-'));
    feedDir = join(work, 'feed');
    process.env.RELAY_FEED_DIR = feedDir;
    writeTape(join(work, 'good'), tape());
    writeTape(join(work, 'bad'), badTape());
  });
  afterAll(async () => {
    await desk?.close();
    await relay?.close();
    await database?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it('the CLI refuses a bad tape with every file:line error and leaves the ledger as it was', async () => {
    const before = await ledgerState(database.target);
    const result = relayCli(database.target, feedDir, 'import', '--dir', join(work, 'bad'));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('loans.csv:3: originated_on "2026-02-30" is not a real date (YYYY-MM-DD)');
    expect(result.stderr).toContain('installments.csv:15: account_number "NO-SUCH-LOAN" is not in loans.csv or the database');
    expect(result.stderr).toContain('payments.csv:3: amount "12,50" is not an amount');
    expect(result.stderr).toContain('the tape was refused and nothing was written: 3 problems');
    expect(await ledgerState(database.target)).toEqual(before);
  });

  it('the CLI imports a good tape with a summary, and importing it again changes nothing', async () => {
    const result = relayCli(database.target, feedDir, 'import', '--dir', join(work, 'good'), '--json');
    expect(result.code, result.stderr).toBe(0);
    // The feed host's progress reaches the terminal on stderr, from the first file read to the last row written.
    const progress = result.stderr.trim().split('\n');
    expect(progress[0]).toBe('Reading borrowers.csv (file 1 of 7)');
    expect(progress).toContain('Checking contacts.csv (file 7 of 7)');
    expect(progress.at(-1)).toBe('Writing promises.csv: 25 of 25 rows (100%)');
    const imported = JSON.parse(result.stdout) as { summary: Record<string, number>; rowsWritten: number; version: number };
    expect(imported.summary).toEqual({ borrowers: 3, phones: 3, loans: 3, installments: 13, payments: 1, promises: 1, contacts: 1, emails: 1, productsCreated: 1 });
    // Borrowers, phones, an email, a product, loans, installments, a payment, a promise, a contact.
    expect(imported.rowsWritten).toBe(3 + 3 + 1 + 1 + 3 + 13 + 1 + 1 + 1);
    const after = await ledgerState(database.target);
    expect(after).toEqual({ rows: imported.rowsWritten, version: imported.version });

    const again = relayCli(database.target, feedDir, 'import', '--dir', join(work, 'good'));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Imported the loan tape: borrowers 3, phones 3, loans 3, installments 13, payments 1');
    expect(again.stdout).toContain('0 ledger rows changed');
    expect(await ledgerState(database.target)).toEqual(after);
  });

  it('a desktop syncing with the relay holds exactly what importing the tape itself would have written, each row in its region', async () => {
    relay = await startRelay({ database: database.target, port: 0 });
    feedToken = (await addDevice(relay.database.db, 'Core banking', ['*'], { engineHost: true })).token;
    regionalToken = (await addDevice(relay.database.db, 'Trinidad desk', ['TT'])).token;
    desk = desktop('collections desk');
    await desk.services.sync.configure({ relayUrl: relay.url, deviceToken: (await addDevice(relay.database.db, 'collections desk')).token });
    expect(await desk.services.sync.syncNow()).toMatchObject({ state: 'online', rejected: 0 });

    const alone = tempStore();
    try {
      importTape(alone.store, join(work, 'good'));
      const expected = syncedRows(alone.store);
      const received = syncedRows(desk.store);
      for (const table of TAPE_TABLES) expect({ table, rows: withoutClock(received[table]!) }).toEqual({ table, rows: withoutClock(expected[table]!) });
      expect(received.products).toEqual(expect.arrayContaining(expected.products!));
    } finally {
      alone.cleanup();
    }
    const partitions = await relay.database.db.select({ id: ledgerRows.id, partition: ledgerRows.partition, data: ledgerRows.data }).from(ledgerRows);
    const loanRegion = (account: string) => partitions.find((row) => row.data.account_number === account)?.partition;
    expect([loanRegion('FEED-1'), loanRegion('FEED-2')]).toEqual(['TT', 'JM']);
  });

  it('POST /api/feed/tape takes the files as multipart, and what it changes reaches the desktop by the relay’s notice', async () => {
    const next = tape();
    next.loans[0]!.risk_grade = 'A';
    next.payments.push({ account_number: 'FEED-3', paid_on: '2026-07-01', amount: '1060.00', reference: 'CORE-7781' });
    writeTape(join(work, 'next'), next);
    const form = new FormData();
    for (const name of ['borrowers', 'phones', 'loans', 'installments', 'payments', 'promises', 'contacts']) {
      form.append('file', new Blob([readFileSync(join(work, 'next', `${name}.csv`))]), `${name}.csv`);
    }
    const response = await fetch(`${relay!.url}/api/feed/tape`, { method: 'POST', headers: { authorization: `Bearer ${feedToken}` }, body: form });
    const body = (await response.json()) as { ok: boolean; summary: Record<string, number>; rowsWritten: number };
    expect(response.status).toBe(200);
    // Only the loan whose grade moved and the new payment change.
    expect(body).toMatchObject({ ok: true, summary: { loans: 3, payments: 2 }, rowsWritten: 2 });
    await until(() => desk.store.sqlite.prepare(`SELECT 1 FROM payments WHERE reference = 'CORE-7781' AND amount_minor = 106000 AND source = 'tape'`).get() !== undefined, 'the new payment on the desktop');
    await until(() => desk.store.sqlite.prepare(`SELECT risk_grade FROM loans WHERE account_number = 'FEED-1'`).pluck().get() === 'A', 'the new grade on the desktop');

    const replay = await fetch(`${relay!.url}/api/feed/tape`, { method: 'POST', headers: { authorization: `Bearer ${feedToken}` }, body: form });
    expect(await replay.json()).toMatchObject({ ok: true, rowsWritten: 0 });
  });

  it('POST /api/feed/tape answers a bad tape 422 with every error and writes nothing', async () => {
    const before = await relay!.database.db.select({ rows: count(), version: max(ledgerRows.version) }).from(ledgerRows);
    const files = Object.fromEntries(['borrowers', 'phones', 'loans', 'installments', 'payments', 'promises', 'contacts'].map((name) => [`${name}.csv`, readFileSync(join(work, 'bad', `${name}.csv`), 'utf8')]));
    const response = await fetch(`${relay!.url}/api/feed/tape`, { method: 'POST', headers: { authorization: `Bearer ${feedToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ files }) });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { ok: boolean; errors: string[] };
    expect(body.ok).toBe(false);
    expect(body.errors).toEqual([
      'loans.csv:3: originated_on "2026-02-30" is not a real date (YYYY-MM-DD)',
      'installments.csv:15: account_number "NO-SUCH-LOAN" is not in loans.csv or the database',
      'payments.csv:3: amount "12,50" is not an amount (digits with at most 2 decimals, not negative)',
    ]);
    expect(await relay!.database.db.select({ rows: count(), version: max(ledgerRows.version) }).from(ledgerRows)).toEqual(before);
  });

  it('the tape endpoint wants an every-region device: none is 401, a regional desk 403', async () => {
    const files = JSON.stringify({ files: { 'borrowers.csv': readFileSync(join(work, 'good', 'borrowers.csv'), 'utf8') } });
    const anonymous = await fetch(`${relay!.url}/api/feed/tape`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: files });
    expect(anonymous.status).toBe(401);
    const regional = await fetch(`${relay!.url}/api/feed/tape`, { method: 'POST', headers: { authorization: `Bearer ${regionalToken}`, 'content-type': 'application/json' }, body: files });
    expect(regional.status).toBe(403);
  });
});
