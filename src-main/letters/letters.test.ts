import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMinor } from '../../src-shared/money';
import { seededStore, tableCounts } from '../../tests-support/temp-store';
import { templatesDir } from '../templates';
import { printLetter, renderLetterHtml, type LetterPdfRenderer } from '.';
import { chromiumPdfRenderer } from './chromium-pdf-renderer';

interface CaseRow { id: string; loan_id: string; borrower_id: string; borrower_name: string; currency: string; dpd: number; amount_past_due_minor: number; balance_minor: number }

let temp: ReturnType<typeof seededStore>;
let renderer: LetterPdfRenderer;
let theCase: CaseRow;

// One seeded store and one browser for the whole file: a Chromium launch dominates the run time.
beforeAll(() => {
  temp = seededStore(40);
  renderer = chromiumPdfRenderer();
  theCase = temp.store.sqlite
    .prepare('SELECT c.id, c.loan_id, l.borrower_id, c.borrower_name, c.currency, c.dpd, c.amount_past_due_minor, c.balance_minor FROM cases c JOIN loans l ON l.id = c.loan_id WHERE c.amount_past_due_minor > 0 LIMIT 1')
    .get() as CaseRow;
});
afterAll(async () => {
  await renderer.close();
  temp.cleanup();
});

function variables(row: CaseRow): Record<string, string | number> {
  return {
    borrower_name: row.borrower_name, borrower_address: '12 Harbour Road\nPort of Spain', loan_id: row.loan_id,
    amount_overdue: row.amount_past_due_minor, balance: row.balance_minor, currency: row.currency, days_past_due: row.dpd,
    due_date: '2026-12-05', letter_date: '2026-11-21', lender_name: 'Acme Lending Ltd', lender_phone: '+1 868 555 0100', portal_link: 'pay.acme.test',
  };
}

/** The PDF's text with every run of whitespace (PDF text keeps no-break spaces) as one space. */
async function pdfText(bytes: Buffer): Promise<string> {
  const { text } = await extractText(new Uint8Array(bytes), { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

const spaced = (text: string): string => text.replace(/\s+/g, ' ');

describe('renderLetterHtml', () => {
  it('makes a whole printable document in the letter language with the title escaped', () => {
    const html = renderLetterHtml('<article>Body</article>', { title: 'Notice <1>', language: 'es', pageSize: 'Letter' });
    expect(html).toMatch(/^<!doctype html>\n<html lang="es">/);
    expect(html).toContain('<title>Notice &lt;1&gt;</title>');
    expect(html).toContain('@page { size: Letter;');
    expect(html).toContain('<article>Body</article>');
  });
});

describe('printLetter', () => {
  it('prints a demand letter whose PDF carries the borrower, the amount due and the lender', async () => {
    expect(theCase).toBeDefined();
    temp.store.sqlite.prepare(`UPDATE borrowers SET language = 'en' WHERE id = ?`).run(theCase.borrower_id);
    const letter = await printLetter(temp.store.sqlite, renderer, { caseId: theCase.id, kind: 'demand', variables: variables(theCase) });

    expect(letter).toMatchObject({ caseId: theCase.id, kind: 'demand', templateName: 'en/letter_demand', language: 'en' });
    expect(letter.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(letter.bytes);
    expect(text).toContain(theCase.borrower_name);
    expect(text).toContain(spaced(formatMinor(theCase.amount_past_due_minor, theCase.currency, 'en-US')));
    expect(text).toContain('Acme Lending Ltd');
    expect(text).toContain('December 5, 2026');
    expect(letter.html).toContain('<html lang="en">');
    expect(letter.html).toContain(letter.body);
  });

  it('writes to a Spanish-speaking borrower in Spanish', async () => {
    temp.store.sqlite.prepare(`UPDATE borrowers SET language = 'es' WHERE id = ?`).run(theCase.borrower_id);
    const letter = await printLetter(temp.store.sqlite, renderer, { caseId: theCase.id, kind: 'demand', variables: variables(theCase) });

    expect(letter.templateName).toBe('es/letter_demand');
    const spanish = readFileSync(join(templatesDir(), 'es', 'letter_demand.hbs'), 'utf8');
    expect(spanish).toContain('Fecha límite de pago');
    const text = await pdfText(letter.bytes);
    expect(text).toContain('Fecha límite de pago');
    expect(text).toContain('requerimiento de pago');
    expect(text).toContain(spaced(formatMinor(theCase.amount_past_due_minor, theCase.currency, 'es-419')));
    expect(letter.language).toBe('es');
    expect(letter.html).toContain('<html lang="es">');
  });

  it('prints a legal notice too, and an explicit language wins over the borrower preference', async () => {
    const letter = await printLetter(temp.store.sqlite, renderer, { caseId: theCase.id, kind: 'legal_notice', language: 'en', variables: variables(theCase) });
    expect(letter.templateName).toBe('en/letter_legal_notice');
    expect(await pdfText(letter.bytes)).toContain(theCase.borrower_name);
  });

  it('writes nothing, and names the failure, when printing fails or the case does not exist', async () => {
    const before = tableCounts(temp.store);
    const broken: LetterPdfRenderer = { render: () => Promise.reject(new Error('printer on fire')), close: () => Promise.resolve() };
    await expect(printLetter(temp.store.sqlite, broken, { caseId: theCase.id, kind: 'demand', variables: variables(theCase) })).rejects.toThrow('printer on fire');
    await expect(printLetter(temp.store.sqlite, renderer, { caseId: 'no-such-case', kind: 'demand', variables: variables(theCase) })).rejects.toMatchObject({ code: 'not_found' });
    expect(tableCounts(temp.store)).toEqual(before);
  });
});
