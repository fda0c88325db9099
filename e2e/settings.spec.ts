import { expect, test, type Page } from '@playwright/test';
import { useDemoHarness } from './support/demo-harness';
import { QueuePage } from './support/queue-page';
import { settleAnimations } from './support/settle';
import { setTheme } from './support/theme';

const demo = useDemoHarness('settings');

const ADMIN = 'Nadia Persaud';
const SUPERVISOR = 'Marcus Bennett';

async function openSettings(page: Page, name: string): Promise<QueuePage> {
  const queue = new QueuePage(page);
  await page.goto(demo.harness.url);
  await queue.signIn(name);
  await page.getByRole('link', { name: 'Settings' }).or(page.getByText('Settings', { exact: true })).first().click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
  return queue;
}

const section = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });

test('an admin’s template edit shows in the preview as they type, a broken one shows its line, and the saved one is marked edited', async ({ page }) => {
  await openSettings(page, ADMIN);
  await section(page, 'Templates').click();
  const text = page.getByTestId('template-text');
  const preview = page.getByTestId('template-preview');
  await expect(text).toHaveValue(/\{\{borrower_name\}\}, this is \{\{lender_name\}\}/);
  await expect(preview.getByTestId('template-preview-body')).toContainText('Reply STOP to opt out.');

  await text.fill('URGENT for {{borrower_name}}: {{money amount_overdue currency}} is overdue on {{loan_id}}.');
  await expect(preview.getByTestId('template-preview-body')).toHaveText(/^URGENT for [^:{}]+: \S*\d[\d,.]* is overdue on [^{}\s]+\.\nReply STOP to opt out\.$/);

  await text.fill('URGENT\n\n{{borrower_name}');
  await expect(page.getByTestId('template-problem')).toContainText('Line 3');
  await expect(page.getByTestId('template-problem')).toContainText('Parse error on line 3');
  await expect(page.getByRole('button', { name: 'Save template' })).toBeDisabled();

  // The same template in Spanish for a critical case: the preview follows language and severity.
  const controls = page.getByTestId('template-controls');
  await controls.getByText('Español', { exact: true }).click();
  await expect(text).toHaveValue(/le escribe/);
  await controls.getByText('critical', { exact: true }).click();
  await text.fill('Aviso {{severity}} para {{borrower_name}}: {{money amount_overdue currency}}.');
  await expect(preview.getByTestId('template-preview-body')).toContainText('Aviso critical para ');
  await expect(preview.getByTestId('template-preview-body')).toContainText('Responda STOP para darse de baja.');
  await expect(preview).toContainText('es/sms_payment_default_critical instead');
  await page.getByRole('button', { name: 'Save template' }).click();
  await expect(page.getByText('Template saved: the next message uses it')).toBeVisible();
  await expect(page.getByText(`Edited by ${ADMIN}`)).toBeVisible();
  await expect(text).toHaveValue('Aviso {{severity}} para {{borrower_name}}: {{money amount_overdue currency}}.');
});

test('an admin changes an SLA timer and a dunning step, and finds both saved after a reload', async ({ page }) => {
  await openSettings(page, ADMIN);
  await section(page, 'SLA timers').click();
  const firstContact = page.getByLabel('Mid 31–60 first contact hours');
  await firstContact.fill('10');
  await page.getByRole('button', { name: 'Save SLA timers' }).click();
  await expect(page.getByText('SLA timers saved')).toBeVisible();

  await section(page, 'Dunning').click();
  const steps = page.getByTestId('dunning-steps');
  const firstDay = steps.getByLabel('Step 1 day past due');
  const before = Number(await firstDay.inputValue());
  await firstDay.fill(String(before + 2));
  await page.getByRole('button', { name: 'Save schedule' }).click();
  await expect(page.getByText('Dunning schedule saved')).toBeVisible();

  // A product gets a late fee: 150.00 flat plus 2.5% of the amount due, saved in minor units and basis points.
  await section(page, 'Fee schedules').click();
  await page.getByRole('button', { name: 'New fee schedule' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Flat fee').fill('150');
  await dialog.getByLabel('Percentage of amount due').fill('2.5');
  await dialog.getByRole('button', { name: 'Save fee schedule' }).click();
  await expect(page.getByText('Fee schedule saved')).toBeVisible();
  await expect(page.getByRole('table').filter({ hasText: 'Grace days' }).locator('tbody tr')).toContainText(['150.00']);
  await expect(page.getByRole('table').filter({ hasText: 'Grace days' }).locator('tbody tr')).toContainText(['2.5%']);

  // A fresh sign-in reads everything again from main.
  await openSettings(page, ADMIN);
  await section(page, 'SLA timers').click();
  await expect(page.getByLabel('Mid 31–60 first contact hours')).toHaveValue('10');
  await section(page, 'Dunning').click();
  await expect(page.getByTestId('dunning-steps').getByLabel('Step 1 day past due')).toHaveValue(String(before + 2));
});

test('a supervisor reads the configuration but cannot change it, and has no users or tape import section', async ({ page }) => {
  await openSettings(page, SUPERVISOR);
  await expect(page.getByText('Read only: administrators change settings')).toBeVisible();
  await expect(section(page, 'Users and roles')).toHaveCount(0);
  await expect(section(page, 'Loan tape import')).toHaveCount(0);
  await section(page, 'SLA timers').click();
  await expect(page.getByLabel('Early 1–30 first contact hours')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Save SLA timers' })).toHaveCount(0);
  await section(page, 'Templates').click();
  await expect(page.getByTestId('template-preview-body')).toContainText('Reply STOP to opt out.');
  await expect(page.getByRole('button', { name: 'Save template' })).toHaveCount(0);
});

test('screenshots of every settings section in both themes', async ({ page }) => {
  await openSettings(page, ADMIN);
  for (const dark of [false, true]) {
    await setTheme(page, dark);
    for (const [name, file] of [
      ['Communications', 'communications'], ['Sync', 'sync'], ['Scheduler', 'scheduler'], ['Templates', 'templates'], ['Users and roles', 'users'],
      ['Queues', 'queues'], ['Dunning', 'dunning'], ['SLA timers', 'sla'], ['Fee schedules', 'fees'],
    ] as const) {
      await section(page, name).click();
      await expect(page.getByRole('heading', { level: 3 }).first()).toBeVisible();
      await expect(page.getByLabel(/^Loading/)).toHaveCount(0);
      if (file === 'templates') await expect(page.getByTestId('template-preview-body')).toBeVisible();
      await settleAnimations(page);
      await page.screenshot({ path: `e2e/screenshots/settings-${file}${dark ? '-dark' : ''}.png` });
    }
  }
  // A letter previews as the printed page would read; a queue opens in its editor.
  await section(page, 'Templates').click();
  await page.getByText('demand', { exact: true }).click();
  await expect(page.getByTitle('Letter preview')).toBeVisible();
  await expect(page.frameLocator('iframe[title="Letter preview"]').locator('body')).toContainText(/\S+/);
  await page.screenshot({ path: 'e2e/screenshots/settings-templates-letter-dark.png' });
  await section(page, 'Queues').click();
  await page.getByRole('button', { name: 'Edit' }).first().click();
  await expect(page.getByRole('dialog')).toContainText('Rules');
  await settleAnimations(page);
  await page.screenshot({ path: 'e2e/screenshots/settings-queue-edit-dark.png' });
});
