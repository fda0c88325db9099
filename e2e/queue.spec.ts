import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { startHarness, type RunningHarness } from './support/harness';
import { QueuePage } from './support/queue-page';

let harness: RunningHarness;
test.beforeAll(async () => {
  harness = await startHarness();
});
test.afterAll(async () => {
  await harness.stop();
});

test('an agent signs in, then finds, filters, sorts and opens cases in the queue', async ({ page }) => {
  const queue = new QueuePage(page);
  await page.goto(harness.url);
  const agentOption = page.getByRole('option').filter({ hasText: 'agent' }).first();
  const agentName = (await agentOption.locator('p').first().textContent())!;
  await queue.signIn(agentName);
  await expect(page.getByTestId('signed-in-user')).toContainText('agent');
  // No Twilio or SMTP settings in the harness: the header says nothing can reach a borrower.
  await expect(page.getByTestId('sandbox-badge')).toHaveText('Sandbox mode');

  const all = await queue.totalCases();
  expect(all).toBeGreaterThan(10);
  // A window over the whole queue: only the rows in view, and a few around them, are in the page.
  await expect(queue.rows.first()).toBeVisible();
  expect(await queue.rows.count()).toBeLessThan(all);
  await page.getByTestId('queue-scroller').evaluate((element) => element.scrollTo(0, element.scrollHeight));
  await expect(queue.table.locator(`tr[data-index="${all - 1}"][data-case-id]`)).toBeVisible();
  await page.getByTestId('queue-scroller').evaluate((element) => element.scrollTo(0, 0));
  await page.screenshot({ path: 'e2e/screenshots/queue.png' });
  await page.getByRole('button', { name: 'Toggle color scheme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.screenshot({ path: 'e2e/screenshots/queue-dark.png' });
  await page.getByRole('button', { name: 'Toggle color scheme' }).click();

  await page.getByRole('button', { name: 'DPD' }).click();
  const dpds = (await queue.rows.locator('td:nth-child(3)').allTextContents()).map(Number);
  expect(dpds).toEqual([...dpds].sort((a, b) => b - a));

  await queue.pickFromMultiSelect('Stage', 'Severe 90+');
  await expect.poll(() => queue.totalCases()).toBeLessThan(all);
  const stages = await queue.rows.locator('td:nth-child(6)').allTextContents();
  expect(stages.length).toBeGreaterThan(0);
  expect(new Set(stages)).toEqual(new Set(['Severe 90+']));

  const account = (await queue.rows.first().locator('td:nth-child(2)').textContent())!;
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.getByLabel('Search cases').fill(account);
  await expect.poll(() => queue.totalCases()).toBe(1);
  await queue.rows.first().click();
  const summary = page.getByTestId('case-summary');
  await expect(summary).toContainText(account);
  await expect(summary).toContainText('Days past due');
  await expect(summary.getByLabel('Assigned agent')).toHaveCount(0);
  await queue.settle();
  await page.screenshot({ path: 'e2e/screenshots/case-drawer.png' });
});

test('a supervisor reassigns a case and the queue shows the new agent', async ({ page }) => {
  const queue = new QueuePage(page);
  await page.goto(harness.url);
  const supervisorOption = page.getByRole('option').filter({ hasText: 'supervisor' }).first();
  await queue.signIn((await supervisorOption.locator('p').first().textContent())!);
  await queue.totalCases();
  // A supervisor's queue starts with the bulk-selection checkbox column.
  const first = queue.rows.first();
  const account = (await first.locator('td:nth-child(3)').textContent())!;
  const before = (await first.locator('td:nth-child(11)').textContent())!;
  await first.click();
  const picker = page.getByTestId('case-summary').getByRole('textbox', { name: 'Assigned agent' });
  await picker.click();
  const target = page.getByRole('option').filter({ hasNotText: before }).filter({ hasNotText: 'Unassigned' }).first();
  const agentName = (await target.textContent())!;
  await target.click();
  await expect(page.getByText('Assignment saved')).toBeVisible();
  await queue.settle();
  await page.screenshot({ path: 'e2e/screenshots/case-drawer-supervisor.png' });
  await page.keyboard.press('Escape');
  await page.getByLabel('Search cases').fill(account);
  await expect.poll(() => queue.totalCases()).toBe(1);
  await expect(queue.rows.first().locator('td:nth-child(11)')).toHaveText(agentName);
});

test('from the keyboard: / searches, j/k move, Enter opens, j in a case opens the next; ? lists the keys; Next account opens my top case', async ({ page }) => {
  const queue = new QueuePage(page);
  await page.goto(harness.url);
  const agentOption = page.getByRole('option').filter({ hasText: 'agent' }).first();
  const agentName = (await agentOption.locator('p').first().textContent())!;
  await queue.signIn(agentName);
  await queue.totalCases();

  await page.keyboard.press('/');
  await expect(page.getByLabel('Search cases')).toBeFocused();
  await page.getByLabel('Search cases').blur();
  await page.keyboard.press('j');
  await expect(queue.table.locator('tr[data-index="0"]')).toBeFocused();
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await expect(queue.table.locator('tr[data-index="1"]')).toBeFocused();
  const second = (await queue.rows.nth(1).locator('td:nth-child(1) p').first().textContent())!;
  const third = (await queue.rows.nth(2).locator('td:nth-child(1) p').first().textContent())!;
  await page.keyboard.press('Enter');
  const screen = page.getByTestId('case-screen');
  await expect(screen.getByRole('heading', { name: second })).toBeVisible();
  await page.keyboard.press('j');
  await expect(screen.getByRole('heading', { name: third })).toBeVisible();
  await page.keyboard.press('k');
  await expect(screen.getByRole('heading', { name: second })).toBeVisible();

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Next case in the queue');
  await queue.settle();
  await page.screenshot({ path: 'e2e/screenshots/shortcuts-help.png' });
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Next account' }).click();
  await expect(screen).toContainText(`Worked by ${agentName}`);
});

test('a supervisor selects rows, or every match, reassigns them in bulk, and exports the queue as CSV', async ({ page }) => {
  const queue = new QueuePage(page);
  await page.goto(harness.url);
  const supervisorOption = page.getByRole('option').filter({ hasText: 'supervisor' }).first();
  await queue.signIn((await supervisorOption.locator('p').first().textContent())!);
  const all = await queue.totalCases();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^recourse-queue-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = readFileSync((await file.path())!, 'utf8').trim().split('\n');
  expect(lines[0]).toContain('Account,Borrower,DPD');
  expect(lines).toHaveLength(all + 1);

  await queue.rows.nth(0).getByRole('checkbox').check();
  await queue.rows.nth(1).focus();
  await page.keyboard.press('x');
  await expect(page.getByTestId('selected-count')).toHaveText('2 selected');
  const accounts = [await queue.rows.nth(0).locator('td:nth-child(3)').textContent(), await queue.rows.nth(1).locator('td:nth-child(3)').textContent()];
  const bar = page.getByRole('region', { name: 'Bulk actions' });
  await bar.getByRole('textbox', { name: 'Assign to' }).click();
  const target = page.getByRole('option').filter({ hasNotText: 'Unassigned' }).first();
  const agentName = (await target.textContent())!;
  await target.click();
  await queue.settle();
  await page.screenshot({ path: 'e2e/screenshots/queue-bulk-assign.png' });
  await bar.getByRole('button', { name: 'Assign' }).click();
  await expect(page.getByTestId('selected-count')).toHaveCount(0);
  for (const account of accounts) {
    await expect(queue.table.locator('tr[data-case-id]').filter({ hasText: account! }).locator('td:nth-child(11)')).toHaveText(agentName);
  }

  await queue.pickFromMultiSelect('Priority', 'HIGH');
  await expect.poll(() => queue.totalCases()).toBeLessThan(all);
  const high = await queue.totalCases();
  await queue.rows.first().getByRole('checkbox').check();
  await page.getByRole('button', { name: `Select all ${high} matching` }).click();
  await expect(page.getByTestId('selected-count')).toHaveText(`${high} selected`);
  await page.getByRole('button', { name: 'Clear selection' }).click();
  await expect(page.getByTestId('selected-count')).toHaveCount(0);
});

test('an agent opens a case by account number, then a batch; a batch with an unknown account opens nothing and names it', async ({ page }) => {
  const db = new Database(harness.dbPath, { readonly: true });
  const free = db.prepare(`SELECT l.account_number FROM loans l WHERE l.status = 'active' AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.loan_id = l.id AND c.active = 1)
    ORDER BY l.account_number LIMIT 4`).pluck().all() as string[];
  const name = db.prepare(`SELECT b.first_name || ' ' || b.last_name FROM loans l JOIN borrowers b ON b.id = l.borrower_id WHERE l.account_number = ?`).pluck().get(free[0]) as string;
  db.close();
  expect(free).toHaveLength(4);
  const queue = new QueuePage(page);
  await page.goto(harness.url);
  const agentOption = page.getByRole('option').filter({ hasText: 'agent' }).first();
  await queue.signIn((await agentOption.locator('p').first().textContent())!);
  const before = await queue.totalCases();

  await page.getByRole('button', { name: 'New case' }).click();
  let dialog = page.getByRole('dialog', { name: 'Open cases' });
  await dialog.getByRole('textbox', { name: 'Account number' }).fill(free[0]!);
  await queue.settle();
  await page.screenshot({ path: 'e2e/screenshots/queue-new-case.png' });
  await dialog.getByRole('button', { name: 'Open case' }).click();
  await expect(page.getByTestId('case-screen').getByRole('heading', { name })).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'New case' }).click();
  dialog = page.getByRole('dialog', { name: 'Open cases' });
  await dialog.getByText('A batch').click();
  await dialog.getByRole('textbox', { name: 'Account numbers' }).fill(`${free[1]}\nRC-999999\n${free[2]}`);
  await dialog.getByRole('button', { name: 'Open 3 cases' }).click();
  await expect(dialog.getByRole('alert')).toContainText('RC-999999');
  await dialog.getByRole('textbox', { name: 'Account numbers' }).fill(`${free[1]}\n${free[2]}\n${free[3]}`);
  await dialog.getByRole('button', { name: 'Open 3 cases' }).click();
  await expect(page.locator('.mantine-Notification-root').getByText('3 cases opened')).toBeVisible();
  await expect.poll(() => queue.totalCases()).toBe(before + 4);
});
