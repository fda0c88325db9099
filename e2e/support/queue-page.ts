import { expect, type Locator, type Page } from '@playwright/test';
import { settleAnimations } from './settle';

/** Page model of the sign-in screen and the collections queue. */
export class QueuePage {
  readonly table: Locator;
  readonly rows: Locator;
  readonly total: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Collections queue' });
    // Data rows only: the virtual window pads itself with spacer rows and shows placeholders for rows still loading.
    this.rows = this.table.locator('tbody tr[data-case-id]');
    this.total = page.getByTestId('queue-total');
  }

  async signIn(name: string, password = 'recourse'): Promise<void> {
    await this.page.getByRole('option', { name: new RegExp(name) }).click();
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: `Sign in as ${name}` }).click();
    await expect(this.page.getByTestId('signed-in-user')).toContainText(name);
  }

  /** Waits for running CSS transitions so a screenshot shows the settled screen. */
  settle(): Promise<void> {
    return settleAnimations(this.page);
  }

  async totalCases(): Promise<number> {
    await expect(this.total).toHaveText(/^[\d,]+ cases?$/);
    return Number((await this.total.textContent())!.replace(/\D/g, ''));
  }

  async pickFromMultiSelect(label: string, option: string): Promise<void> {
    await this.page.getByRole('textbox', { name: label, exact: true }).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
    await this.page.keyboard.press('Escape');
  }
}
