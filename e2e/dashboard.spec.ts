import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RecourseApi } from '../src-shared/contract';
import { doNotContactCase, type DemoCase } from './support/demo-cases';
import { useDemoHarness } from './support/demo-harness';
import { startHarness, type RunningHarness } from './support/harness';
import { QueuePage } from './support/queue-page';
import { startRelay } from './support/relay';

let dncCase: DemoCase;

const OUTCOMES = ['PTP', 'NO_ANSWER', 'LEFT_MESSAGE', 'NO_ANSWER', 'REFUSED', 'PAID', 'NO_ANSWER', 'LEFT_MESSAGE', 'WRONG_NUMBER', 'PTP'];
/** The contact outcome each call outcome stands for (DESIGN §2: speaking with the borrower is a conversation). */
const CONTACT_OUTCOME: Record<string, string> = { PTP: 'conversation', REFUSED: 'conversation', PAID: 'conversation', LEFT_MESSAGE: 'voicemail', NO_ANSWER: 'attempt', WRONG_NUMBER: 'attempt' };
const PROMISE_STATUSES = ['kept', 'kept', 'broken', 'kept', 'partially_kept', 'kept', 'broken', 'kept', 'cancelled'];

/**
 * The demo seed holds the loans' own history but no agent work, so the month gets the calls
 * agents logged on their cases and the promises they took, already judged by the daily runs,
 * as a desk's database would after a few weeks.
 */
function addAgentMonth(dbPath: string): void {
  const db = new Database(dbPath);
  try {
    const asOf = db.prepare(`SELECT value FROM app_meta WHERE key = 'last_daily_run'`).pluck().get() as string;
    const monthStart = `${asOf.slice(0, 8)}01`;
    const days = Math.max(1, Number(asOf.slice(8, 10)));
    const cases = db.prepare(`SELECT id, loan_id, assigned_agent_id, amount_past_due_minor FROM cases WHERE active = 1 AND assigned_agent_id IS NOT NULL ORDER BY id`).all() as
      { id: string; loan_id: string; assigned_agent_id: string; amount_past_due_minor: number }[];
    const activity = db.prepare(`INSERT INTO activities (id, case_id, loan_id, type, direction, outcome, performed_by, at) VALUES (?, ?, ?, 'CALL', 'outbound', ?, ?, ?)`);
    // Each logged call is also the contact attempt compliance counts, as activities.log records it.
    const attempt = db.prepare(`INSERT INTO contact_attempts (id, borrower_id, loan_id, channel, direction, outcome, at, source)
                                SELECT ?, borrower_id, id, 'voice', 'outbound', ?, ?, 'activity' FROM loans WHERE id = ?`);
    const promise = db.prepare(`INSERT INTO promises (id, case_id, loan_id, created_on, due_on, amount_minor, status, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const dayOf = (n: number) => `${monthStart.slice(0, 8)}${String(1 + (n % days)).padStart(2, '0')}`;
    db.transaction(() => {
      cases.forEach((c, n) => {
        for (let call = 0; call < 1 + (n % 3); call += 1) {
          const outcome = OUTCOMES[(n + call) % OUTCOMES.length]!;
          const at = `${dayOf(n + call * 5)}T14:${String(10 + call).padStart(2, '0')}:00.000Z`;
          activity.run(`e2e-call-${n}-${call}`, c.id, c.loan_id, outcome, c.assigned_agent_id, at);
          attempt.run(`e2e-attempt-${n}-${call}`, CONTACT_OUTCOME[outcome], at, c.loan_id);
        }
        if (n % 2 === 0) promise.run(`e2e-promise-${n}`, c.id, c.loan_id, monthStart, dayOf(n), Math.max(1_000, Math.round(c.amount_past_due_minor / 2)), PROMISE_STATUSES[n % PROMISE_STATUSES.length], c.assigned_agent_id);
      });
    })();
  } finally {
    db.close();
  }
}

const demo = useDemoHarness('dashboard', {
  prepare: (dbPath) => {
    addAgentMonth(dbPath);
    dncCase = doNotContactCase(dbPath);
  },
});

async function signInAs(queue: QueuePage, role: 'agent' | 'supervisor', url = demo.harness.url) {
  await queue.page.goto(url);
  const option = queue.page.getByRole('option').filter({ hasText: role }).first();
  await queue.signIn((await option.locator('p').first().textContent())!);
}

/** 1440×900 shots of the screen's top and, when given, of a lower part scrolled into view, in the light and the dark theme. */
async function screenshotBothThemes(queue: QueuePage, name: string, lower?: { name: string; testId: string }) {
  const page = queue.page;
  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') {
      await page.getByRole('button', { name: 'Toggle color scheme' }).click();
      await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
    }
    // Off the toggle, so its tooltip is not in the picture.
    await page.mouse.move(100, 880);
    const suffix = theme === 'dark' ? '-dark' : '';
    await page.evaluate(() => window.scrollTo(0, 0));
    await queue.settle();
    await page.screenshot({ path: `e2e/screenshots/${name}${suffix}.png` });
    if (lower) {
      await page.getByTestId(lower.testId).scrollIntoViewIfNeeded();
      await queue.settle();
      await page.screenshot({ path: `e2e/screenshots/${lower.name}${suffix}.png` });
    }
  }
  await page.getByRole('button', { name: 'Toggle color scheme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** As the signed-in agent: two settlements sent for approval on the largest cases past 90 days, and an NBA override on a third. */
function submitTwoOffers(page: Page): Promise<{ id: string; borrowerName: string }[]> {
  return page.evaluate(async () => {
    const api = (window as unknown as { api: RecourseApi }).api;
    const queuePage = await api['cases.queue']({ stages: ['severe_90_plus'], sort: 'balance', direction: 'desc', pageSize: 3 });
    if (!queuePage.ok) throw new Error(queuePage.error.message);
    const submitted = [];
    for (const row of queuePage.value.rows.slice(0, 2)) {
      const draft = await api['settlements.create']({ caseId: row.caseId, option: 'partial_settlement' });
      if (!draft.ok) throw new Error(draft.error.message);
      const sent = await api['settlements.submit']({ offerId: draft.value.id });
      if (!sent.ok) throw new Error(sent.error.message);
      submitted.push({ id: sent.value.id, borrowerName: row.borrowerName });
    }
    const override = await api['cases.overrideNba']({ caseId: queuePage.value.rows[2]!.caseId, action: 'escalate_field', reason: 'Borrower asked to meet at home; a field visit before legal' });
    if (!override.ok) throw new Error(override.error.message);
    return submitted;
  });
}

const kpiValue = (page: Page, testId: string) => page.getByTestId(testId).getByTestId('kpi-value');

/** The queue's cells under a column, found by its header (a supervisor's queue starts with a selection column). */
async function columnTexts(queue: QueuePage, header: string): Promise<string[]> {
  const headers = (await queue.table.locator('thead th').allTextContents()).map((text) => text.trim());
  const index = headers.findIndex((text) => text.startsWith(header));
  expect(index, `a ${header} column`).toBeGreaterThanOrEqual(0);
  return queue.rows.locator(`td:nth-child(${index + 1})`).allTextContents();
}

test('a supervisor reads the dashboard and drills down from a stage card and an aging bar to the filtered queue', async ({ page }) => {
  const queue = new QueuePage(page);
  await signInAs(queue, 'supervisor');
  await page.getByRole('link', { name: 'Dashboard' }).or(page.getByText('Dashboard', { exact: true })).first().click();
  const dashboard = page.getByTestId('dashboard');
  await expect(dashboard).toBeVisible();
  // Both charts are drawn (ECharts' SVG), and every KPI card carries a figure.
  await expect(page.getByRole('img', { name: 'DPD aging chart' }).locator('svg path').first()).toBeAttached();
  await expect(page.getByRole('img', { name: '30-day trend chart' }).locator('svg path').first()).toBeAttached();
  for (const id of ['kpi-arrears', 'kpi-kept', 'kpi-cure', 'kpi-rpc', 'kpi-contacts-today']) await expect(kpiValue(page, id)).toHaveText(/^[\d,.]+%?$/);
  await expect(page.getByTestId('kpi-collected-mtd').getByTestId('kpi-value').first()).toHaveText(/^[A-Z]{3}[\d,.]+[KMB]?$/);
  const inArrears = Number((await kpiValue(page, 'kpi-arrears').textContent())!.replace(/\D/g, ''));
  expect(inArrears).toBeGreaterThan(10);
  await expect(kpiValue(page, 'kpi-kept')).toHaveText(/^\d+\.\d%$/);
  await expect(page.getByRole('table', { name: 'Agent performance' }).locator('tbody tr')).not.toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Roll-rate matrix' }).locator('tbody tr')).toHaveCount(6);
  await screenshotBothThemes(queue, 'dashboard', { name: 'dashboard-tables', testId: 'agents-panel' });

  // The agent table downloads as CSV, one line per agent (and currency collected).
  const agents = await page.getByRole('table', { name: 'Agent performance' }).locator('tbody tr td:first-child').allTextContents();
  await page.getByRole('button', { name: 'Export' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Agent performance' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^recourse-agents_\d{4}-\d{2}-01_\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = readFileSync((await file.path())!, 'utf8').trim().split('\r\n');
  expect(lines[0]).toBe('agent,cases,contacts,right_party_contacts,promises,promises_kept,promises_fell_due,kept_rate,currency,collected');
  expect(new Set(lines.slice(1).map((line) => line.split(',')[0]))).toEqual(new Set(agents));

  // A stage card opens the queue at that stage: the filter shows it, and every row is of it.
  const severe = Number((await kpiValue(page, 'kpi-stage-severe_90_plus').textContent())!.replace(/\D/g, ''));
  await page.getByRole('button', { name: 'Open the queue at stage Severe 90+' }).click();
  await expect(page.getByRole('textbox', { name: 'Stage', exact: true }).locator('xpath=..')).toContainText('Severe 90+');
  expect(await queue.totalCases()).toBe(severe);
  await expect(queue.rows.first()).toBeVisible();
  expect(new Set(await columnTexts(queue, 'Stage'))).toEqual(new Set(['Severe 90+']));

  // The 60–89 bar opens the queue filtered to that bucket, with the bar's count of cases, all 60–89 days past due.
  await page.getByText('Dashboard', { exact: true }).click();
  await expect(page.getByRole('img', { name: 'DPD aging chart' })).toBeVisible();
  const bar = page.getByRole('img', { name: 'DPD aging chart' }).locator('path[fill="#f03e3e"]').first();
  await bar.click();
  await expect(page.getByRole('textbox', { name: 'Bucket', exact: true }).locator('xpath=..')).toContainText('60–89');
  const total = await queue.totalCases();
  expect(total).toBeGreaterThan(0);
  await expect(queue.rows.first()).toBeVisible();
  const dpds = (await columnTexts(queue, 'DPD')).map(Number);
  expect(dpds.length).toBeGreaterThan(0);
  expect(dpds.length).toBeLessThanOrEqual(total);
  for (const dpd of dpds) expect(dpd >= 60 && dpd <= 89).toBe(true);
});

test('a supervisor approves an agent’s settlement from the approvals inbox', async ({ page }) => {
  const queue = new QueuePage(page);
  await signInAs(queue, 'agent');
  // The agent drafts the 20% partial settlements of the two largest cases past 90 days, sends them for
  // approval, and overrides the recommended action on a third case.
  const offers = await submitTwoOffers(page);
  const offer = offers[0]!;

  // Each tab has its own session, like an Electron window: the supervisor signs in on a fresh one.
  await signInAs(queue, 'supervisor');
  await page.evaluate(async (caseId) => {
    const granted = await (window as unknown as { api: RecourseApi }).api['contacts.overrideDoNotContact']({ caseId, reason: 'Borrower called in asking for a payoff quote' });
    if (!granted.ok) throw new Error(granted.error.message);
  }, dncCase.caseId);
  await expect(page.getByTestId('approvals-badge')).toHaveText('2');
  await page.getByText('Approvals', { exact: true }).click();
  const row = page.locator(`tr[data-offer-id="${offer.id}"]`);
  await expect(row).toContainText(offer.borrowerName);
  await expect(row).toContainText('Partial settlement');
  await expect(row).toContainText('20% off');
  await screenshotBothThemes(queue, 'approvals');

  await row.getByRole('button', { name: 'Approve' }).click();
  await page.getByLabel('Note (optional)').fill('Within policy: 20% on a 90+ account');
  await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
  await expect(row).toHaveCount(0);
  const decision = page.locator(`tr[data-decision-offer="${offer.id}"]`);
  await expect(decision).toContainText('Approved');
  // No relay: this desktop is the ledger, so the decision is recorded, not waiting to sync.
  await expect(decision.getByTestId('decision-state')).toHaveText('Recorded');
  await expect(page.getByTestId('approvals-badge')).toHaveText('1');
  await expect(page.locator(`tr[data-offer-id="${offers[1]!.id}"]`)).toBeVisible();
  await expect(page.getByTestId('nba-overrides')).toContainText('a field visit before legal');
  await expect(page.getByTestId('contact-overrides')).toContainText(dncCase.borrowerName);
  const status = await page.evaluate(async (id) => {
    const rows = await (window as unknown as { api: RecourseApi }).api['approvals.inbox']({});
    return rows.ok ? rows.value.decisions.find((d) => d.offerId === id)?.decision : rows.error.message;
  }, offer.id);
  expect(status).toBe('approved');
  await page.mouse.move(100, 880);
  await queue.settle();
  await page.screenshot({ path: 'e2e/screenshots/approvals-decided.png' });
});

test('connected to a relay, a decision is confirmed; with the relay down, it waits as pending sync', async ({ page }) => {
  // Seeding, publishing to a fresh relay and a first sync come before the approvals themselves.
  test.setTimeout(300_000);
  const cli = (...args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', 'src-main/cli/main.ts', ...args], { env: { ...process.env, RECOURSE_LOG_LEVEL: 'warn' } });
  const deskDir = mkdtempSync(join(tmpdir(), 'recourse-approvals-relay-'));
  const relay = await startRelay();
  let desk: RunningHarness | undefined;
  try {
    const dbPath = join(deskDir, 'desk.db');
    await test.step('seed a desk', () => cli('seed', '--db', dbPath, '--loans', '120'));
    await test.step('publish it to the relay', () => cli('publish', '--db', dbPath, '--relay', relay.url, '--token', relay.token));
    desk = await test.step('start the desk on the relay', () => startHarness({ dbPath, relay }));
    const queue = new QueuePage(page);
    await signInAs(queue, 'agent', desk.url);
    await expect(page.getByTestId('sync-indicator')).toHaveText('Synced');
    const [online, offline] = await test.step('submit two offers', () => submitTwoOffers(page));

    await signInAs(queue, 'supervisor', desk.url);
    await page.getByText('Approvals', { exact: true }).click();
    const approve = async (offerId: string) => {
      await page.locator(`tr[data-offer-id="${offerId}"]`).getByRole('button', { name: 'Approve' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
      await expect(page.locator(`tr[data-offer-id="${offerId}"]`)).toHaveCount(0);
    };
    await approve(online!.id);
    await expect(page.locator(`tr[data-decision-offer="${online!.id}"]`).getByTestId('decision-state')).toHaveText('Confirmed', { timeout: 15_000 });

    await relay.kill();
    await expect(page.getByTestId('sync-indicator')).toHaveText(/^Offline/, { timeout: 15_000 });
    await expect(page.getByText('Working offline')).toBeVisible();
    await approve(offline!.id);
    await expect(page.locator(`tr[data-decision-offer="${offline!.id}"]`).getByTestId('decision-state')).toHaveText('Pending sync');
    await expect(page.locator(`tr[data-decision-offer="${online!.id}"]`).getByTestId('decision-state')).toHaveText('Confirmed');
    // The pending decision's spinner never ends, so wait for the dialog to be gone rather than for every animation.
    await page.mouse.move(100, 880);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await page.screenshot({ path: 'e2e/screenshots/approvals-offline.png' });
  } finally {
    await desk?.stop();
    await relay.stop();
    rmSync(deskDir, { recursive: true, force: true });
  }
});
