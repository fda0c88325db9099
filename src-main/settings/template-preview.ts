import type Database from 'better-sqlite3';
import type { TemplatePreview, TemplateProblem } from '../../src-shared/contract';
import { DEFAULT_TYPES, type Channel, type Severity } from '../../src-shared/domain/vocabulary';
import { AppError } from '../../src-shared/errors';
import { addDays, isoDate } from '../../src-shared/dates';
import { contactPartyOf } from '../recovery/recovery-records';
import { renderMessage, TEMPLATE_VARIABLES, type TemplateVariables } from '../templates';
import { channelOf } from '../templates/catalog';
import { compileTemplate, renderTemplate, type CompiledTemplate } from '../templates/engine';
import { localeFor } from '../templates/language';
import { shapeMessage } from '../templates/render';

/**
 * Renders a draft template the way a send would, with the facts of a real open case, so the
 * administrator sees the message a borrower would get, or what is wrong with the draft and where.
 */

/** 1-based line and column of the first `{{… name …}}` that reads `name`, for a fault the variable check found. */
function whereVariable(source: string, name: string): { line: number | null; column: number | null } {
  const lines = source.split('\n');
  const pattern = new RegExp(`\\{\\{[^}]*\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
  for (const [index, text] of lines.entries()) {
    const match = pattern.exec(text);
    if (match) return { line: index + 1, column: match.index + 1 };
  }
  return { line: null, column: null };
}

/** Handlebars' own faults carry their place: a parse error in its message, a compile or strict-mode error as fields. */
function handlebarsProblem(error: unknown): TemplateProblem {
  const message = error instanceof Error ? error.message : String(error);
  const parse = /^Parse error on line (\d+):/.exec(message);
  if (parse) return { message, line: Number(parse[1]), column: null };
  const located = error as { lineNumber?: unknown; column?: unknown };
  return {
    message,
    line: typeof located.lineNumber === 'number' ? located.lineNumber : null,
    column: typeof located.column === 'number' ? located.column + 1 : null,
  };
}

/** Values no case row holds (dates a sender computes, links and reasons set elsewhere), as examples. */
function exampleValues(today: string, variables: TemplateVariables): Record<string, string | number> {
  return {
    due_date: addDays(isoDate(today), 14),
    letter_date: today,
    amount_due: typeof variables.amount_overdue === 'number' ? variables.amount_overdue : 25_000,
    default_reason: 'missed installments',
    portal_link: 'https://pay.example.com',
  };
}

/** An open case of that severity (and default type, when the template names one), else any open case. */
function sampleCaseId(sqlite: Database.Database, severity: Severity, defaultType: string | null): string {
  const pick = (where: string, ...args: unknown[]) =>
    sqlite.prepare(`SELECT id FROM cases WHERE active = 1 ${where} ORDER BY id LIMIT 1`).pluck().get(...args) as string | undefined;
  const id = (defaultType ? pick('AND severity = ? AND default_type = ?', severity, defaultType) : undefined) ?? pick('AND severity = ?', severity) ?? pick('');
  if (!id) throw new AppError('not_found', 'there is no open case to preview the template with');
  return id;
}

function defaultTypeOf(name: string, channel: Channel): string | null {
  return DEFAULT_TYPES.find((type) => name === `${channel}_${type}` || name.startsWith(`${channel}_${type}_`)) ?? null;
}

/** Checks a draft compiles and reads only known variables; the problem, or the compiled template. */
export function checkTemplate(body: string, html: boolean): { ok: true; template: CompiledTemplate } | { ok: false; problem: TemplateProblem } {
  let template: CompiledTemplate;
  try {
    template = compileTemplate(body, html);
  } catch (error) {
    return { ok: false, problem: handlebarsProblem(error) };
  }
  const unknown = template.required.find((name) => !(name in TEMPLATE_VARIABLES));
  if (unknown) return { ok: false, problem: { message: `"${unknown}" is not a template variable`, ...whereVariable(body, unknown) } };
  return { ok: true, template };
}

export function previewTemplate(sqlite: Database.Database, request: { language: string; name: string; body: string; severity: Severity }, today = new Date().toISOString().slice(0, 10)): TemplatePreview {
  const channel = channelOf(request.name);
  if (!channel) throw new AppError('validation', `name: ${request.name} is not a template of any channel`, 'name');
  const checked = checkTemplate(request.body, channel === 'letter');
  if (!checked.ok) return checked;
  const defaultType = defaultTypeOf(request.name, channel);
  const caseId = sampleCaseId(sqlite, request.severity, defaultType);
  const party = contactPartyOf(sqlite, { caseId });
  const examples = exampleValues(today, party.variables);
  const filled = Object.keys(examples).filter((name) => party.variables[name] === null || party.variables[name] === undefined || party.variables[name] === '');
  const variables: TemplateVariables = { ...Object.fromEntries(filled.map((name) => [name, examples[name]])), ...Object.fromEntries(Object.entries(party.variables).filter(([name]) => !filled.includes(name))), severity: request.severity };
  const id = `${request.language}/${request.name}`;
  let text: string;
  try {
    text = renderTemplate(id, checked.template, variables, { locale: localeFor(request.language, request.language), html: channel === 'letter' });
  } catch (error) {
    if (error instanceof AppError && error.field?.startsWith('variables.')) {
      const name = error.field.slice('variables.'.length);
      return { ok: false, problem: { message: `${error.message}, which this case has no value for: wrap it in {{#if ${name}}}…{{/if}}`, ...whereVariable(request.body, name) } };
    }
    return { ok: false, problem: handlebarsProblem(error) };
  }
  let message;
  try {
    message = shapeMessage(channel, id, request.language, text);
  } catch (error) {
    return { ok: false, problem: { message: error instanceof Error ? error.message : String(error), line: 1, column: 1 } };
  }
  const row = sqlite.prepare('SELECT b.first_name || \' \' || b.last_name AS name, l.account_number FROM cases c JOIN loans l ON l.id = c.loan_id JOIN borrowers b ON b.id = l.borrower_id WHERE c.id = ?').get(caseId) as { name: string; account_number: string };
  return {
    ok: true,
    subject: message.subject ?? null,
    body: message.body,
    segments: message.segments ?? null,
    sample: { caseId, borrowerName: String(party.variables.borrower_name ?? row.name), accountNumber: row.account_number },
    exampleValues: filled.filter((name) => checked.template.required.includes(name)),
    sentAs: defaultType ? sentAs(channel, defaultType, request.severity, request.language, variables) : null,
  };
}

/** Which file a borrower of this language and severity receives for the default's type, as the senders resolve it. */
function sentAs(channel: Channel, defaultType: string, severity: Severity, language: string, variables: TemplateVariables): string | null {
  try {
    return renderMessage({ channel, defaultType: defaultType as (typeof DEFAULT_TYPES)[number], severity, language, variables }).templateName;
  } catch {
    return null;
  }
}
