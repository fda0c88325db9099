import { expect, test, type Page } from '@playwright/test';
import { CasePage } from './support/case-page';
import { makeContactableCases, type DemoCase } from './support/demo-cases';
import { useDemoHarness } from './support/demo-harness';
import { QueuePage } from './support/queue-page';
import { settleAnimations } from './support/settle';

let kaseData: DemoCase;

const demo = useDemoHarness('recovery', {
  prepare: (dbPath) => {
    [kaseData] = makeContactableCases(dbPath, 1) as [DemoCase];
  },
});

async function signInAsAgent(page: Page): Promise<QueuePage> {
  const queue = new QueuePage(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(demo.harness.url);
  const agent = page.getByRole('option').filter({ hasText: 'agent' }).first();
  await queue.signIn((await agent.locator('p').first().textContent())!);
  await queue.totalCases();
  return queue;
}

test('the recovery sidebar triggers an SMS reminder, executes it through the gate and shows it delivered', async ({ page }) => {
  const queue = await signInAsAgent(page);
  const kase = new CasePage(page);
  await kase.open(queue, kaseData.accountNumber, kaseData.borrowerName);
  await page.getByRole('button', { name: 'Recovery' }).click();
  const panel = page.getByTestId('recovery-panel');
  await expect(panel).toBeVisible();

  await panel.getByRole('button', { name: 'Trigger actions' }).click();
  const dialog = page.getByRole('dialog', { name: 'Trigger recovery actions' });
  await dialog.getByRole('radio', { name: 'Choose the actions' }).check();
  await dialog.getByRole('checkbox', { name: 'SMS reminder' }).check();
  await dialog.getByRole('button', { name: 'Create 1 action' }).click();
  await expect(page.getByText('1 action created, waiting to be executed')).toBeVisible();
  const action = panel.getByTestId('recovery-action').filter({ hasText: 'SMS reminder' }).first();
  await expect(action).toHaveAttribute('data-status', 'pending');

  await action.getByRole('button', { name: 'Execute' }).click();
  await expect(panel.getByTestId('execution-outcome')).toHaveAttribute('data-outcome', 'sent');
  // The sandbox carrier reports delivery; polling brings it in without a reload.
  await expect(action).toHaveAttribute('data-status', 'delivered', { timeout: 30_000 });
  await expect(action).toContainText('delivered');

  await panel.getByRole('button', { name: 'Dismiss' }).click();
  for (const dark of [false, true]) {
    await kase.setTheme(dark);
    await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
    await settleAnimations(page);
    await page.screenshot({ path: `e2e/screenshots/case-recovery-sidebar${dark ? '-dark' : ''}.png` });
  }
  await kase.setTheme(false);
  // The sidebar stays as the agent left it for the next case.
  await page.keyboard.press('Escape');
  await kase.open(queue, kaseData.accountNumber, kaseData.borrowerName);
  await expect(page.getByTestId('recovery-panel')).toBeVisible();
});

test('the activity log lists work across cases newest first, filters by type, and opens a case', async ({ page }) => {
  const queue = await signInAsAgent(page);
  const kase = new CasePage(page);
  await kase.open(queue, kaseData.accountNumber, kaseData.borrowerName);
  await kase.show('Interactions');
  for (const [type, notes] of [['Visit', 'Visited the home address; nobody in.'], ['Note', 'Borrower emailed a bank statement for review.']] as const) {
    await kase.choose(kase.logForm, 'Activity type', type);
    await kase.logForm.getByLabel('Notes').fill(notes);
    await kase.logForm.getByRole('button', { name: /^Log/ }).click();
    await expect(page.locator('.mantine-Notification-root').getByText('Activity logged')).toBeVisible();
    await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
  }

  await page.getByRole('navigation').getByRole('button', { name: 'Activity log' }).click();
  const rows = page.getByTestId('activity-log-row');
  await expect(rows.first()).toContainText('Borrower emailed a bank statement for review.');
  await expect(rows.first()).toContainText(kaseData.borrowerName);
  const total = Number((await page.getByTestId('activity-total').textContent())!.replace(/\D/g, ''));
  expect(total).toBeGreaterThan(1);

  await page.getByRole('textbox', { name: 'Type', exact: true }).click();
  await page.getByRole('option', { name: 'Note', exact: true }).click();
  await expect.poll(async () => Number((await page.getByTestId('activity-total').textContent())!.replace(/\D/g, ''))).toBeLessThan(total);
  for (const text of await rows.allTextContents()) expect(text).toContain('Note');

  for (const dark of [false, true]) {
    await kase.setTheme(dark);
    await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
    await settleAnimations(page);
    await page.screenshot({ path: `e2e/screenshots/activity-log${dark ? '-dark' : ''}.png` });
  }
  await kase.setTheme(false);

  await rows.first().click();
  await expect(kase.screen.getByRole('heading', { name: kaseData.borrowerName })).toBeVisible();
});
