import type { Page } from '@playwright/test';

/**
 * Waits for running CSS transitions (a drawer sliding in, a tab's fade) so a screenshot shows the
 * settled screen. An animation cancelled on the way (the next tab replaced it) counts as settled.
 */
export async function settleAnimations(page: Page): Promise<void> {
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))));
}
