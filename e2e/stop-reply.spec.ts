import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { CasePage } from './support/case-page';
import { makeContactableCases, type DemoCase } from './support/demo-cases';
import { useDemoHarness } from './support/demo-harness';
import { QueuePage } from './support/queue-page';
import { settleAnimations } from './support/settle';

let kaseData: DemoCase;
const demo = useDemoHarness('stop', {
  prepare: (dbPath) => ([kaseData] = makeContactableCases(dbPath, 1) as [DemoCase]),
  harness: { sandboxReplies: true },
});

test('a STOP reply from the borrower revokes SMS consent on screen: the thread shows it, the send box blocks, the profile says opted out', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const queue = new QueuePage(page);
  const kase = new CasePage(page);
  await page.goto(demo.harness.url);
  const agent = page.getByRole('option').filter({ hasText: 'agent' }).first();
  await queue.signIn((await agent.locator('p').first().textContent())!);
  await queue.totalCases();
  await kase.open(queue, kaseData.accountNumber, kaseData.borrowerName);

  await kase.show('Messages');
  await expect(kase.sendForm.getByTestId('contact-verdict')).toHaveAttribute('data-verdict', 'allowed');
  await kase.sendForm.getByRole('textbox', { name: 'Message' }).fill('Your payment is past due. Reply to arrange it, or STOP to opt out.');
  await kase.sendForm.getByRole('button', { name: 'Send SMS' }).click();
  await expect(page.locator('.mantine-Notification-root').getByText('SMS sent')).toBeVisible();

  // The borrower answers STOP from their phone, through the sandbox carrier.
  const db = new Database(demo.dbPath, { readonly: true });
  const phone = db.prepare('SELECT e164 FROM phones WHERE borrower_id = ? AND is_primary = 1').pluck().get(kaseData.borrowerId) as string;
  db.close();
  const replied = await fetch(new URL('/__sandbox/reply', demo.harness.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: phone, text: 'STOP' }) });
  expect(replied.status).toBe(200);

  // Polling brings the reply in (every 10 s without a relay); the screen updates without a reload.
  await expect(page.locator('[data-testid="thread-message"][data-direction="inbound"]').filter({ hasText: 'STOP' })).toBeVisible({ timeout: 30_000 });
  const verdict = kase.sendForm.getByTestId('contact-verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'blocked', { timeout: 15_000 });
  await expect(verdict).toContainText('opted out');
  await expect(kase.sendForm.getByRole('button', { name: 'Send SMS' })).toBeDisabled();
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
  await settleAnimations(page);
  await page.screenshot({ path: 'e2e/screenshots/case-stop-reply.png' });

  await kase.show('Overview');
  await page.getByRole('button', { name: 'Borrower profile' }).click();
  const row = page.getByTestId(`phone-${phone}`);
  await expect(row).toContainText('Opted out (STOP)');
});
