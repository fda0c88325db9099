import type Database from 'better-sqlite3';
import { LETTER_KINDS } from '../../src-shared/contract/communications';
import { addDays, businessDateAt, type IsoDate } from '../../src-shared/dates';
import { AppError } from '../../src-shared/errors';
import type { AuditInput } from '../store/audit-log';
import { renderMessage, type TemplateVariables } from '../templates';
import { renderLetterHtml, type PageSize } from './letter-document';
import type { LetterPdfRenderer } from './pdf-renderer';

export { LETTER_KINDS };
export type LetterKind = (typeof LETTER_KINDS)[number];

/** Days a demand gives the borrower to pay. */
const PAY_BY_DAYS = 14;

/** The date printed on a letter (the borrower's business date) and the pay-by date a demand gives. */
export function letterDates(at: Date, timeZone: string | null): { letter_date: IsoDate; due_date: IsoDate } {
  const letterDate = businessDateAt(at, timeZone ?? 'UTC');
  return { letter_date: letterDate, due_date: addDays(letterDate, PAY_BY_DAYS) };
}

export interface LetterRequest {
  caseId: string;
  kind: LetterKind;
  /** Overrides the borrower's language preference, e.g. for a court that needs English. */
  language?: string;
  /** An explicit template (a dunning step's `letter_escalation`); by default `letter_<kind>`. */
  templateName?: string;
  variables: TemplateVariables;
  pageSize?: PageSize;
}

/** A letter rendered and printed, not yet filed: what `fileLetter` stores. */
export interface PrintedLetter {
  caseId: string;
  kind: LetterKind;
  /** The template actually used, after language fallbacks: `es/letter_demand`, `en/letter_legal_notice`. */
  templateName: string;
  language: string;
  /** The letter's own text (the template's fragment), as the case screen previews it. */
  body: string;
  html: string;
  /** The PDF file. */
  bytes: Buffer;
}

const TITLES: Readonly<Record<LetterKind, string>> = { demand: 'Demand for payment', legal_notice: 'Legal notice', escalation: 'Escalation notice' };

/** `es/letter_demand` → es; the code fallback `builtin/en/letter` → en. */
function languageOf(templateName: string): string {
  const parts = templateName.split('/');
  return (parts.length === 3 ? parts[1] : parts[0]) ?? 'en';
}

/**
 * Renders a letter for a case in its borrower's language and prints it to PDF. Nothing is
 * written: printing is slow and may fail, so it happens before any transaction opens.
 */
export async function printLetter(sqlite: Database.Database, renderer: LetterPdfRenderer, request: LetterRequest): Promise<PrintedLetter> {
  const { caseId, kind } = request;
  if (!LETTER_KINDS.includes(kind)) throw new AppError('validation', `"${String(kind)}" is not a letter kind`, 'kind');
  const found = sqlite
    .prepare('SELECT b.language FROM cases c JOIN loans l ON l.id = c.loan_id JOIN borrowers b ON b.id = l.borrower_id WHERE c.id = ?')
    .get(caseId) as { language: string } | undefined;
  if (!found) throw new AppError('not_found', `case ${caseId} not found`, 'caseId');
  const rendered = renderMessage({ channel: 'letter', name: request.templateName ?? `letter_${kind}`, language: request.language ?? found.language, variables: request.variables });
  const language = languageOf(rendered.templateName);
  const html = renderLetterHtml(rendered.body, { title: TITLES[kind], language, pageSize: request.pageSize });
  return { caseId, kind, templateName: rendered.templateName, language, body: rendered.body, html, bytes: await renderer.render(html) };
}

/** Files a printed letter with its case inside the caller's transaction; returns the audit event to record. */
export function fileLetter(sqlite: Database.Database, letterId: string, letter: PrintedLetter, actorId: string | null, at: string): Omit<AuditInput, 'actorId' | 'at'> {
  sqlite
    .prepare('INSERT INTO letters (id, case_id, kind, template_name, language, html, pdf_base64, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(letterId, letter.caseId, letter.kind, letter.templateName, letter.language, letter.html, letter.bytes.toString('base64'), actorId, at);
  return { type: 'letter.generated', entityType: 'letter', entityId: letterId, payload: { caseId: letter.caseId, kind: letter.kind, templateName: letter.templateName, language: letter.language, pdfBytes: letter.bytes.length } };
}
