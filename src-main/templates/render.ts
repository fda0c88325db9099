import { AppError } from '../../src-shared/errors';
import type { Channel, DefaultType, Severity } from '../../src-shared/domain/vocabulary';
import { builtinTemplate } from './builtins';
import { channelOf, isTemplateName, loadTemplate } from './catalog';
import { renderTemplate, type CompiledTemplate, type TemplateVariables } from './engine';
import { FALLBACK_LANGUAGE, localeFor, optOutLine, parseLanguage } from './language';
import { smsSegments } from './segments';

export interface RenderRequest {
  channel: Channel;
  defaultType?: DefaultType | null;
  severity?: Severity | null;
  /** An explicit template, as a dunning step or pre-delinquency rule names it; wins over type and severity. */
  name?: string | null;
  /** The borrower's `language_preference` (seed 001), e.g. "es" or "es-MX"; blank means English. */
  language?: string | null;
  variables: TemplateVariables;
}

export interface RenderedMessage {
  /** The template actually used: `es/sms_payment_default_high`, or `builtin/en/sms` for the fallback in code. */
  templateName: string;
  /** Email only, from the template's first line `Subject: …`. */
  subject?: string;
  body: string;
  /** SMS and WhatsApp only: the SMS parts the body takes. */
  segments?: number;
}

/**
 * The names to try, in order. A type and severity try the severity variant then the base name
 * (seed 000); an explicit name is taken as is. Each is tried in the borrower's language, then
 * in English.
 */
function candidates(request: RenderRequest, language: string): string[] {
  const { channel, defaultType, severity, name } = request;
  let names: string[] = [];
  if (name) names = [name];
  else if (defaultType) names = severity ? [`${channel}_${defaultType}_${severity}`, `${channel}_${defaultType}`] : [`${channel}_${defaultType}`];
  const languages = language === FALLBACK_LANGUAGE ? [language] : [language, FALLBACK_LANGUAGE];
  return languages.flatMap((lang) => names.map((candidate) => `${lang}/${candidate}`));
}

function resolve(request: RenderRequest, language: string): { id: string; language: string; template: CompiledTemplate } {
  const html = request.channel === 'letter';
  for (const id of candidates(request, language)) {
    const [lang = FALLBACK_LANGUAGE, name = ''] = id.split('/');
    const template = loadTemplate(lang, name, html);
    if (template) return { id, language: lang, template };
  }
  return builtinTemplate(request.channel, language);
}

/** An explicit name comes from stored settings: keep it to a plain file name of the same channel. */
function checkName(request: RenderRequest): void {
  if (!request.name) return;
  if (!isTemplateName(request.name)) throw new AppError('validation', `"${request.name}" is not a template name`, 'name');
  if (channelOf(request.name) !== request.channel) throw new AppError('validation', `template ${request.name} is not a ${request.channel} template`, 'name');
}

/** Splits an email's `Subject: …` first line from its body. */
function splitSubject(templateName: string, text: string): { subject: string; body: string } {
  const match = /^Subject:[ \t]*(.*)\r?\n/.exec(text);
  if (!match?.[1]) throw new AppError('validation', `email template ${templateName} must start with a "Subject: …" line`);
  return { subject: match[1].trim(), body: text.slice(match[0].length).trim() };
}

/** Every text the borrower can answer carries an opt-out instruction; the template may already end with it. */
function withOptOut(channel: Channel, language: string, body: string): string {
  const line = optOutLine(channel, language);
  if (!line || body.endsWith(line)) return body;
  return `${body}${channel === 'email' ? '\n\n' : '\n'}${line}`;
}

/**
 * Renders the message for a channel in the borrower's language. Resolution, for a type:
 * `{lang}/{channel}_{type}_{severity}` → `{lang}/{channel}_{type}` → the same in English → the
 * built-in default; for an explicit name: `{lang}/{name}` → `en/{name}` → the built-in default.
 * Money and dates are written in the locale of the language the text is actually in.
 */
export function renderMessage(request: RenderRequest): RenderedMessage {
  checkName(request);
  const requested = parseLanguage(request.language);
  const { id, language, template } = resolve(request, requested.base);
  const data = { locale: localeFor(language, request.language), html: request.channel === 'letter' };
  return shapeMessage(request.channel, id, language, renderTemplate(id, template, request.variables, data));
}

/**
 * A rendered template as it is sent: an email's subject taken from its first line, the opt-out
 * line added to texts and emails, the SMS parts counted. Shared with the settings preview.
 */
export function shapeMessage(channel: Channel, id: string, language: string, rendered: string): RenderedMessage {
  const text = rendered.trim();
  if (channel === 'email') {
    const { subject, body } = splitSubject(id, text);
    return { templateName: id, subject, body: withOptOut(channel, language, body) };
  }
  if (channel === 'sms' || channel === 'whatsapp') {
    const body = withOptOut(channel, language, text);
    return { templateName: id, body, segments: smsSegments(body).segments };
  }
  return { templateName: id, body: text };
}
