import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { syncCommands } from '../db/schema';
import { currentVersion } from '../ledger/ledger-clock';
import { borrowerRows, seedRows } from '../test-support/ledger-fixtures';
import { BACKENDS } from '../test-support/scratch-databases';
import { useScratchRelay } from '../test-support/scratch-relay';
import { mintLink } from './mint-link';
import { SELF_SERVICE_CLIENT_ID } from './record-submission';
import { SUBMISSION_LIMITS, retryAfterSeconds } from './submission-limit';

const SECRET = 'submission-limit-test-secret-0123456789abcdef';

/** An open case with every column a desktop's replica requires, so the ledger takes a dispute on it. */
const openCase = (id: string, loanId: string, accountNumber: string) => ({
  id, loan_id: loanId, episode_started_on: '2026-10-01', account_number: accountNumber, borrower_name: 'Ana Rivera', currency: 'USD', status: 'open', active: 1,
  close_reason: null, default_type: 'payment_default', severity: 'medium', stage: 'mid_31_60', bucket: 'dpd_30_59', dpd: 35, amount_past_due_minor: 120_000,
  balance_minor: 900_000, priority: 'HIGH', priority_score: 71.25, priority_manual: 0, reason_code: 'PAST_DUE', dispute_flag: 0, vulnerability_flag: 0, hardship_flag: 0,
  assigned_agent_id: null, queue_id: null, nba_action: 'call_now', nba_confidence: 0.8, nba_override_action: null, nba_override_reason: null, nba_override_by: null,
  first_contact_due_at: null, next_follow_up_due_at: null, sla_breached: 0, opened_on: '2026-10-01', closed_on: null, created_by: 'engine',
});

/** The hidden fields of the dispute form, as the browser would send them. */
function disputeFields(html: string): Record<string, string> {
  const form = html.match(/<form method="post" action="\/self-service\/dispute"[\s\S]*?<\/form>/)?.[0];
  if (!form) throw new Error('no dispute form on the page');
  return Object.fromEntries([...form.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((match) => [match[1]!, match[2]!.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))]));
}

describe('retryAfterSeconds', () => {
  const minutes = (...ages: number[]) => ages.map((age) => age * 60);
  it.each([
    ['nothing yet', [], null],
    ['4 in the last 10 minutes', minutes(1, 2, 3, 9), null],
    ['5 in the last 10 minutes: wait for the oldest to leave them', minutes(1, 2, 3, 4, 9), 60],
    ['5 of which one is older than 10 minutes', minutes(1, 2, 3, 4, 11), null],
    ['19 today', minutes(...Array.from({ length: 19 }, (_, n) => 30 + n * 60)), null],
    ['20 today: wait for the oldest to leave the day', minutes(...Array.from({ length: 20 }, (_, n) => 30 + n * 60)), 24 * 3600 - (30 + 19 * 60) * 60],
  ])('%s', (_case, ages, expected) => {
    expect(retryAfterSeconds(ages, SUBMISSION_LIMITS)).toBe(expected);
  });
});

describe.each(BACKENDS)('self-service submissions from one link on $name', ({ scratch }) => {
  const setup = useScratchRelay(scratch, { selfServiceSecret: SECRET });
  const db = () => setup.relay.database.db;
  const commandCount = async () => (await db().select({ n: count() }).from(syncCommands).where(eq(syncCommands.clientId, SELF_SERVICE_CLIENT_ID)))[0]!.n;
  const post = async (fields: Record<string, string>) => {
    const response = await fetch(`${setup.relay.url}/self-service/dispute`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), html: await response.text() };
  };
  const dispute = async (link: string) => {
    const fields = { ...disputeFields(await (await fetch(link)).text()), category: 'amount_incorrect', description: 'The balance is 200 more than my statement.' };
    return { fields, answer: await post(fields) };
  };

  it('refuses a 6th submission within 10 minutes with 429 in the borrower’s language, writing nothing; another link still works', async () => {
    const rows = borrowerRows({ language: 'es' });
    const accountNumber = String(rows.loan.data.account_number);
    await seedRows(db(), [rows.borrower, rows.loan, { ...rows.kase, data: openCase(rows.ids.kase, rows.ids.loan, accountNumber) }]);
    const link = (await mintLink(db(), { secret: SECRET, publicUrl: setup.relay.url, accountNumber, days: 14 })).url;
    const otherLink = (await mintLink(db(), { secret: SECRET, publicUrl: setup.relay.url, accountNumber, days: 7 })).url;

    const first = await dispute(link);
    expect(first.answer.status).toBe(303);
    for (let n = 2; n <= 5; n += 1) expect((await dispute(link)).answer.status).toBe(303);
    const [version, commands] = [await currentVersion(db()), await commandCount()];

    const sixth = await dispute(link);
    expect(sixth.answer.status).toBe(429);
    expect(Number(sixth.answer.retryAfter)).toBeGreaterThan(500);
    expect(Number(sixth.answer.retryAfter)).toBeLessThanOrEqual(600);
    expect(sixth.answer.html).toContain('Recibimos muchas solicitudes desde este enlace');
    expect(sixth.answer.html).not.toContain(accountNumber.slice(-4));
    expect([await currentVersion(db()), await commandCount()]).toEqual([version, commands]);

    // The same form posted again is the request already taken, not a new one.
    expect((await post(first.fields)).status).toBe(303);
    expect((await dispute(otherLink)).answer.status).toBe(303);
  });
});
