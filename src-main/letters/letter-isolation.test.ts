import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seededStore } from '../../tests-support/temp-store';
import { readTemplateOverridesFrom } from '../templates/overrides';
import { printLetter, renderLetterHtml, type LetterPdfRenderer } from '.';
import { chromiumPdfRenderer } from './chromium-pdf-renderer';

// Security regression specs (issue 14, item 6): an administrator can override any letter template,
// so a letter is untrusted HTML. Printing it must run no script and send nothing anywhere.

const SCRIPT_MARKER = 'SCRIPT-RAN-IN-LETTER';

let temp: ReturnType<typeof seededStore>;
let renderer: LetterPdfRenderer;
let caseId: string;
/** A stand-in for anywhere a letter could reach: it counts every request and every TCP connection. */
let listener: Server;
let origin: string;
const hits: string[] = [];
let connections = 0;

beforeAll(async () => {
  temp = seededStore(20);
  readTemplateOverridesFrom(temp.store.sqlite);
  renderer = chromiumPdfRenderer();
  caseId = temp.store.sqlite.prepare('SELECT id FROM cases LIMIT 1').pluck().get() as string;
  listener = createServer((request, response) => {
    hits.push(`${request.method} ${request.url}`);
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(`<p>${SCRIPT_MARKER}</p>`);
  });
  listener.on('connection', () => connections++);
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await renderer.close();
  await new Promise((resolve) => listener.close(resolve));
  temp.cleanup();
});
beforeEach(() => {
  hits.length = 0;
  connections = 0;
});

function overrideDemandLetter(body: string | null): void {
  temp.store.sqlite
    .prepare(`INSERT INTO template_overrides (id, language, name, body, updated_by, updated_at) VALUES ('en/letter_demand', 'en', 'letter_demand', ?, 'user_admin', '2026-11-20T09:00:00Z')
      ON CONFLICT (id) DO UPDATE SET body = excluded.body`)
    .run(body);
}

/** Every way a page can reach out or run code that a template could carry. */
function hostileTemplate(): string {
  return `
<meta http-equiv="refresh" content="0;url=${origin}/refresh">
<link rel="stylesheet" href="${origin}/style.css">
<link rel="preconnect" href="${origin}">
<link rel="prefetch" href="${origin}/prefetch">
<link rel="icon" href="${origin}/favicon.ico">
<link rel="preload" as="fetch" href="${origin}/preload">
<link rel="dns-prefetch" href="http://letters-leak.example">
<style>@import url("${origin}/import.css"); @font-face { font-family: Leak; src: url("${origin}/font.woff"); } body { font-family: Leak, serif; }</style>
<p>Dear {{borrower_name}}, this letter came from an override.</p>
<img src="${origin}/pixel.png" alt="">
<div style="background-image: url('${origin}/background.png')">boxed</div>
<iframe src="${origin}/frame"></iframe>
<iframe srcdoc="<script>parent.document.body.append('${SCRIPT_MARKER}')</script>"></iframe>
<object data="${origin}/object"></object>
<video poster="${origin}/poster.png"></video>
<embed src="${origin}/embed">
<form action="${origin}/form" method="post"><input name="q" value="x" autofocus></form>
<script type="speculationrules">{"prerender": [{"source": "list", "urls": ["${origin}/prerender"]}]}</script>
<script src="${origin}/script.js"></script>
<script>
  document.body.append('${SCRIPT_MARKER}');
  fetch('${origin}/fetch');
  navigator.sendBeacon('${origin}/beacon');
  location.href = '${origin}/navigate';
</script>`;
}

async function pdfText(bytes: Buffer): Promise<string> {
  const { text } = await extractText(new Uint8Array(bytes), { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

/** Long enough for a refresh, a late subresource or a beacon to arrive after the PDF is made. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

describe('the letter document', () => {
  it('carries the no-network policy in <head>, ahead of the template, for every engine that prints it', () => {
    const fragment = '<img src="http://tracker.example/p.png">';
    const html = renderLetterHtml(fragment, { title: 'Demand', language: 'en' });
    const policy = html.indexOf(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(policy).toBeGreaterThan(0);
    expect(policy).toBeLessThan(html.indexOf('</head>'));
    expect(html.indexOf('</head>')).toBeLessThan(html.indexOf(fragment));
  });
});

describe('printing a letter from a hostile template', () => {
  it('sends no request anywhere and runs no script, yet prints the letter', async () => {
    overrideDemandLetter(hostileTemplate());
    const letter = await printLetter(temp.store.sqlite, renderer, { caseId, kind: 'demand', variables: { borrower_name: 'Ana Borrower' } });
    await settle();

    expect(hits).toEqual([]);
    expect(connections).toBe(0);
    const text = await pdfText(letter.bytes);
    expect(text).not.toContain(SCRIPT_MARKER);
    expect(text).toContain('Dear Ana Borrower, this letter came from an override.');
  });

  it('still prints a shipped letter in full', async () => {
    overrideDemandLetter(null);
    const variables = {
      borrower_name: 'Ana Borrower', borrower_address: '12 Harbour Road', loan_id: 'LN-1', amount_overdue: 12_345, balance: 99_900, currency: 'USD', days_past_due: 40,
      due_date: '2026-12-05', letter_date: '2026-11-21', lender_name: 'Acme Lending Ltd', lender_phone: '+1 868 555 0100', portal_link: 'pay.acme.test',
    };
    const letter = await printLetter(temp.store.sqlite, renderer, { caseId, kind: 'demand', language: 'en', variables });
    const text = await pdfText(letter.bytes);
    expect(text).toContain('Dear Ana Borrower');
    expect(text).toContain('$123.45');
    expect(text).toContain('December 5, 2026');
    expect(hits).toEqual([]);
  });
});
