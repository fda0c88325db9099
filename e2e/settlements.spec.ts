import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { CasePage } from './support/case-page';
import { doNotContactCase, type DemoCase } from './support/demo-cases';
import { useDemoHarness } from './support/demo-harness';
import { QueuePage } from './support/queue-page';
import { settleAnimations } from './support/settle';

let forgedCase: DemoCase;
let approvedCase: DemoCase;
let dncCase: DemoCase;

/**
 * Active cases more than 90 days past due with no offer yet: the calculator offers them a lump
 * sum at the table's largest discount, 20%, which needs a supervisor (above 10%).
 */
function severeCases(path: string, count: number): DemoCase[] {
  const db = new Database(path, { readonly: true });
  try {
    const found = db.prepare(`SELECT c.id AS caseId, c.account_number AS accountNumber, c.borrower_name AS borrowerName, l.borrower_id AS borrowerId
      FROM cases c JOIN loans l ON l.id = c.loan_id
      WHERE c.active = 1 AND c.dpd > 90 AND c.balance_minor > 0 AND NOT EXISTS (SELECT 1 FROM settlement_offers o WHERE o.case_id = c.id)
      ORDER BY c.priority_score DESC LIMIT ?`).all(count) as DemoCase[];
    if (found.length < count) throw new Error(`the demo portfolio has only ${found.length} cases past 90 days without an offer`);
    return found;
  } finally {
    db.close();
  }
}

function storedOfferStatus(offerId: string): string {
  const db = new Database(demo.dbPath, { readonly: true });
  try {
    return db.prepare('SELECT status FROM settlement_offers WHERE id = ?').pluck().get(offerId) as string;
  } finally {
    db.close();
  }
}

const demo = useDemoHarness('settlements', {
  prepare: (dbPath) => {
    [forgedCase, approvedCase] = severeCases(dbPath, 2) as [DemoCase, DemoCase];
    dncCase = doNotContactCase(dbPath);
  },
});

/** A fresh page load is a fresh session: the sign-in screen, then the first user of the role. */
async function signInAs(queue: QueuePage, role: 'agent' | 'supervisor') {
  await queue.page.goto(demo.harness.url);
  const user = queue.page.getByRole('option').filter({ hasText: role }).first();
  await queue.signIn((await user.locator('p').first().textContent())!);
  // A supervisor may land elsewhere than the queue; the navigation always leads there.
  if (!(await queue.table.isVisible())) await queue.page.getByText('Collections queue', { exact: true }).first().click();
  await queue.totalCases();
}

async function showTab(kase: CasePage, name: 'Settlements' | 'Compliance' | 'Audit' | 'Interactions') {
  const tab = kase.screen.getByRole('tab', { name });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

/** Screenshots the named tabs in light then dark theme as `case-<tab>[-dark].png`. */
async function shoot(page: Page, kase: CasePage, tabs: ('Settlements' | 'Compliance' | 'Audit')[]) {
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
  for (const dark of [false, true]) {
    await kase.setTheme(dark);
    for (const name of tabs) {
      await showTab(kase, name);
      await settleAnimations(page);
      await page.screenshot({ path: `e2e/screenshots/case-${name.toLowerCase()}${dark ? '-dark' : ''}.png` });
    }
  }
  await kase.setTheme(false);
}

/** As the agent: drafts the calculator's 20% lump sum on the open case and submits it; returns the offer's id. */
async function draftAndSubmitTwentyPercent(page: Page, kase: CasePage): Promise<string> {
  await showTab(kase, 'Settlements');
  const option = page.getByTestId('settlement-option').filter({ has: page.getByText('Discounted lump sum, 20% off') });
  await expect(option).toHaveAttribute('data-discount', '20');
  await expect(option.getByText('Needs approval')).toBeVisible();
  await option.getByRole('button', { name: 'Draft an offer: Discounted lump sum, 20% off' }).click();
  const offer = page.getByTestId('settlement-offer');
  await expect(offer).toHaveCount(1);
  await expect(offer).toHaveAttribute('data-status', 'draft');
  // An offer over 10% off cannot go to the borrower before a supervisor approves it.
  await expect(offer.getByRole('button', { name: 'Offer to borrower…' })).toHaveCount(0);
  await offer.getByRole('button', { name: 'Submit for approval' }).click();
  await expect(offer).toHaveAttribute('data-status', 'pending_approval');
  await expect(offer.getByTestId('offer-status')).toHaveText('Pending approval');
  return (await offer.getAttribute('data-offer-id'))!;
}

test('an agent sees no Approve button, an approval forged through window.api is refused and the offer stays pending, and a supervisor rejects it with a reason', async ({ page }) => {
  test.setTimeout(150_000);
  const queue = new QueuePage(page);
  const kase = new CasePage(page);
  await signInAs(queue, 'agent');
  await kase.open(queue, forgedCase.accountNumber, forgedCase.borrowerName);
  const offerId = await draftAndSubmitTwentyPercent(page, kase);
  const offer = page.getByTestId('settlement-offer');
  await expect(offer.getByText('Waiting for a supervisor to approve or reject it.')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Approve/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Reject/ })).toHaveCount(0);

  const forged = await page.evaluate(
    (id) => (window as unknown as { api: Record<string, (input: unknown) => Promise<unknown>> }).api['settlements.approve']!({ offerId: id, note: 'approving my own offer' }),
    offerId,
  );
  expect(forged).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  expect((forged as { error: { message: string } }).error.message).toContain('approve_settlement');
  expect(storedOfferStatus(offerId)).toBe('pending_approval');
  const listed = await page.evaluate(
    (caseId) => (window as unknown as { api: Record<string, (input: unknown) => Promise<unknown>> }).api['settlements.list']!({ caseId }),
    forgedCase.caseId,
  );
  expect(listed).toMatchObject({ ok: true, value: [{ id: offerId, status: 'pending_approval' }] });
  await expect(offer).toHaveAttribute('data-status', 'pending_approval');

  // Rejecting is final, so it asks for a reason and a deliberate confirmation.
  await signInAs(queue, 'supervisor');
  await kase.open(queue, forgedCase.accountNumber, forgedCase.borrowerName);
  await showTab(kase, 'Settlements');
  await offer.getByRole('button', { name: 'Reject…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reject this offer?' });
  await expect(dialog.getByRole('button', { name: 'Reject offer' })).toBeDisabled();
  await dialog.getByLabel('Reason').fill('The borrower can pay in full from the vehicle sale.');
  await dialog.getByRole('button', { name: 'Reject offer' }).click();
  await expect(offer).toHaveAttribute('data-status', 'rejected');
  await expect(offer.getByTestId('offer-history-entry').last()).toContainText('The borrower can pay in full from the vehicle sale.');
  await expect(offer.getByTestId('offer-actions')).toHaveCount(0);
  expect(storedOfferStatus(offerId)).toBe('rejected');
});

test('a supervisor approves a 20% settlement an agent submitted, and the Audit tab lists the approval', async ({ page }) => {
  // Two sign-ins, two case openings and screenshots in both themes: on a busy machine this outlasts the default.
  test.setTimeout(150_000);
  const queue = new QueuePage(page);
  const kase = new CasePage(page);
  await signInAs(queue, 'agent');
  await kase.open(queue, approvedCase.accountNumber, approvedCase.borrowerName);
  const offerId = await draftAndSubmitTwentyPercent(page, kase);

  await signInAs(queue, 'supervisor');
  const supervisorName = (await page.getByTestId('signed-in-user').locator('p').first().textContent())!;
  await kase.open(queue, approvedCase.accountNumber, approvedCase.borrowerName);
  await showTab(kase, 'Settlements');
  const offer = page.getByTestId('settlement-offer');
  await expect(offer).toHaveAttribute('data-offer-id', offerId);
  await offer.getByRole('button', { name: 'Approve…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Approve this offer?' });
  await dialog.getByLabel('Note (optional)').fill('Within the 20% table at this DPD.');
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(offer).toHaveAttribute('data-status', 'approved');
  await expect(offer.getByTestId('offer-status')).toHaveText('Approved');
  const approval = offer.getByTestId('offer-history-entry').last();
  await expect(approval).toContainText('Approved');
  await expect(approval).toContainText(supervisorName);
  await expect(approval).toContainText('Within the 20% table at this DPD.');
  expect(storedOfferStatus(offerId)).toBe('approved');

  await showTab(kase, 'Audit');
  const newest = page.getByTestId('audit-entry').first();
  await expect(newest).toHaveAttribute('data-type', 'settlement.approved');
  await expect(newest).toContainText('Settlement offer approved');
  await expect(newest).toContainText(supervisorName);
  await expect(newest).toContainText('Pending approval');
  const settlementsChip = page.getByRole('group', { name: 'Filter by kind' }).getByText(/^Settlements/);
  await settlementsChip.click();
  await expect(page.getByTestId('audit-entry')).toHaveCount(3);
  await expect(page.getByTestId('audit-entry').nth(2)).toHaveAttribute('data-type', 'settlement.created');
  await settlementsChip.click();

  // Approved, it goes to the borrower, who accepts: the lump sum becomes one promise to pay.
  await showTab(kase, 'Settlements');
  await offer.getByRole('button', { name: 'Offer to borrower…' }).click();
  await page.getByRole('dialog', { name: 'Make this offer to the borrower?' }).getByRole('button', { name: 'Mark as offered' }).click();
  await expect(offer).toHaveAttribute('data-status', 'offered');
  await offer.getByRole('button', { name: 'Borrower accepted…' }).click();
  await page.getByRole('dialog', { name: 'The borrower accepted?' }).getByRole('button', { name: 'Record acceptance' }).click();
  await expect(offer).toHaveAttribute('data-status', 'accepted');
  const promises = offer.getByRole('table', { name: 'Promises from this offer' }).locator('tbody tr');
  await expect(promises).toHaveCount(1);
  await expect(promises.first()).toContainText('Pending');
  await expect(promises.first()).toContainText((await offer.getByText('Borrower pays').locator('xpath=following-sibling::*[1]').textContent())!);

  // A second offer cannot be accepted too: main refuses, and the dialog shows its reason.
  await page.getByRole('button', { name: 'Draft an offer: Full payment' }).click();
  const second = page.getByTestId('settlement-offer').and(page.locator('[data-status="draft"]'));
  await second.getByRole('button', { name: 'Offer to borrower…' }).click();
  await page.getByRole('dialog', { name: 'Make this offer to the borrower?' }).getByRole('button', { name: 'Mark as offered' }).click();
  await expect(page.locator('[data-testid="settlement-offer"][data-status="offered"]')).toHaveCount(1);
  await page.locator('[data-testid="settlement-offer"][data-status="offered"]').getByRole('button', { name: 'Borrower accepted…' }).click();
  const refused = page.getByRole('dialog', { name: 'The borrower accepted?' });
  await refused.getByRole('button', { name: 'Record acceptance' }).click();
  await expect(refused.getByRole('alert')).toContainText('the case already has an accepted settlement offer');
  await refused.getByRole('button', { name: 'Go back' }).click();
  await expect(page.locator('[data-testid="settlement-offer"][data-status="offered"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="settlement-offer"][data-status="offered"]').getByRole('alert')).toHaveCount(0);

  await shoot(page, kase, ['Settlements', 'Audit']);
});

test('after a call refused for do-not-contact, the Compliance tab shows the blocked attempt and why, and the Audit tab records it', async ({ page }) => {
  test.setTimeout(150_000);
  const queue = new QueuePage(page);
  const kase = new CasePage(page);
  await signInAs(queue, 'agent');
  await kase.open(queue, dncCase.accountNumber, dncCase.borrowerName);
  await showTab(kase, 'Interactions');
  await kase.logForm.getByRole('button', { name: 'Check before dialling' }).click();
  await expect(kase.logForm.getByTestId('contact-verdict')).toHaveAttribute('data-verdict', 'blocked');

  await showTab(kase, 'Compliance');
  const panel = kase.screen.getByRole('tabpanel', { name: 'Compliance' });
  await expect(panel.locator('[data-testid="compliance-hold"][data-hold="Do not contact"]')).toHaveAttribute('data-on', 'true');
  await expect(panel.locator('[data-testid="contact-now"][data-channel="voice"]')).toHaveAttribute('data-verdict', 'blocked');
  const blocked = panel.getByTestId('contact-attempt').first();
  await expect(blocked).toHaveAttribute('data-blocked', 'true');
  await expect(blocked).toHaveAttribute('data-channel', 'voice');
  await expect(blocked).toContainText('Blocked');
  await expect(blocked).toContainText('The borrower asked not to be contacted (do-not-contact)');
  const voice = panel.locator('[data-testid="channel-tally"][data-channel="voice"]');
  await expect(voice.locator('td').nth(3)).not.toHaveText('0');
  await expect(panel.getByText(/^Rules for /)).toBeVisible();
  await panel.locator('label', { hasText: 'Went out' }).click();
  await expect(panel.locator('[data-testid="contact-attempt"][data-blocked="true"]')).toHaveCount(0);
  await panel.locator('label', { hasText: /^All$/ }).click();

  await showTab(kase, 'Audit');
  const newest = page.getByTestId('audit-entry').first();
  await expect(newest).toHaveAttribute('data-type', 'contact.blocked');
  await expect(newest).toContainText('The borrower asked not to be contacted');

  await shoot(page, kase, ['Compliance']);
  // The rule, holds and consents sit below the fold: the whole tab once, to look at them too.
  await showTab(kase, 'Compliance');
  await page.screenshot({ path: 'e2e/screenshots/case-compliance-full.png', fullPage: true });
});
