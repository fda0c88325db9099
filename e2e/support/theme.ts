import { expect, type Page } from '@playwright/test';

/** Switches the app to the light or the dark theme (if it is not there already) and waits until it applies. */
export async function setTheme(page: Page, dark: boolean): Promise<void> {
  const html = page.locator('html');
  const wanted = dark ? 'dark' : 'light';
  if ((await html.getAttribute('data-mantine-color-scheme')) !== wanted) await page.getByRole('button', { name: 'Toggle color scheme' }).click();
  await expect(html).toHaveAttribute('data-mantine-color-scheme', wanted);
}
