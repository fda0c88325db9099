import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { useDemoHarness } from './support/demo-harness';
import { QueuePage } from './support/queue-page';

const demo = useDemoHarness('alerts');

test('a reply arriving while a supervisor works raises a desktop notification and a toast that opens the case', async ({ page }) => {
  // The OS notification as the page makes it: recorded, since a headless browser has no desktop to show it on.
  await page.addInitScript(() => {
    const shown: { title: string; body: string }[] = [];
    (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
    class RecordedNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      onclick: (() => void) | null = null;
      constructor(title: string, options: { body: string }) {
        shown.push({ title, body: options.body });
      }
    }
    (window as unknown as { Notification: unknown }).Notification = RecordedNotification;
  });
  const queue = new QueuePage(page);
  await page.goto(demo.harness.url);
  const supervisor = page.getByRole('option').filter({ hasText: 'supervisor' }).first();
  await queue.signIn((await supervisor.locator('p').first().textContent())!);
  await queue.totalCases();

  const db = new Database(demo.dbPath);
  const kase = db.prepare('SELECT c.id, c.borrower_name, l.borrower_id FROM cases c JOIN loans l ON l.id = c.loan_id WHERE c.active = 1 ORDER BY c.id LIMIT 1').get() as { id: string; borrower_name: string; borrower_id: string };
  db.prepare(`INSERT INTO messages (id, borrower_id, case_id, channel, direction, from_address, to_address, body, status, at) VALUES ('e2e-reply', ?, ?, 'sms', 'inbound', '+18685550100', '+15005550006', 'I can pay half on Friday', 'received', ?)`)
    .run(kase.borrower_id, kase.id, new Date().toISOString());
  db.close();

  await expect.poll(() => page.evaluate(() => (window as unknown as { shownNotifications: { title: string; body: string }[] }).shownNotifications), { timeout: 30_000 })
    .toContainEqual({ title: `Reply from ${kase.borrower_name}`, body: 'I can pay half on Friday' });
  const toast = page.locator('.mantine-Notification-root').filter({ hasText: `Reply from ${kase.borrower_name}` });
  await expect(toast).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/desktop-alert-reply.png' });
  await toast.getByText('I can pay half on Friday').click();
  await expect(page.getByTestId('case-screen').getByRole('heading', { name: kase.borrower_name })).toBeVisible();
});
