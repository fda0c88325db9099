import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { newTextOptOut } from '../src-shared/domain/text-opt-outs';
import { CasePage } from './support/case-page';
import { makeContactableCases, type DemoCase } from './support/demo-cases';
import { useDemoHarness } from './support/demo-harness';
import { QueuePage } from './support/queue-page';
import { settleAnimations } from './support/settle';

let kaseData: DemoCase;
let phone: string;

/** The borrower texted STOP from their primary number an hour ago, as the inbound path records it. */
const demo = useDemoHarness('text-opt-out', {
  prepare: (dbPath) => {
    [kaseData] = makeContactableCases(dbPath, 1) as [DemoCase];
    const db = new Database(dbPath);
    try {
      phone = db.prepare('SELECT e164 FROM phones WHERE borrower_id = ? AND is_primary = 1').pluck().get(kaseData.borrowerId) as string;
      const at = new Date(Date.now() - 3_600_000).toISOString();
      const optOut = newTextOptOut(kaseData.borrowerId, phone, at, { via: 'reply', word: 'STOP', reference: 'SM00000000000000000000000000000001' });
      db.prepare(`INSERT INTO text_opt_outs (id, borrower_id, e164, opted_out_at, opt_out_via, opt_out_word, opt_out_reference) VALUES (@id, @borrower_id, @e164, @opted_out_at, @opt_out_via, @opt_out_word, @opt_out_reference)`).run(optOut);
      db.prepare('UPDATE phones SET sms_consent = 0, opted_out_at = ? WHERE borrower_id = ? AND e164 = ?').run(at, kaseData.borrowerId, phone);
    } finally {
      db.close();
    }
  },
});

test('a STOP sticks to the number: adding it again keeps texting blocked and says why; the borrower’s recorded consent restores it', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const queue = new QueuePage(page);
  const kase = new CasePage(page);
  await page.goto(demo.harness.url);
  const agent = page.getByRole('option').filter({ hasText: 'agent' }).first();
  await queue.signIn((await agent.locator('p').first().textContent())!);
  await queue.totalCases();
  await kase.open(queue, kaseData.accountNumber, kaseData.borrowerName);
  await page.getByRole('button', { name: 'Borrower profile' }).click();
  const profile = page.getByTestId('borrower-profile');
  await expect(profile.getByRole('heading', { name: kaseData.borrowerName })).toBeVisible();

  // The agent adds the same number again, primary and with texting consent ticked: saved, but texting stays blocked.
  await profile.getByRole('button', { name: 'Phone', exact: true }).click();
  const form = page.getByRole('dialog', { name: 'Add a phone number' });
  await form.getByRole('textbox', { name: 'Number' }).fill(phone);
  await kase.choose(form, 'Label', 'Work');
  await form.getByLabel('Primary number').check();
  await form.getByLabel('Consents to SMS and WhatsApp').check();
  await form.getByRole('button', { name: 'Save number' }).click();
  await expect(page.locator('.mantine-Notification-root').filter({ hasText: 'Texting stays blocked on this number' })).toBeVisible();
  const rows = profile.locator(`[data-testid="phone-${phone}"]`);
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) await expect(row).toContainText('Opted out (STOP)');
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 20_000 });
  await settleAnimations(page);
  await page.screenshot({ path: 'e2e/screenshots/borrower-text-opt-out.png' });

  // Only the borrower's consent, recorded with its source, restores texting on the number.
  await rows.first().getByRole('button', { name: "Record borrower's consent" }).click();
  const consent = page.getByRole('dialog', { name: "Record borrower's consent" });
  await expect(consent.getByRole('button', { name: 'Record consent' })).toBeDisabled();
  await kase.choose(consent, 'How the borrower gave consent', 'Signed consent form');
  await consent.getByRole('textbox', { name: 'Reference' }).fill('Consent form TC-2291');
  await settleAnimations(page);
  await page.screenshot({ path: 'e2e/screenshots/borrower-text-consent-form.png' });
  await consent.getByRole('button', { name: 'Record consent' }).click();
  await expect(page.getByText('Consent recorded: texting restored on this number')).toBeVisible();
  for (const row of await rows.all()) {
    await expect(row).not.toContainText('Opted out');
    await expect(row).toContainText('SMS consent');
  }
});
