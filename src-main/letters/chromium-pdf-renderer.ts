import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { AppError } from '../../src-shared/errors';
import type { LetterPdfRenderer } from './pdf-renderer';

export interface ChromiumPdfOptions {
  /** Defaults to `CHROMIUM_PATH`, then `/usr/bin/chromium`, as the e2e setup does. */
  executablePath?: string;
}

/** The flags the e2e runs use: no sandbox in containers, no GPU, no calls home while rendering. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Headless Chromium through playwright-core. The browser starts on the first letter and is
 * reused, since a launch costs far more than a page; each letter gets its own page.
 */
export function chromiumPdfRenderer(options: ChromiumPdfOptions = {}): LetterPdfRenderer {
  const executablePath = options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  let browser: Promise<Browser> | null = null;
  const launch = (): Promise<Browser> => {
    if (!existsSync(executablePath)) throw new AppError('internal', `cannot render letters: no Chromium at ${executablePath} (set CHROMIUM_PATH)`);
    browser ??= chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    return browser;
  };
  return {
    async render(html) {
      const page = await (await launch()).newPage();
      try {
        // Letters are self-contained: nothing to fetch, so 'load' is enough and offline-safe.
        await page.setContent(html, { waitUntil: 'load' });
        return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      } finally {
        await page.close();
      }
    },
    async close() {
      const started = browser;
      browser = null;
      if (started) await (await started).close();
    },
  };
}
