import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { signLink } from '../src-relay/self-service/link-token';
import { SESSION_HEADER } from '../src-shared/identity/relay-sign-in';
import { DEMO_PASSWORD } from '../src-main/seed/demo-users';
import { startHarness, type RunningHarness } from './support/harness';
import { startRelay, type RunningRelay } from './support/relay';

const run = promisify(execFile);
const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'src-main/cli/main.ts', ...args], { env: { ...process.env, RECOURSE_LOG_LEVEL: 'warn' } });
const SECRET = 'e2e-self-service-secret-0123456789abcdef';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

let relay: RunningRelay;
let harness: RunningHarness;
let dir: string;
let desk: Database.Database;
let target: { caseId: string; loanId: string; accountNumber: string };

/** An agent's session at the relay, signed in from the desk's device as the desktop signs in. */
async function agentSession(): Promise<string> {
  const userId = desk.prepare(`SELECT id FROM users WHERE role = 'agent' AND active = 1 ORDER BY id LIMIT 1`).pluck().get() as string;
  const publicKey = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64url');
  const answer = await fetch(`${relay.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { authorization: `Bearer ${relay.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ userId, password: DEMO_PASSWORD, publicKey }),
  });
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { session: { token: string } }).session.token;
}

/** A link minted by the relay for a signed-in agent, as a message or letter would carry it. */
async function mintedLink(language: 'en' | 'es'): Promise<string> {
  const answer = await fetch(`${relay.url}/api/self-service/links`, {
    method: 'POST',
    headers: { authorization: `Bearer ${relay.token}`, [SESSION_HEADER]: await agentSession(), 'content-type': 'application/json' },
    body: JSON.stringify({ accountNumber: target.accountNumber, language }),
  });
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { url: string }).url;
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'recourse-e2e-self-service-'));
  const dbPath = join(dir, 'desk.db');
  // The relay process reads its signing key from the environment it is started with.
  process.env.RELAY_SELF_SERVICE_SECRET = SECRET;
  relay = await startRelay();
  await cli('seed', '--db', dbPath, '--loans', '60');
  await cli('publish', '--db', dbPath, '--relay', relay.url, '--token', relay.token);
  harness = await startHarness({ dbPath, relay });
  desk = new Database(dbPath, { readonly: true, fileMustExist: true });
  target = desk
    .prepare(`SELECT c.id AS caseId, c.loan_id AS loanId, c.account_number AS accountNumber FROM cases c WHERE c.active = 1 AND c.dpd > 30 AND c.dpd <= 90 AND c.dispute_flag = 0 AND c.balance_minor > 0 ORDER BY c.dpd DESC LIMIT 1`)
    .get() as typeof target;
});
test.afterAll(async () => {
  desk?.close();
  await harness?.stop();
  await relay?.stop();
  delete process.env.RELAY_SELF_SERVICE_SECRET;
  rmSync(dir, { recursive: true, force: true });
});

test('the page at desktop width, and in Spanish on a phone', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await page.goto(await mintedLink('en'));
  await expect(page.getByRole('heading', { name: 'Request a payment plan' })).toBeVisible();
  await shoot(page, 'self-service-desktop');

  await page.setViewportSize(PHONE);
  await page.goto(await mintedLink('es'));
  await expect(page.getByRole('heading', { name: /Su pago tiene \d+ días de atraso/ })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await shoot(page, 'self-service-phone-es');
});

test('a borrower requests a plan and raises a dispute on a phone, and both reach the desktop through sync', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await page.goto(await mintedLink('en'));
  const banner = page.getByTestId('overdue-banner');
  await expect(banner.getByRole('heading', { name: /Your payment is \d+ days overdue/ })).toBeVisible();
  await expect(banner.getByText('Principal')).toBeVisible();
  await expect(banner.getByText('Fees')).toBeVisible();
  await shoot(page, 'self-service-phone');

  await page.getByRole('radio', { name: /^3 monthly payments/ }).check();
  await page.getByRole('button', { name: 'Request this plan' }).click();
  await expect(page.getByTestId('confirmation')).toHaveText(/payment plan request has been sent/);
  await expect(page.getByTestId('plan-pending')).toBeVisible();

  await page.getByLabel('What is the dispute about?').selectOption('payment_not_applied');
  await page.getByLabel('Describe the problem').fill('I paid at the branch on the 3rd and it is not shown.');
  await page.getByRole('button', { name: 'Send dispute' }).click();
  await expect(page.getByTestId('confirmation')).toHaveText(/dispute has been recorded/);
  await shoot(page, 'self-service-phone-confirmed');

  // The desktop pulls the relay's rows on its notice: the draft plan and the dispute are on the case.
  await expect.poll(() => desk.prepare(`SELECT type || ':' || status FROM settlement_offers WHERE case_id = ?`).pluck().all(target.caseId), { timeout: 15_000 }).toEqual(['short_plan_3:draft']);
  await expect.poll(() => desk.prepare('SELECT dispute_flag FROM cases WHERE id = ?').pluck().get(target.caseId), { timeout: 15_000 }).toBe(1);
  expect(desk.prepare(`SELECT outcome FROM activities WHERE case_id = ? AND contact_method = 'self_service' ORDER BY at`).pluck().all(target.caseId)).toEqual([null, 'DISPUTE']);
});

test('an expired or tampered link is refused without any borrower data', async ({ page }) => {
  await page.setViewportSize(PHONE);
  const expired = signLink(SECRET, { loanId: target.loanId, language: 'en', expiresAt: Math.floor(Date.now() / 1000) - 60 });
  const gone = await page.goto(`${relay.url}/self-service?t=${expired}`);
  expect(gone!.status()).toBe(410);
  await expect(page.getByRole('heading', { name: 'This link cannot be used' })).toBeVisible();
  await expect(page.getByText('This link has expired')).toBeVisible();
  await shoot(page, 'self-service-expired');

  const genuine = new URL(await mintedLink('en')).searchParams.get('t')!;
  const forged = signLink('not-the-relay-secret-0123456789abcdefgh', { loanId: target.loanId, language: 'en', expiresAt: Math.floor(Date.now() / 1000) + 3600 });
  for (const token of [`${genuine.slice(0, -2)}${genuine.endsWith('AA') ? 'BB' : 'AA'}`, forged]) {
    const refused = await page.goto(`${relay.url}/self-service?t=${token}`);
    expect(refused!.status()).toBe(403);
    await expect(page.getByText('The link is not valid')).toBeVisible();
    await expect(page.getByText(target.accountNumber.slice(-4))).toHaveCount(0);
  }
  await shoot(page, 'self-service-tampered');
});
