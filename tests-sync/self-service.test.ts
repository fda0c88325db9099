import { and, eq, max } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SettlementOfferView } from '../src-shared/contract';
import { publishToRelay } from '../src-main/sync/publish';
import { createRelayClient } from '../src-main/sync/relay-client';
import { ledgerRows, syncCommands } from '../src-relay/db/schema';
import { addDevice } from '../src-relay/devices/device-tokens';
import { signInAtRelay } from '../src-relay/test-support/test-users';
import { SESSION_HEADER } from '../src-shared/identity/relay-sign-in';
import { DEMO_PASSWORD } from '../src-main/seed/demo-users';
import { mintLink } from '../src-relay/self-service/mint-link';
import { startRelay, type RunningRelay } from '../src-relay/start-relay';
import { readRow } from '../src-relay/test-support/ledger-fixtures';
import { BACKENDS, type ScratchDatabase } from '../src-relay/test-support/scratch-databases';
import { until } from '../tests-support/until';
import { desktop, type Desktop } from './desktops';

const SECRET = 'self-service-test-secret-0123456789abcdef';

interface CaseFacts {
  id: string;
  loan_id: string;
  account_number: string;
  borrower_id: string;
  borrower_name: string;
}

/** The hidden and named fields of the form posting to `action`, as the browser would send them. */
function formFields(html: string, action: string): Record<string, string> {
  const form = html.match(new RegExp(`<form method="post" action="${action}"[\\s\\S]*?</form>`))?.[0];
  if (!form) throw new Error(`no form posting to ${action}`);
  return Object.fromEntries([...form.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((match) => [match[1]!, match[2]!.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))]));
}

describe.each(BACKENDS)('borrower self-service pages on $name', ({ scratch }) => {
  let database: ScratchDatabase;
  let relay: RunningRelay;
  let desk: Desktop;
  let deviceToken: string;
  let kase: CaseFacts;
  let other: CaseFacts;
  let link: string;

  const page = async (url: string) => {
    const response = await fetch(url);
    return { status: response.status, html: await response.text(), headers: response.headers };
  };
  const post = async (action: string, fields: Record<string, string>) => {
    const response = await fetch(`${relay.url}${action}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    return { status: response.status, location: response.headers.get('location'), html: await response.text() };
  };
  /** Draws the page and sends one of its forms with `answers`. */
  const submit = async (action: string, answers: Record<string, string>) => {
    const drawn = await page(link);
    const fields = { ...formFields(drawn.html, action), ...answers };
    return { fields, answer: await post(action, fields) };
  };
  const ledgerVersion = async () => Number((await relay.database.db.select({ version: max(ledgerRows.version) }).from(ledgerRows))[0]!.version);
  const ledgerRowsOf = async (tbl: string, field: string, value: string) =>
    (await relay.database.db.select({ id: ledgerRows.id, data: ledgerRows.data }).from(ledgerRows).where(eq(ledgerRows.tbl, tbl))).filter((row) => row.data[field] === value);
  const caseFacts = (where: string) =>
    desk.store.sqlite.prepare(`SELECT c.id, c.loan_id, c.account_number, l.borrower_id, c.borrower_name FROM cases c JOIN loans l ON l.id = c.loan_id WHERE c.active = 1 AND ${where} ORDER BY c.id LIMIT 1`).get() as CaseFacts;

  beforeAll(async () => {
    database = await scratch();
    relay = await startRelay({ database: database.target, port: 0, selfServiceSecret: SECRET });
    deviceToken = (await addDevice(relay.database.db, 'collections desk')).token;
    desk = desktop('collections desk', { seededLoans: 40 });
    await publishToRelay(desk.store, createRelayClient(relay.url, deviceToken));
    await desk.services.sync.configure({ relayUrl: relay.url, deviceToken });
    await desk.services.sync.syncNow();
    await desk.signIn(['agent']);
    // Past 90 days a 20% discount needs a supervisor; a borrower with a phone and an email can opt out of either.
    kase = caseFacts(`c.dpd > 90 AND c.dispute_flag = 0 AND EXISTS (SELECT 1 FROM phones p WHERE p.borrower_id = l.borrower_id) AND EXISTS (SELECT 1 FROM emails m WHERE m.borrower_id = l.borrower_id)`);
    other = caseFacts(`l.borrower_id != '${kase.borrower_id}'`);
    const answer = await fetch(`${relay.url}/api/self-service/links`, { method: 'POST', headers: { authorization: `Bearer ${deviceToken}`, [SESSION_HEADER]: desk.as('agent').relaySession!, 'content-type': 'application/json' }, body: JSON.stringify({ accountNumber: kase.account_number, language: 'en' }) });
    expect(answer.status).toBe(200);
    link = ((await answer.json()) as { url: string }).url;
  });
  afterAll(async () => {
    await desk?.close();
    await relay?.close();
    await database?.drop();
  });

  it('a link shows that loan only: its overdue banner and balance breakdown, with no other borrower on the page', async () => {
    const { status, html, headers } = await page(link);
    expect(status).toBe(200);
    expect(headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    const facts = desk.store.sqlite.prepare('SELECT dpd, amount_past_due_minor AS pastDue, balance_minor AS balance, currency FROM cases WHERE id = ?').get(kase.id) as { dpd: number; pastDue: number; balance: number; currency: string };
    const money = (minor: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: facts.currency }).format(minor / 100);
    expect(html).toContain(`Your payment is ${facts.dpd} days overdue`);
    expect(html).toContain(money(facts.pastDue));
    expect(html).toContain(money(facts.balance));
    for (const label of ['Principal', 'Interest', 'Fees', 'Total balance', 'Days past due']) expect(html).toContain(`<dt${label === 'Total balance' ? ' class="total"' : ''}>${label}</dt>`);
    expect(html).toContain(`•••• ${kase.account_number.slice(-4)}`);
    expect(html).not.toContain(other.account_number);
    expect(html).not.toContain(other.borrower_name);
    // Only the calculator's options that need no approval: past 90 DPD the 20% lump sum is not offered.
    expect(html).toContain('value="short_plan_3"');
    expect(html).not.toContain('value="partial_settlement"');
  });

  it("an agent gets the case's link from the desktop (selfService.link), which the relay minted and serves", async () => {
    const minted = await desk.call<{ url: string; expiresAt: string }>(desk.as('agent'), 'selfService.link', { caseId: kase.id, days: 7 });
    expect(minted.url.startsWith(`${relay.url}/self-service?t=`)).toBe(true);
    expect(Date.parse(minted.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    const { status, html } = await page(minted.url);
    expect(status).toBe(200);
    expect(html).toContain(`•••• ${kase.account_number.slice(-4)}`);
    const offline = desktop('desk without a relay', { seededLoans: 5 });
    try {
      const caseId = offline.store.sqlite.prepare('SELECT id FROM cases LIMIT 1').pluck().get() as string;
      const refused = await offline.services.dispatch(offline.as('agent'), 'selfService.link', { caseId });
      expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    } finally {
      await offline.close();
    }
  });

  it('only a user signed in on a registered device gets links from the relay, and only for loans of its regions', async () => {
    const agent = desk.as('agent');
    const ask = (token: string | null, session = agent.relaySession!) =>
      fetch(`${relay.url}/api/self-service/links`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SESSION_HEADER]: session, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ accountNumber: kase.account_number }),
      });
    expect((await ask(null)).status).toBe(401);
    // A device token alone is no one.
    expect((await ask(deviceToken, '')).status).toBe(401);
    const far = (await addDevice(relay.database.db, 'far desk', ['ZZ'])).token;
    const farSession = (await signInAtRelay(relay.url, far, agent.user!.id, DEMO_PASSWORD)).session;
    expect((await ask(far, farSession)).status).toBe(403);
    const answer = await ask(deviceToken);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ ok: true, loanId: kase.loan_id, url: expect.stringContaining(`${relay.url}/self-service?t=`) });
  });

  it('a tampered link is refused with 403 and an expired one with 410, showing no borrower data', async () => {
    const [claims, signature] = new URL(link).searchParams.get('t')!.split('.');
    const tampered = await page(`${relay.url}/self-service?t=${claims}.${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`);
    expect(tampered.status).toBe(403);
    expect(tampered.html).toContain('The link is not valid');
    expect(tampered.html).not.toContain(kase.account_number.slice(-4));
    const expired = await mintLink(relay.database.db, { secret: SECRET, publicUrl: relay.url, accountNumber: kase.account_number, days: 1, now: new Date(Date.now() - 2 * 86_400_000) });
    const gone = await page(expired.url);
    expect(gone.status).toBe(410);
    expect(gone.html).toContain('This link has expired');
    expect(gone.html).not.toContain(kase.account_number.slice(-4));
    expect((await page(`${relay.url}/self-service`)).status).toBe(403);
  });

  it('an option that needs approval, a forged CSRF token or another loan’s link is refused and writes nothing', async () => {
    const version = await ledgerVersion();
    const needsApproval = await submit('/self-service/plan', { option: 'partial_settlement' });
    expect(needsApproval.answer.status).toBe(409);
    expect(needsApproval.answer.html).toContain('That plan is no longer available');
    const forged = await submit('/self-service/plan', { option: 'short_plan_6', csrf: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(forged.answer.status).toBe(403);
    const otherLink = await mintLink(relay.database.db, { secret: SECRET, publicUrl: relay.url, accountNumber: other.account_number });
    const crossed = await submit('/self-service/plan', { option: 'short_plan_6', t: new URL(otherLink.url).searchParams.get('t')! });
    expect(crossed.answer.status).toBe(403);
    expect(await ledgerVersion()).toBe(version);
    expect(await ledgerRowsOf('settlement_offers', 'case_id', other.id)).toHaveLength(0);
  });

  it('a plan request drafts the chosen offer as the system, once however often the form is posted', async () => {
    const second = formFields((await page(link)).html, '/self-service/plan');
    const { fields, answer } = await submit('/self-service/plan', { option: 'short_plan_3' });
    expect(answer.status).toBe(303);
    expect(answer.location).toContain('done=plan');
    const offers = await ledgerRowsOf('settlement_offers', 'case_id', kase.id);
    expect(offers).toHaveLength(1);
    expect(offers[0]!.data).toMatchObject({ type: 'short_plan_3', status: 'draft', installments: 3, requires_approval: 0, discount_pct: 0 });
    expect(JSON.parse(String(offers[0]!.data.history))).toEqual([expect.objectContaining({ status: 'draft', by: 'system' })]);
    const [command] = await relay.database.db.select().from(syncCommands).where(and(eq(syncCommands.clientId, 'self-service'), eq(syncCommands.name, 'selfService.requestPlan')));
    expect(command).toMatchObject({ actorId: 'system', status: 'applied' });

    const version = await ledgerVersion();
    const replayed = await post('/self-service/plan', fields);
    expect(replayed.status).toBe(303);
    expect(await ledgerVersion()).toBe(version);
    expect(await ledgerRowsOf('settlement_offers', 'case_id', kase.id)).toHaveLength(1);
    const confirmation = await page(`${relay.url}${replayed.location}`);
    expect(confirmation.html).toContain('Your payment plan request has been sent');
    // One plan at a time: the page says it is being reviewed, and a form drawn before is refused.
    expect(confirmation.html).toContain('data-testid="plan-pending"');
    expect(confirmation.html).not.toContain('action="/self-service/plan"');
    const another = await post('/self-service/plan', { ...second, option: 'short_plan_6' });
    expect(another.status).toBe(409);
    expect(another.html).toContain('We are already reviewing a plan for this loan.');
    expect(await ledgerVersion()).toBe(version);
  });

  it('a dispute too short to read is sent back with its error; a real one flags the case and logs an activity', async () => {
    const version = await ledgerVersion();
    const short = await submit('/self-service/dispute', { category: 'fees_charges', description: 'wrong' });
    expect(short.answer.status).toBe(422);
    expect(short.answer.html).toContain('Describe the problem in at least 10 characters.');
    expect(short.answer.html).toContain('aria-invalid="true"');
    expect(await ledgerVersion()).toBe(version);

    const { answer } = await submit('/self-service/dispute', { category: 'payment_not_applied', description: 'I paid 200.00 on 3 November at the branch.' });
    expect(answer.status).toBe(303);
    expect((await readRow(relay.database.db, 'cases', kase.id))!.data.dispute_flag).toBe(1);
    const activities = (await ledgerRowsOf('activities', 'case_id', kase.id)).filter((row) => row.data.outcome === 'DISPUTE');
    expect(activities).toHaveLength(1);
    expect(activities[0]!.data).toMatchObject({ direction: 'inbound', contact_method: 'self_service', performed_by: null });
    expect(String(activities[0]!.data.notes)).toContain('I paid 200.00 on 3 November at the branch.');
  });

  it('contact preferences and an opt-out change the borrower’s own rows', async () => {
    expect((await submit('/self-service/preferences', { channel: 'whatsapp', hoursStart: '10:00', hoursEnd: '09:00' })).answer.status).toBe(422);
    expect((await submit('/self-service/preferences', { channel: 'whatsapp', hoursStart: '10:00', hoursEnd: '16:30' })).answer.status).toBe(303);
    const borrower = await readRow(relay.database.db, 'borrowers', kase.borrower_id);
    expect(JSON.parse(String(borrower!.data.communication_preferences))).toEqual({ channel: 'whatsapp', hours: { start: '10:00', end: '16:30' } });

    expect((await submit('/self-service/opt-out', { channel: 'text' })).answer.status).toBe(303);
    for (const phone of await ledgerRowsOf('phones', 'borrower_id', kase.borrower_id)) expect(phone.data).toMatchObject({ sms_consent: 0, opted_out_at: expect.any(String) });
    expect((await submit('/self-service/opt-out', { channel: 'email' })).answer.status).toBe(303);
    for (const email of await ledgerRowsOf('emails', 'borrower_id', kase.borrower_id)) expect(email.data.opted_out).toBe(1);
    const names = (await relay.database.db.select({ name: syncCommands.name }).from(syncCommands).where(eq(syncCommands.clientId, 'self-service'))).map((row) => row.name);
    expect(names).toEqual(['selfService.requestPlan', 'selfService.dispute', 'selfService.preferences', 'selfService.optOut', 'selfService.optOut']);
  });

  it('the desktop synced to the relay sees the plan request, the dispute and the opt-outs on the case', async () => {
    await desk.services.sync.syncNow();
    await until(() => desk.store.sqlite.prepare('SELECT dispute_flag FROM cases WHERE id = ?').pluck().get(kase.id) === 1, 'the dispute flag on the desktop');
    const offers = await desk.call<SettlementOfferView[]>(desk.as('agent'), 'settlements.list', { caseId: kase.id });
    expect(offers.map((offer) => [offer.type, offer.status, offer.requiresApproval])).toEqual([['short_plan_3', 'draft', false]]);
    const notes = desk.store.sqlite.prepare(`SELECT outcome FROM activities WHERE case_id = ? AND contact_method = 'self_service' ORDER BY at`).pluck().all(kase.id);
    expect(notes).toEqual([null, 'DISPUTE', null, null, null]);
    expect(desk.store.sqlite.prepare('SELECT count(*) FROM phones WHERE borrower_id = ? AND sms_consent = 1').pluck().get(kase.borrower_id)).toBe(0);
    // An agent can carry the borrower's request on: the drafted plan is offered without a supervisor.
    const offered = await desk.call<SettlementOfferView>(desk.as('agent'), 'settlements.offer', { offerId: offers[0]!.id });
    expect(offered.status).toBe('offered');
    expect(await desk.services.sync.syncNow()).toMatchObject({ pending: 0, rejected: 0 });
  });
});
