import { expect, test } from '@playwright/test';
import { CasePage } from './support/case-page';
import { addTextHistory, doNotContactCase, makeContactableCases, type DemoCase } from './support/demo-cases';
import { useDemoHarness } from './support/demo-harness';
import { QueuePage } from './support/queue-page';

let callCase: DemoCase;
let textCase: DemoCase;
let dncCase: DemoCase;

const demo = useDemoHarness('case', {
  prepare: (dbPath) => {
    [callCase, textCase] = makeContactableCases(dbPath, 2) as [DemoCase, DemoCase];
    addTextHistory(dbPath, textCase);
    dncCase = doNotContactCase(dbPath);
  },
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function signInAsAgent(queue: QueuePage) {
  await queue.page.goto(demo.harness.url);
  const agent = queue.page.getByRole('option').filter({ hasText: 'agent' }).first();
  await queue.signIn((await agent.locator('p').first().textContent())!);
  await queue.totalCases();
}

test('an agent finds a case, logs a call with a promise to pay, and sees the promise', async ({ page }) => {
  const queue = new QueuePage(page);
  const kase = new CasePage(page);
  await signInAsAgent(queue);
  await kase.open(queue, callCase.accountNumber, callCase.borrowerName);
  const overview = page.getByTestId('case-summary');
  await expect(overview).toContainText(callCase.accountNumber);
  await expect(overview.getByRole('table', { name: 'Contact allowed now by channel' }).locator('tr[data-channel="voice"]')).toHaveAttribute('data-verdict', 'allowed');

  // l: straight to the log form, the activity type focused; a call is cleared by the gate before it is logged.
  await page.keyboard.press('l');
  await expect(kase.tab('Interactions')).toHaveAttribute('aria-selected', 'true');
  await expect(kase.logForm.getByRole('textbox', { name: 'Activity type' })).toBeFocused();
  await expect(kase.logForm.getByRole('button', { name: 'Log call' })).toBeDisabled();
  await kase.logForm.getByRole('button', { name: 'Check before dialling' }).click();
  await expect(kase.logForm.getByTestId('contact-verdict')).toHaveAttribute('data-verdict', 'allowed');
  await kase.choose(kase.logForm, 'Outcome', 'Promise to pay');
  await kase.logForm.getByLabel('Promised amount').fill('250');
  await kase.logForm.getByLabel('Promised by').fill(inDays(7));
  await kase.logForm.getByLabel('Notes').fill('Borrower will pay from next salary.');
  await kase.logForm.getByRole('button', { name: 'Log call' }).click();
  await expect(page.locator('.mantine-Notification-root').getByText('Activity logged')).toBeVisible();
  const newest = page.getByTestId('activity-item').first();
  await expect(newest).toContainText('Promise to pay');
  await expect(newest).toContainText('Borrower will pay from next salary.');

  // p: the promise the call recorded is on the Promises tab, pending.
  await page.keyboard.press('p');
  await expect(kase.tab('Promises')).toHaveAttribute('aria-selected', 'true');
  await expect(kase.promiseForm.getByLabel('Amount')).toBeFocused();
  const made = page.getByTestId('promise-row').filter({ hasText: '250.00' });
  await expect(made).toHaveCount(1);
  await expect(made).toHaveAttribute('data-status', 'pending');

  // A second promise, then cancelled with a reason after a confirmation.
  await kase.promiseForm.getByLabel('Amount').fill('75.5');
  await kase.promiseForm.getByLabel('Due on').fill(inDays(14));
  await kase.promiseForm.getByRole('button', { name: 'Record promise' }).click();
  const second = page.getByTestId('promise-row').filter({ hasText: '75.50' });
  await expect(second).toHaveAttribute('data-status', 'pending');
  await second.getByRole('button', { name: /Cancel the promise/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel this promise?' });
  await expect(dialog.getByRole('button', { name: 'Cancel promise' })).toBeDisabled();
  await dialog.getByLabel('Reason').fill('Replaced by the promise made on the call');
  await dialog.getByRole('button', { name: 'Cancel promise' }).click();
  await expect(second).toHaveAttribute('data-status', 'cancelled');

  // A demand letter, filed with the case and previewed.
  await kase.show('Letters');
  await page.getByRole('button', { name: 'Generate demand letter' }).click();
  await expect(page.getByTestId('letter-row')).toHaveCount(1);
  await expect(page.locator('iframe[title="Demand letter PDF"]')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print' })).toBeEnabled();

  await kase.shootTabs('case', ['Overview', 'Interactions', 'Promises', 'Letters'], false);
  await kase.setTheme(true);
  await kase.shootTabs('case', ['Overview', 'Interactions', 'Promises', 'Letters'], true);
  await kase.setTheme(false);

  await page.keyboard.press('Escape');
  await expect(queue.table).toBeVisible();
  await expect(kase.screen).toHaveCount(0);
});

test('an agent texts a borrower in sandbox mode and sees the delivered mark arrive', async ({ page }) => {
  const queue = new QueuePage(page);
  const kase = new CasePage(page);
  await signInAsAgent(queue);
  await kase.open(queue, textCase.accountNumber, textCase.borrowerName);
  await page.keyboard.press('s');
  await expect(kase.tab('Messages')).toHaveAttribute('aria-selected', 'true');
  // The earlier conversation: the borrower's reply on their side, an undelivered text in red with Twilio's error.
  await expect(page.getByTestId('thread-message').filter({ hasText: 'Can I pay half next week?' })).toHaveAttribute('data-direction', 'inbound');
  await expect(page.getByTestId('thread-message').filter({ hasText: 'Half next week works' })).toContainText('Not delivered (Twilio error 30003)');
  const body = kase.sendForm.getByRole('textbox', { name: 'Message' });
  await expect(body).toBeFocused();
  await expect(kase.sendForm.getByTestId('contact-verdict')).toHaveAttribute('data-verdict', 'allowed');
  const text = `Hello ${textCase.borrowerName.split(' ')[0]}, please call us about account ${textCase.accountNumber}.`;
  await body.fill(text);
  await kase.sendForm.getByRole('button', { name: 'Send SMS' }).click();
  const sent = page.getByTestId('thread-message').filter({ hasText: text });
  await expect(sent).toHaveAttribute('data-direction', 'outbound');
  // The sandbox poller asks the simulator every 10 seconds; the ticks change without a reload.
  await expect(sent.getByTestId('delivery-status')).toHaveAttribute('data-status', 'delivered', { timeout: 25_000 });
  await expect(body).toHaveValue('');

  await kase.shootTabs('case', ['Messages'], false);
  await kase.setTheme(true);
  await kase.shootTabs('case', ['Messages'], true);
  await kase.setTheme(false);
});

test('a do-not-contact borrower: the send box, the call and letters are blocked with the reason', async ({ page }) => {
  const queue = new QueuePage(page);
  const kase = new CasePage(page);
  await signInAsAgent(queue);
  await kase.open(queue, dncCase.accountNumber, dncCase.borrowerName);
  await expect(kase.screen.getByText('Do not contact').first()).toBeVisible();

  await kase.show('Messages');
  const verdict = kase.sendForm.getByTestId('contact-verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'blocked');
  await expect(verdict).toContainText('asked not to be contacted');
  await expect(kase.sendForm.getByRole('textbox', { name: 'Message' })).toBeDisabled();
  await expect(kase.sendForm.getByRole('button', { name: 'Send SMS' })).toBeDisabled();
  await page.screenshot({ path: 'e2e/screenshots/case-dnc-messages.png' });

  await kase.show('Interactions');
  await kase.logForm.getByRole('button', { name: 'Check before dialling' }).click();
  await expect(kase.logForm.getByTestId('contact-verdict')).toHaveAttribute('data-verdict', 'blocked');
  await expect(kase.logForm.getByRole('button', { name: 'Log call' })).toBeDisabled();
  await page.screenshot({ path: 'e2e/screenshots/case-dnc-call.png' });

  await kase.show('Letters');
  const letterVerdict = kase.screen.getByRole('tabpanel', { name: 'Letters' }).getByTestId('contact-verdict');
  await expect(letterVerdict).toHaveAttribute('data-verdict', 'blocked');
  await expect(letterVerdict).toContainText('asked not to be contacted');
  await expect(page.getByRole('button', { name: 'Generate demand letter' })).toBeDisabled();
  await page.screenshot({ path: 'e2e/screenshots/case-dnc-letters.png' });
});
