import { existsSync } from 'node:fs';
import { chromium, type Browser, type Route } from 'playwright-core';
import { AppError } from '../../src-shared/errors';
import { LETTER_CSP } from './letter-document';
import type { LetterPdfRenderer } from './pdf-renderer';

export interface ChromiumPdfOptions {
  /** Defaults to `CHROMIUM_PATH`, then `/usr/bin/chromium`, as the e2e setup does. */
  executablePath?: string;
}

/**
 * The flags the e2e runs use (no sandbox in containers, no GPU, no calls home while rendering),
 * and no address resolves, not even an IP literal: this browser only prints letters, so nothing it
 * does needs the network, and the resolver is below everything a page can trigger (Chromium
 * preconnects to a navigation's host before a policy or the route below can refuse it).
 */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--host-resolver-rules=MAP * ~NOTFOUND'];

/** Where the letter appears to be served from: a reserved name (RFC 6761) no request ever reaches. */
const LETTER_URL = 'http://letter.invalid/';

/**
 * The letter's policy as a header: it holds from the first byte, unlike the document's <meta>, and
 * it can sandbox the page, which no <meta> can: a sandboxed page runs no script and follows no
 * `<meta http-equiv=refresh>`, which no fetch directive covers.
 */
const LETTER_HEADER_CSP = `${LETTER_CSP}; sandbox`;

/**
 * The one request a letter page may make is its own document, answered here. Anything else (a
 * subresource, a frame, a link's navigation) is aborted before it leaves Chromium; 'aborted'
 * rather than 'failed' so a refused navigation leaves the letter on the page, not an error page.
 */
function serveOnly(html: string) {
  return (route: Route) => {
    const request = route.request();
    if (request.url() === LETTER_URL && request.isNavigationRequest() && request.frame().parentFrame() === null) {
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': LETTER_HEADER_CSP }, body: html });
    }
    return route.abort('aborted');
  };
}

/**
 * Headless Chromium through playwright-core. The browser starts on the first letter and is
 * reused, since a launch costs far more than a page; each letter gets its own context (no shared
 * cookies or cache) with JavaScript off, so a template's script never runs.
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
      const context = await (await launch()).newContext({ javaScriptEnabled: false, serviceWorkers: 'block', acceptDownloads: false });
      try {
        await context.route('**/*', serveOnly(html));
        const page = await context.newPage();
        // Letters are self-contained: nothing to fetch, so 'load' is enough and offline-safe.
        await page.goto(LETTER_URL, { waitUntil: 'load' });
        return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      } finally {
        await context.close();
      }
    },
    async close() {
      const started = browser;
      browser = null;
      if (started) await (await started).close();
    },
  };
}
