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

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

/** Wraps an already rendered (and escaped) letter fragment; only the title and language are escaped here. */
export function renderLetterHtml(fragment: string, { title, language, pageSize = 'A4' }: LetterDocumentOptions): string {
  return `<!doctype html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
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
