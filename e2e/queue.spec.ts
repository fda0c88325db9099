import { expect, test } from '@playwright/test';
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
  await expect(queue.rows).toHaveCount(Math.min(all, 50));
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
  const first = queue.rows.first();
  const account = (await first.locator('td:nth-child(2)').textContent())!;
  const before = (await first.locator('td:nth-child(10)').textContent())!;
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
  await expect(queue.rows.first().locator('td:nth-child(10)')).toHaveText(agentName);
});
