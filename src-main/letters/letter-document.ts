/**
 * The printable page around a `letter_*` template. Templates are HTML fragments so the case
 * screen can preview them inline; print needs a whole document with the page size, margins and
 * a font every PDF engine (Electron's printToPDF, headless Chromium) lays out the same way.
 */

export type PageSize = 'A4' | 'Letter';

export interface LetterDocumentOptions {
  title: string;
  /** The language the letter is written in, for `<html lang>`: hyphenation and screen readers. */
  language: string;
  /** A4 by default; US lenders mail on Letter paper. */
  pageSize?: PageSize;
}

/**
 * What a letter page may load: its inline styles and inline (data:) images and fonts, nothing
 * else: no script, no frame, no request to any address. Administrators can override letter
 * templates, so a letter is untrusted HTML; this stops a template that tries to call out (a
 * tracking pixel, a remote stylesheet, a script) in every engine that prints it.
 */
export const LETTER_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; form-action 'none'; base-uri 'none'";

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

/**
 * Wraps an already rendered (and escaped) letter fragment; only the title and language are escaped
 * here. The policy comes first in <head>, before anything of the template's, so the fragment
 * (which lands in <body>) cannot run or fetch anything before the policy applies.
 */
export function renderLetterHtml(fragment: string, { title, language, pageSize = 'A4' }: LetterDocumentOptions): string {
  return `<!doctype html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${LETTER_CSP}">
<title>${escapeHtml(title)}</title>
<style>
  @page { size: ${pageSize}; margin: 2.5cm 2cm; }
  html, body { margin: 0; padding: 0; background: #fff; }
  body { font-family: Georgia, 'Times New Roman', serif; font-size: 11pt; line-height: 1.4; color: #000; }
  /* Keep an amounts row or a paragraph's last lines from being split across two pages. */
  tr, p { break-inside: avoid; orphans: 3; widows: 3; }
</style>
</head>
<body>
${fragment}
</body>
</html>
`;
}
