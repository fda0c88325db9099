import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { doNotContactCase, makeContactableCases, type DemoCase } from './support/demo-cases';
import { useDemoHarness } from './support/demo-harness';
import { QueuePage } from './support/queue-page';
import { settleAnimations } from './support/settle';
import { setTheme } from './support/theme';

let borrower: DemoCase;
let jurisdiction: string;
let refused: DemoCase;

const demo = useDemoHarness('compliance', {
  prepare: (dbPath) => {
    // A Caribbean borrower moved to a zone where it is about 1 p.m., with no contact this week: a call is allowed now.
    [borrower] = makeContactableCases(dbPath, 1) as [DemoCase];
    const db = new Database(dbPath, { readonly: true });
    jurisdiction = db.prepare('SELECT jurisdiction FROM borrowers WHERE id = ?').pluck().get(borrower.borrowerId) as string;
    db.close();
    refused = doNotContactCase(dbPath);
  },
});

const ADMIN = 'Nadia Persaud';
const SUPERVISOR = 'Marcus Bennett';

async function openCompliance(page: Page, name: string): Promise<void> {
  await page.goto(demo.harness.url);
  await new QueuePage(page).signIn(name);
  await page.getByRole('button', { name: 'Compliance', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Compliance', level: 2 })).toBeVisible();
}

async function checkBorrower(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Can I contact now?' }).click();
  const picker = page.getByRole('textbox', { name: 'Borrower (account number)' });
  await picker.fill(borrower.accountNumber);
  await page.getByRole('option', { name: new RegExp(borrower.accountNumber) }).click();
}

const ruleRow = (page: Page) => page.locator(`[data-testid="compliance-rule"][data-jurisdiction="${jurisdiction}"]`);

test('an admin narrows a jurisdiction’s contact hours and the checker’s answer for its borrower flips from allowed to not now, then back on reset', async ({ page }) => {
  await openCompliance(page, ADMIN);
  await checkBorrower(page);
  const verdict = page.getByTestId('contact-verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'allowed');
  await expect(verdict).toContainText('Voice call is allowed now');
  await expect(page.getByTestId('contact-attempt').first().or(page.getByText('No contact with this borrower on record.'))).toBeVisible();

  await page.getByRole('tab', { name: 'Rules per jurisdiction' }).click();
  await ruleRow(page).getByRole('button', { name: `Edit ${jurisdiction} rule` }).click();
  const editor = page.getByRole('dialog');
  // The borrower's clock reads about 1 p.m.; an early-morning window shuts them out now.
  await editor.getByLabel('Contact hours from').fill('06:00');
  await editor.getByLabel('Until (exclusive)').fill('07:00');
  await editor.getByRole('button', { name: 'Save rule' }).click();
  await expect(page.getByText(`${jurisdiction} rule saved`)).toBeVisible();
  await expect(ruleRow(page).getByTestId('rule-hours')).toHaveText('06:00–07:00');
  await expect(ruleRow(page)).toContainText('Stored');

  await checkBorrower(page);
  await expect(verdict).toHaveAttribute('data-verdict', 'later');
  await expect(verdict).toContainText('Voice call is not allowed right now');
  await expect(verdict).toContainText("Outside the borrower's permitted contact hours");
  await expect(verdict).toContainText('Next allowed');
  await settleAnimations(page);
  await page.screenshot({ path: 'e2e/screenshots/compliance-checker-not-now.png' });

  await page.getByRole('tab', { name: 'Rules per jurisdiction' }).click();
  await ruleRow(page).getByRole('button', { name: `Edit ${jurisdiction} rule` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Reset to preset' }).click();
  await expect(page.getByText(`${jurisdiction} is back on its preset`)).toBeVisible();
  await expect(ruleRow(page)).toContainText('Preset');
  await checkBorrower(page);
  await expect(verdict).toHaveAttribute('data-verdict', 'allowed');
});

test('an admin’s invalid hours are refused beside the field and nothing changes', async ({ page }) => {
  await openCompliance(page, ADMIN);
  await ruleRow(page).getByRole('button', { name: `Edit ${jurisdiction} rule` }).click();
  const editor = page.getByRole('dialog');
  await editor.getByLabel('Contact hours from').fill('18:00');
  await editor.getByLabel('Until (exclusive)').fill('09:00');
  await editor.getByRole('button', { name: 'Save rule' }).click();
  await expect(editor.getByText('must not be before the start')).toBeVisible();
  await editor.getByRole('button', { name: 'Cancel' }).click();
  await expect(ruleRow(page).getByTestId('rule-hours')).not.toHaveText('18:00–09:00');
});

test('a supervisor reads the rules but cannot change them', async ({ page }) => {
  await openCompliance(page, SUPERVISOR);
  await expect(page.getByText('Read only: administrators change the rules')).toBeVisible();
  await ruleRow(page).getByRole('button', { name: `View ${jurisdiction} rule` }).click();
  await expect(page.getByRole('dialog').getByLabel('Contact hours from')).toBeDisabled();
  await expect(page.getByRole('dialog').getByRole('button', { name: 'Save rule' })).toHaveCount(0);
});

test('a call the gate refuses shows in the blocked report under its reason and channel, and in the CSV export', async ({ page }) => {
  await openCompliance(page, SUPERVISOR);
  // The supervisor starts a call to a do-not-contact borrower through the app's own channel; the gate records it as blocked.
  const verdict = await page.evaluate(
    (caseId) => (window as unknown as { api: Record<string, (input: unknown) => Promise<unknown>> }).api['compliance.prepareCall']!({ caseId }),
    refused.caseId,
  );
  expect(verdict).toMatchObject({ ok: true, value: { allowed: false } });
  await page.getByRole('tab', { name: 'Blocked contacts' }).click();
  await expect(page.getByTestId('blocked-total')).toContainText(/\d+ blocked contact/);
  await expect(page.locator('[data-testid="blocked-group"][data-reason="do_not_contact"][data-channel="voice"]')).toBeVisible();
  await expect(page.getByTestId('blocked-attempt').filter({ hasText: refused.accountNumber }).first()).toContainText('do-not-contact');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const csv = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(csv as Buffer[]).toString('utf8');
  expect(text.split('\n')[0]).toBe('at,channel,account_number,borrower,jurisdiction,reasons');
  expect(text).toContain(refused.accountNumber);
});

test('screenshots of the compliance screen in both themes', async ({ page }) => {
  await openCompliance(page, ADMIN);
  for (const dark of [false, true]) {
    await setTheme(page, dark);
    const suffix = dark ? '-dark' : '';
    await page.getByRole('tab', { name: 'Rules per jurisdiction' }).click();
    await expect(ruleRow(page)).toBeVisible();
    await settleAnimations(page);
    await page.screenshot({ path: `e2e/screenshots/compliance-rules${suffix}.png` });
    await ruleRow(page).getByRole('button', { name: `Edit ${jurisdiction} rule` }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await settleAnimations(page);
    await page.screenshot({ path: `e2e/screenshots/compliance-rule-edit${suffix}.png` });
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await checkBorrower(page);
    await expect(page.getByTestId('contact-verdict')).toBeVisible();
    await expect(page.getByLabel(/^Loading/)).toHaveCount(0);
    await settleAnimations(page);
    await page.screenshot({ path: `e2e/screenshots/compliance-checker${suffix}.png` });
    await page.getByRole('tab', { name: 'Blocked contacts' }).click();
    await expect(page.getByTestId('blocked-total').or(page.getByText('No contact was blocked in this range.'))).toBeVisible();
    await settleAnimations(page);
    await page.screenshot({ path: `e2e/screenshots/compliance-blocked${suffix}.png` });
  }
});
