import { randomUUID } from 'node:crypto';
import { AppError } from '../../src-shared/errors';
import { log } from '../log/logger';
import { appendAudit } from '../store/audit-log';
import type { Store } from '../store/open-store';
import { renderMessage, type TemplateVariables } from '../templates';
import { renderLetterHtml, type PageSize } from './letter-document';
import type { LetterPdfRenderer } from './pdf-renderer';

export const LETTER_KINDS = ['demand', 'legal_notice', 'escalation'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export interface GenerateLetterRequest {
  caseId: string;
  kind: LetterKind;
  /** Overrides the borrower's language preference, e.g. for a court that needs English. */
  language?: string;
  /** The user who asked for the letter: stored as its author and in the audit log. */
  actorId: string;
  variables: TemplateVariables;
  pageSize?: PageSize;
}

export interface GeneratedLetter {
  letterId: string;
  /** The template actually used, after language fallbacks: `es/letter_demand`, `en/letter_legal_notice`. */
  templateName: string;
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
 * Renders a letter for a case in its borrower's language, prints it to PDF and files it with the
 * case. The PDF is made before the transaction opens, so a slow or failed print never holds the
 * write lock and a failure stores nothing; the row and its audit event then land together.
 */
export async function generateLetter(store: Store, renderer: LetterPdfRenderer, request: GenerateLetterRequest): Promise<GeneratedLetter> {
  const { caseId, kind, actorId, variables } = request;
  if (!LETTER_KINDS.includes(kind)) throw new AppError('validation', `"${String(kind)}" is not a letter kind`, 'kind');
  const found = store.sqlite
    .prepare('SELECT b.language FROM cases c JOIN loans l ON l.id = c.loan_id JOIN borrowers b ON b.id = l.borrower_id WHERE c.id = ?')
    .get(caseId) as { language: string } | undefined;
  if (!found) throw new AppError('not_found', `case ${caseId} not found`, 'caseId');

  const rendered = renderMessage({ channel: 'letter', name: `letter_${kind}`, language: request.language ?? found.language, variables });
  const language = languageOf(rendered.templateName);
  const html = renderLetterHtml(rendered.body, { title: TITLES[kind], language, pageSize: request.pageSize });
  const bytes = await renderer.render(html);

  const letterId = randomUUID();
  const at = new Date().toISOString();
  store.sqlite.transaction(() => {
    store.sqlite
      .prepare('INSERT INTO letters (id, case_id, kind, template_name, language, html, pdf_base64, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(letterId, caseId, kind, rendered.templateName, language, html, bytes.toString('base64'), actorId, at);
    appendAudit(store.sqlite, {
      type: 'letter.generated', entityType: 'letter', entityId: letterId, actorId, at,
      payload: { caseId, kind, templateName: rendered.templateName, language, pdfBytes: bytes.length },
    });
  }).immediate();
  log.info('letter generated', { letterId, caseId, kind, templateName: rendered.templateName });
  return { letterId, templateName: rendered.templateName, bytes };
}
