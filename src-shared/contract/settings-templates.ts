import { z } from 'zod';
import { SEVERITIES, type Channel } from '../domain/vocabulary';
import { defineChannel } from './define-channel';

/**
 * Message and letter templates on the Settings screen: the shipped files, an administrator's
 * override of any of them (kept in the ledger so every desktop sends the same text), and a
 * preview rendered with a real case while the administrator types.
 */

export const TEMPLATE_LANGUAGES = ['en', 'es'] as const;

const templateRef = {
  language: z.enum(TEMPLATE_LANGUAGES),
  name: z.string().regex(/^[a-z0-9]+(?:_[a-z0-9]+)*$/, 'is not a template name'),
};
/** Templates are short; a letter is the longest, well under this. */
const body = z.string().max(20_000);

export interface TemplateListItem {
  /** `language/name`. */
  id: string;
  language: string;
  name: string;
  channel: Channel;
  overridden: boolean;
}

export interface TemplateDetail extends TemplateListItem {
  /** The file as shipped. */
  shipped: string;
  /** What the senders use now: the override, or the shipped file. */
  body: string;
  updatedBy: string | null;
  updatedAt: string | null;
}

/** A broken template, with where Handlebars or the variable check found the fault (1-based). */
export interface TemplateProblem {
  message: string;
  line: number | null;
  column: number | null;
}

export type TemplatePreview =
  | {
      ok: true;
      subject: string | null;
      body: string;
      /** SMS and WhatsApp: the parts the text is billed as. */
      segments: number | null;
      /** The case whose facts filled the template. */
      sample: { caseId: string; borrowerName: string; accountNumber: string };
      /** Variables no case has (dates, links), filled with example values. */
      exampleValues: string[];
      /** For a default's template: the file a borrower of this severity actually receives, which may be a severity variant. */
      sentAs: string | null;
    }
  | { ok: false; problem: TemplateProblem };

export const settingsTemplateChannels = {
  'settings.templates': defineChannel<{ templates: TemplateListItem[]; variables: Record<string, string> }>()({
    input: z.object({}).strict(),
    permission: 'view_dashboard',
    kind: 'query',
  }),
  'settings.template': defineChannel<TemplateDetail>()({ input: z.object(templateRef).strict(), permission: 'view_dashboard', kind: 'query' }),
  /** Renders a draft with a real case's facts (an open case of that severity when there is one); changes nothing. */
  'settings.previewTemplate': defineChannel<TemplatePreview>()({
    input: z.object({ ...templateRef, body, severity: z.enum(SEVERITIES) }).strict(),
    permission: 'view_dashboard',
    kind: 'query',
  }),
  /** Saves an override the senders use from the next message on; a template that does not render is refused with its line. */
  'settings.saveTemplate': defineChannel<TemplateDetail>()({ input: z.object({ ...templateRef, body: body.min(1) }).strict(), permission: 'admin_settings', kind: 'command' }),
  /** Puts the shipped file back. */
  'settings.resetTemplate': defineChannel<TemplateDetail>()({ input: z.object(templateRef).strict(), permission: 'admin_settings', kind: 'command' }),
};
