import { expect, test, type Page } from '@playwright/test';
import { CasePage } from './support/case-page';
import { makeContactableCases, type DemoCase } from './support/demo-cases';
import { useDemoHarness } from './support/demo-harness';
import { QueuePage } from './support/queue-page';
import { settleAnimations } from './support/settle';

let kaseData: DemoCase;

const demo = useDemoHarness('borrower', {
  prepare: (dbPath) => {
    [kaseData] = makeContactableCases(dbPath, 1) as [DemoCase];
  },
});

async function signInAs(page: Page, role: 'agent' | 'supervisor') {
  const queue = new QueuePage(page);
  await page.goto(demo.harness.url);
  const user = page.getByRole('option').filter({ hasText: role }).first();
  await queue.signIn((await user.locator('p').first().textContent())!);
  await queue.totalCases();
  const kase = new CasePage(page);
  await kase.open(queue, kaseData.accountNumber, kaseData.borrowerName);
  return kase;
}

async function openProfile(page: Page) {
  await page.getByRole('button', { name: 'Borrower profile' }).click();
  const profile = page.getByTestId('borrower-profile');
  await expect(profile.getByRole('heading', { name: kaseData.borrowerName })).toBeVisible();
  return profile;
}

test('an agent keeps contacts current and stops contact; the send box is blocked; only a supervisor lifts it', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const kase = await signInAs(page, 'agent');
  let profile = await openProfile(page);
  await expect(profile.getByText(/^•••-••-\d{4}$/).or(profile.getByText('—')).first()).toBeVisible();
  await expect(profile.getByRole('table', { name: 'Phone numbers and email addresses' }).getByText('Primary').first()).toBeVisible();

  // A new work mobile, made primary with texting consent: normalised to E.164, the old primary demoted.
  await profile.getByRole('button', { name: 'Phone', exact: true }).click();
  const form = page.getByRole('dialog', { name: 'Add a phone number' });
  await form.getByRole('textbox', { name: 'Number' }).fill('+1 868 620 1234');
  await kase.choose(form, 'Label', 'Work');
  await form.getByLabel('Primary number').check();
  await form.getByLabel('Consents to SMS and WhatsApp').check();
  await form.getByRole('button', { name: 'Save number' }).click();
  await expect(page.getByText('Number added')).toBeVisible();
  const added = profile.getByTestId('phone-+18686201234');
  await expect(added).toContainText('Primary');
  await expect(added).toContainText('SMS consent');
  await expect(profile.locator('[data-testid^="phone-"]').filter({ hasText: 'Primary' })).toHaveCount(1);

  // A bad number is refused with the reason, and nothing is added.
  await profile.getByRole('button', { name: 'Phone', exact: true }).click();
  await page.getByRole('dialog', { name: 'Add a phone number' }).getByRole('textbox', { name: 'Number' }).fill('12');
  await page.getByRole('dialog', { name: 'Add a phone number' }).getByRole('button', { name: 'Save number' }).click();
  await expect(page.getByRole('dialog', { name: 'Add a phone number' })).toContainText('not a valid phone number');
  await page.getByRole('dialog', { name: 'Add a phone number' }).getByRole('button', { name: 'Cancel' }).click();

  // The drawer covers the header's theme switch: close it, switch, and open it again.
  for (const dark of [false, true]) {
    await page.keyboard.press('Escape');
    await kase.setTheme(dark);
    profile = await openProfile(page);
    await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
    await settleAnimations(page);
    await page.screenshot({ path: `e2e/screenshots/borrower-profile${dark ? '-dark' : ''}.png` });
    await profile.getByRole('table', { name: 'Loans and parties' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `e2e/screenshots/borrower-profile-lower${dark ? '-dark' : ''}.png` });
  }
  await page.keyboard.press('Escape');
  await kase.setTheme(false);
  profile = await openProfile(page);

  // Do-not-contact: a confirmation with a reason, then the switch is the supervisor's to lift.
  const dnc = profile.getByRole('switch', { name: 'Do not contact' });
  await dnc.click({ force: true });
  const confirm = page.getByRole('dialog', { name: 'Stop all contact with this borrower?' });
  await expect(confirm.getByRole('button', { name: 'Stop contact' })).toBeDisabled();
  await confirm.getByLabel('Reason').fill('Borrower asked in writing that we stop calling');
  await confirm.getByRole('button', { name: 'Stop contact' }).click();
  await expect(page.getByText('Contact stopped')).toBeVisible();
  await expect(dnc).toBeChecked();
  await expect(dnc).toBeDisabled();

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('borrower-profile')).toHaveCount(0);
  await kase.show('Messages');
  const verdict = kase.sendForm.getByTestId('contact-verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'blocked');
  await expect(verdict).toContainText('asked not to be contacted');
  await expect(kase.sendForm.getByRole('button', { name: 'Send SMS' })).toBeDisabled();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInAs(page, 'supervisor');
  profile = await openProfile(page);
  const lift = profile.getByRole('switch', { name: 'Do not contact' });
  await expect(lift).toBeChecked();
  await expect(lift).toBeEnabled();
  await lift.click({ force: true });
  const allow = page.getByRole('dialog', { name: 'Allow contact again?' });
  await allow.getByLabel('Reason').fill('Written consent to contact received');
  await allow.getByRole('button', { name: 'Allow contact' }).click();
  await expect(lift).not.toBeChecked();
});
