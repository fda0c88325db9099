import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, max } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeCase } from '../src-main/cli/describe-case';
import { writeTape } from '../src-main/tape/write-tape';
import { isoDate } from '../src-shared/dates';
import { ledgerRows } from '../src-relay/db/schema';
import { addDevice } from '../src-relay/devices/device-tokens';
import type { RecordedPayment } from '../src-relay/feed/record-payments';
import { startRelay, type RunningRelay } from '../src-relay/start-relay';
import { BACKENDS, type ScratchDatabase } from '../src-relay/test-support/scratch-databases';
import { buildTape } from '../tests-support/tape-builder';
import { until } from '../tests-support/until';
import { desktop, type Desktop } from './desktops';

interface PaymentsAnswer {
  ok: boolean;
  payments?: RecordedPayment[];
  errors?: string[];
}

describe.each(BACKENDS)('payments from the core-banking system into the ledger on $name', ({ scratch }) => {
  let database: ScratchDatabase;
  let work: string;
  let relay: RunningRelay;
  let feedToken: string;
  let regionalToken: string;
  let desk: Desktop;

  const post = async (body: unknown, token: string | null = feedToken): Promise<{ status: number; body: PaymentsAnswer }> => {
    const response = await fetch(`${relay.url}/api/feed/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as PaymentsAnswer };
  };
  const ledgerVersion = async () => Number((await relay.database.db.select({ version: max(ledgerRows.version) }).from(ledgerRows))[0]!.version);
  const ledgerPayment = async (reference: string) =>
    (await relay.database.db.select({ data: ledgerRows.data }).from(ledgerRows).where(and(eq(ledgerRows.tbl, 'payments'), eq(ledgerRows.id, `${await loanId(reference.split('/')[0]!)}:${reference}`))))[0]?.data;
  const loanId = async (account: string) => desk.store.sqlite.prepare('SELECT id FROM loans WHERE account_number = ?').pluck().get(account) as string;

  beforeAll(async () => {
    database = await scratch();
    work = mkdtempSync(join(tmpdir(), 'recourse-feed-payments-'));
    process.env.RELAY_FEED_DIR = join(work, 'feed');
    relay = await startRelay({ database: database.target, port: 0 });
    feedToken = (await addDevice(relay.database.db, 'Core banking', ['*'], { engineHost: true })).token;
    regionalToken = (await addDevice(relay.database.db, 'Trinidad desk', ['TT'])).token;
    // Installments of 1,085.00 (25.00 fees, 60.00 interest, 1,000.00 principal) due on the 1st from April.
    writeTape(join(work, 'tape'), buildTape([
      { account: 'PAY-1', originatedOn: '2026-03-01', installments: 6, feesDue: '25.00' },
      { account: 'PAY-2', originatedOn: '2026-03-01', installments: 6, jurisdiction: 'JM' },
    ]));
    const files = Object.fromEntries(readdirSync(join(work, 'tape')).map((name) => [name, readFileSync(join(work, 'tape', name), 'utf8')]));
    const imported = await fetch(`${relay.url}/api/feed/tape`, { method: 'POST', headers: { authorization: `Bearer ${feedToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ files }) });
    expect(imported.status).toBe(200);
    desk = desktop('collections desk');
    await desk.services.sync.configure({ relayUrl: relay.url, deviceToken: (await addDevice(relay.database.db, 'collections desk')).token });
    await desk.services.sync.syncNow();
  });
  afterAll(async () => {
    await desk?.close();
    await relay?.close();
    await database?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it('one payment is allocated fees, interest, principal oldest first, reaches the desktop, and the desktop judges the loan the same', async () => {
    const { status, body } = await post({ accountNumber: 'PAY-1', amountMinor: 150_000, currency: 'TTD', paidOn: '2026-06-05', reference: 'PAY-1/CB-1' });
    expect(status).toBe(200);
    const [payment] = body.payments!;
    expect(payment).toMatchObject({
      accountNumber: 'PAY-1', reference: 'PAY-1/CB-1', amountMinor: 150_000, currency: 'TTD', replayed: false,
      // The April installment whole (1,085.00), then May's fees and interest and 330.00 of its principal.
      allocation: { feesMinor: 5_000, interestMinor: 12_000, principalMinor: 133_000, unappliedMinor: 0 },
      // Six installments of 1,085.00 less 1,500.00; May's 670.00 and June's 1,085.00 past due since May 1st.
      position: { asOf: '2026-06-05', balanceMinor: 501_000, amountPastDueMinor: 175_500, dpd: 35 },
    });
    expect(await ledgerPayment('PAY-1/CB-1')).toEqual({ loan_id: await loanId('PAY-1'), paid_on: '2026-06-05', amount_minor: 150_000, reference: 'PAY-1/CB-1', source: 'feed' });

    await until(() => desk.store.sqlite.prepare(`SELECT 1 FROM payments WHERE reference = 'PAY-1/CB-1' AND source = 'feed'`).get() !== undefined, 'the payment on the desktop');
    const judged = describeCase(desk.store, 'PAY-1', isoDate('2026-06-05'));
    expect({ balance: judged.balance, amountPastDue: judged.amount_past_due, dpd: judged.dpd }).toEqual({ balance: 501_000, amountPastDue: 175_500, dpd: 35 });
  });

  const batch = [
    { accountNumber: 'PAY-1', amountMinor: 20_000, currency: 'TTD', paidOn: '2026-06-20', reference: 'PAY-1/CB-2' },
    { accountNumber: 'PAY-2', amountMinor: 106_000, currency: 'TTD', paidOn: '2026-04-01', reference: 'PAY-2/CB-3' },
    { accountNumber: 'PAY-1', amountMinor: 5_000, currency: 'TTD', paidOn: '2026-06-21', reference: 'PAY-1/CB-4' },
  ];
  let batchAnswer: RecordedPayment[];

  it('a batch is recorded whole, each payment allocated after the ones before it', async () => {
    const { status, body } = await post(batch);
    expect(status).toBe(200);
    batchAnswer = body.payments!;
    expect(batchAnswer.map((payment) => [payment.reference, payment.replayed])).toEqual([['PAY-1/CB-2', false], ['PAY-2/CB-3', false], ['PAY-1/CB-4', false]]);
    for (const payment of batchAnswer) {
      const { feesMinor, interestMinor, principalMinor, unappliedMinor } = payment.allocation;
      expect(feesMinor + interestMinor + principalMinor + unappliedMinor).toBe(payment.amountMinor);
    }
    // May's remaining 670.00 is principal only once CB-1 paid its fees and interest.
    expect(batchAnswer[0]!.allocation).toEqual({ feesMinor: 0, interestMinor: 0, principalMinor: 20_000, unappliedMinor: 0 });
    expect(batchAnswer[1]!.allocation).toEqual({ feesMinor: 0, interestMinor: 6_000, principalMinor: 100_000, unappliedMinor: 0 });
    expect(batchAnswer[2]!.position).toEqual({ asOf: '2026-06-21', balanceMinor: 476_000, amountPastDueMinor: 150_500, dpd: 51 });
    await until(() => desk.store.sqlite.prepare(`SELECT count(*) FROM payments WHERE source = 'feed'`).pluck().get() === 4, 'the batch on the desktop');
  });

  it('replaying a batch by its references changes nothing and answers as the first time', async () => {
    const version = await ledgerVersion();
    const { status, body } = await post(batch);
    expect(status).toBe(200);
    expect(body.payments).toEqual(batchAnswer.map((payment) => ({ ...payment, replayed: true })));
    expect(await ledgerVersion()).toBe(version);
    const single = await post({ accountNumber: 'PAY-1', amountMinor: 150_000, currency: 'TTD', paidOn: '2026-06-05', reference: 'PAY-1/CB-1' });
    expect(single.body.payments![0]).toMatchObject({ reference: 'PAY-1/CB-1', replayed: true });
    expect(await ledgerVersion()).toBe(version);
  });

  it('one bad row refuses the whole batch with every problem named by row and field, and nothing is written', async () => {
    const version = await ledgerVersion();
    const shape = await post([
      { accountNumber: 'PAY-1', amountMinor: 1_000, currency: 'TTD', paidOn: '2026-07-01', reference: 'PAY-1/GOOD-1' },
      { accountNumber: 'PAY-2', amountMinor: 2_000, currency: 'TTD', paidOn: '2026-07-01', reference: 'PAY-2/GOOD-2' },
      { accountNumber: 'PAY-2', amountMinor: -5, currency: 'TTD', paidOn: '2026-07-31', reference: 'PAY-2/BAD-3' },
      { accountNumber: 'PAY-2', amountMinor: 12.5, currency: 'ttd', paidOn: '2026-02-30', reference: 'PAY-2/BAD-4' },
    ]);
    expect(shape.status).toBe(422);
    expect(shape.body.errors).toEqual([
      'payments[2].amountMinor: must be positive',
      'payments[3].amountMinor: must be a whole number of minor units',
      'payments[3].currency: must be a 3-letter uppercase currency code (ISO 4217)',
      'payments[3].paidOn: must be a date written YYYY-MM-DD',
    ]);

    const ledger = await post([
      { accountNumber: 'PAY-1', amountMinor: 1_000, currency: 'TTD', paidOn: '2026-07-01', reference: 'PAY-1/GOOD-1' },
      { accountNumber: 'NO-SUCH', amountMinor: 1_000, currency: 'TTD', paidOn: '2026-07-01', reference: 'X-1' },
      { accountNumber: 'PAY-2', amountMinor: 1_000, currency: 'USD', paidOn: '2026-07-01', reference: 'PAY-2/USD' },
      { accountNumber: 'PAY-1', amountMinor: 99_999, currency: 'TTD', paidOn: '2026-06-05', reference: 'PAY-1/CB-1' },
      { accountNumber: 'PAY-2', amountMinor: 1_000, currency: 'TTD', paidOn: '2026-02-15', reference: 'PAY-2/EARLY' },
      { accountNumber: 'PAY-2', amountMinor: 1_000, currency: 'TTD', paidOn: '2099-01-01', reference: 'PAY-2/LATER' },
      { accountNumber: 'PAY-2', amountMinor: 2_000, currency: 'TTD', paidOn: '2026-07-01', reference: 'PAY-2/TWICE' },
      { accountNumber: 'PAY-2', amountMinor: 2_000, currency: 'TTD', paidOn: '2026-07-01', reference: 'PAY-2/TWICE' },
    ]);
    expect(ledger.status).toBe(422);
    expect(ledger.body.errors).toEqual([
      'payments[1].accountNumber: no loan in the ledger has account number "NO-SUCH"',
      'payments[2].currency: loan PAY-2 is in TTD, not USD',
      'payments[3].reference: "PAY-1/CB-1" was already recorded for loan PAY-1 as 150000 on 2026-06-05; a reference names one payment',
      'payments[4].paidOn: 2026-02-15 is before loan PAY-2 was originated (2026-03-01)',
      'payments[5].paidOn: 2099-01-01 is in the future',
      'payments[7].reference: "PAY-2/TWICE" for loan PAY-2 is already payments[6] of this request',
    ]);
    expect(await ledgerPayment('PAY-1/GOOD-1')).toBeUndefined();
    expect(await ledgerPayment('PAY-2/GOOD-2')).toBeUndefined();
    expect(await ledgerVersion()).toBe(version);
  });

  it('a body that is no payment at all is refused whole', async () => {
    for (const body of [[], 'CB-1', Array.from({ length: 1001 }, () => ({}))]) {
      const { status, body: answer } = await post(body);
      expect(status).toBe(422);
      expect(answer.errors).toEqual(['payments: must be a payment object or an array of 1 to 1000 of them']);
    }
    const unknown = await post({ accountNumber: 'PAY-1', amountMinor: 1_000, currency: 'TTD', paidOn: '2026-07-01', reference: 'PAY-1/X', channel: 'pos' });
    expect(unknown.body.errors).toEqual(['payments[0]: Unrecognized key: "channel"']);
  });

  it('only an every-region device may post payments: none is 401, a regional desk 403', async () => {
    const payment = { accountNumber: 'PAY-1', amountMinor: 1_000, currency: 'TTD', paidOn: '2026-07-01', reference: 'PAY-1/ANON' };
    expect((await post(payment, null)).status).toBe(401);
    expect((await post(payment, 'not-a-token')).status).toBe(401);
    expect((await post(payment, regionalToken)).status).toBe(403);
    expect(await ledgerPayment('PAY-1/ANON')).toBeUndefined();
  });
});
