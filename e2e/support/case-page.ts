import { expect, type Locator, type Page } from '@playwright/test';
import type { QueuePage } from './queue-page';
import { settleAnimations } from './settle';
import { setTheme } from './theme';

export type CaseTabName = 'Overview' | 'Interactions' | 'Messages' | 'Promises' | 'Letters';

/** Page model of the case workspace: its header, tabs, and the forms on each tab. */
export class CasePage {
  readonly screen: Locator;
  readonly logForm: Locator;
  readonly sendForm: Locator;
  readonly promiseForm: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('case-screen');
    this.logForm = page.getByRole('form', { name: 'Log activity' });
    this.sendForm = page.getByRole('form', { name: 'Send a message' });
    this.promiseForm = page.getByRole('form', { name: 'New promise' });
  }

  /** Finds a case by account number in the queue and opens it from the keyboard (focus the row, Enter). */
  async open(queue: QueuePage, accountNumber: string, borrowerName: string): Promise<void> {
    await this.page.getByLabel('Search cases').fill(accountNumber);
    await expect.poll(() => queue.totalCases()).toBe(1);
    await queue.rows.first().focus();
    await this.page.keyboard.press('Enter');
    await expect(this.screen.getByRole('heading', { name: borrowerName })).toBeVisible();
  }

  tab(name: CaseTabName): Locator {
    return this.screen.getByRole('tab', { name });
  }

  async show(name: CaseTabName): Promise<void> {
    await this.tab(name).click();
    await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true');
  }

  /** Picks an option of a Mantine select inside `scope`. */
  async choose(scope: Locator, label: string, option: string): Promise<void> {
    await scope.getByRole('textbox', { name: label, exact: true }).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  /** Screenshots each named tab in the current theme as `<prefix>-<tab>[-dark].png`. */
  async shootTabs(prefix: string, tabs: CaseTabName[], dark: boolean): Promise<void> {
    // Toasts fade by themselves; the screenshots show the screen, not the last confirmation.
    await expect(this.page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
    for (const name of tabs) {
      await this.show(name);
      await settleAnimations(this.page);
      await this.page.screenshot({ path: `e2e/screenshots/${prefix}-${name.toLowerCase()}${dark ? '-dark' : ''}.png` });
    }
  }

  setTheme(dark: boolean): Promise<void> {
    return setTheme(this.page, dark);
  }
}
