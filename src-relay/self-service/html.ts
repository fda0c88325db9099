import type { SelfServiceLanguage } from './link-token';
import { textFor } from './page-text';

/** Escapes text for an HTML element or a double-quoted attribute. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const LOCK_ICON = '<svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 1 0-4 0v2z"/></svg>';

/** The page around the content: landmarks, the skip link and the one stylesheet; no script at all. */
export function pageShell(language: SelfServiceLanguage, title: string, body: string, footer = ''): string {
  const text = textFor(language);
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/self-service/styles.css">
</head>
<body>
<a class="skip" href="#content">${escapeHtml(text.skip)}</a>
<header class="top"><div class="bar"><span class="brand"><span class="mark" aria-hidden="true">R</span>Recourse</span><span class="secure">${LOCK_ICON}${escapeHtml(text.secure)}</span></div></header>
<main id="content" tabindex="-1">
${body}
</main>
${footer ? `<footer>${footer}</footer>` : ''}
</body>
</html>`;
}

/** A refusal: a sentence and nothing of any borrower's data. */
export function refusalPage(language: SelfServiceLanguage, message: string): string {
  const text = textFor(language);
  return pageShell(language, text.refusedTitle, `<section class="card refusal" aria-labelledby="refused"><h1 id="refused">${escapeHtml(text.refusedTitle)}</h1><p>${escapeHtml(message)}</p></section>`);
}
