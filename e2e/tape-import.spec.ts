import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import type { RecourseApi } from '../src-shared/contract';
import { writeTape, type Tape } from '../src-main/tape/write-tape';
import { useDemoHarness } from './support/demo-harness';
import { QueuePage } from './support/queue-page';
import { settleAnimations } from './support/settle';
import { setTheme } from './support/theme';

const demo = useDemoHarness('tape');

const LOANS = 400;
const INSTALLMENTS = 12;

/** LOANS borrowers with a loan each, a year of monthly installments from January 2026, the first two paid. */
function tape(badDate = false): Tape {
  const ids = Array.from({ length: LOANS }, (_, index) => String(index + 1).padStart(4, '0'));
  return {
    borrowers: ids.map((id) => ({ borrower_id: `TB-${id}`, first_name: 'Tape', last_name: `Borrower ${id}`, language: 'en', timezone: 'America/Port_of_Spain', jurisdiction: 'TT', do_not_contact: false, vulnerable: false, hardship: false })),
    phones: ids.map((id) => ({ borrower_id: `TB-${id}`, phone: `868-620-${id}`, type: 'mobile', is_primary: true, sms_consent: true })),
    loans: ids.map((id) => ({ account_number: `TAPE-${id}`, borrower_id: `TB-${id}`, product: 'personal_loan', currency: 'TTD', principal: '1200.00', interest_rate_pct: '0', originated_on: '2025-12-15' })),
    installments: ids.flatMap((id) =>
      Array.from({ length: INSTALLMENTS }, (_, seq) => ({
        account_number: `TAPE-${id}`, seq: seq + 1, due_on: badDate && id === '0003' && seq === 4 ? '2026-05-32' : `2026-${String(seq + 1).padStart(2, '0')}-15`,
        principal_due: '100.00', interest_due: '0', fees_due: '0',
      })),
    ),
    payments: ids.flatMap((id) => [1, 2].map((month) => ({ account_number: `TAPE-${id}`, paid_on: `2026-0${month}-14`, amount: '100.00', reference: `P-${id}-${month}` }))),
  };
}

const ADMIN = 'Nadia Persaud';

async function openTapeImport(page: Page): Promise<void> {
  const queue = new QueuePage(page);
  await page.goto(demo.harness.url);
  await queue.signIn(ADMIN);
  await page.getByRole('link', { name: 'Settings' }).or(page.getByText('Settings', { exact: true })).first().click();
  await page.getByRole('tab', { name: 'Loan tape import', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Loan tape import', level: 3 })).toBeVisible();

}

async function screenshot(page: Page, name: string) {
  for (const dark of [false, true]) {
    await setTheme(page, dark);
    // Away from the theme button, whose tooltip would cover the header.
    await page.mouse.move(600, 10);
    await settleAnimations(page);
    await page.screenshot({ path: `e2e/screenshots/${name}${dark ? '-dark' : ''}.png`, fullPage: true });
  }
}

test('an admin imports a refused tape, sees the bad line and nothing written, then a good one whose loans reach the queue', async ({ page }) => {
  await openTapeImport(page);
  writeTape(join(demo.dir, 'bad'), tape(true));
  writeTape(join(demo.dir, 'good'), tape());

  await page.getByLabel('Tape folder').fill(join(demo.dir, 'bad'));
  await page.getByRole('button', { name: 'Import tape' }).click();
  const problems = page.getByTestId('tape-problems');
  await expect(problems).toContainText('installments.csv:30: due_on "2026-05-32" is not a real date (YYYY-MM-DD)');
  await expect(problems).toContainText('Nothing was imported.');
  await screenshot(page, 'settings-tape-refused');

  // The renderer hears every step as it happens, then sees the outcome.
  await page.evaluate(() => {
    const seen: string[] = [];
    const browser = window as unknown as { tapeSteps: string[]; api: RecourseApi };
    browser.tapeSteps = seen;
    browser.api.on('tape.progress', ({ step }) => seen.at(-1) !== step && seen.push(step));
  });
  await page.getByLabel('Tape folder').fill(join(demo.dir, 'good'));
  await page.getByRole('button', { name: 'Import tape' }).click();
  const imported = page.getByTestId('tape-imported');
  await expect(imported).toBeVisible({ timeout: 60_000 });
  await expect(problems).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { tapeSteps: string[] }).tapeSteps)).toEqual(['reading', 'checking', 'writing']);
  await expect(imported.getByRole('row', { name: /^Loans/ })).toContainText(String(LOANS));
  await expect(imported.getByRole('row', { name: /^Installments/ })).toContainText((LOANS * INSTALLMENTS).toLocaleString('en'));
  await expect(imported).toContainText(/Daily run as of \d{4}-\d{2}-\d{2}: [\d,]+ loans judged/);
  await expect(page.getByTestId('tape-import-progress')).toBeVisible();
  await screenshot(page, 'settings-tape-imported');

  // The loans, behind since March, are in the queue at once.
  await page.getByRole('link', { name: 'Collections queue' }).or(page.getByText('Collections queue', { exact: true })).first().click();
  await page.getByLabel('Search cases').fill('TAPE-0042');
  await expect(page.getByRole('row', { name: /TAPE-0042/ })).toBeVisible();
});
