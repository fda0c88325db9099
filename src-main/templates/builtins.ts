import type { Channel } from '../../src-shared/domain/vocabulary';
import { compileTemplate, type CompiledTemplate } from './engine';
import { FALLBACK_LANGUAGE } from './language';

/**
 * The last resort of template resolution (seed 000's "fallback templates"): one message per
 * channel in code, so a missing or deleted file never stops a send. They use only the borrower's
 * and the lender's names, which every send has, and ask the borrower to get in touch.
 */
const BUILTINS: Readonly<Record<string, Readonly<Record<Channel, string>>>> = {
  en: {
    sms: '{{borrower_name}}, please contact {{lender_name}} about your account.',
    whatsapp: 'Hello {{borrower_name}}, please contact {{lender_name}} about your account.',
    voice: 'Hello, this is {{lender_name}} with a message for {{borrower_name}}. Please contact us about your account. Thank you.',
    email: 'Subject: Your account with {{lender_name}}\n\nDear {{borrower_name}},\n\nPlease contact us about your account at your earliest convenience.\n\nSincerely,\n{{lender_name}}',
    letter: '<article class="letter"><p>Dear {{borrower_name}},</p><p>Please contact us about your account at your earliest convenience.</p><p>Sincerely,<br>{{lender_name}}</p></article>',
  },
  es: {
    sms: '{{borrower_name}}, por favor comuníquese con {{lender_name}} sobre su cuenta.',
    whatsapp: 'Hola, {{borrower_name}}. Por favor comuníquese con {{lender_name}} sobre su cuenta.',
    voice: 'Hola, le habla {{lender_name}} con un mensaje para {{borrower_name}}. Por favor comuníquese con nosotros sobre su cuenta. Gracias.',
    email: 'Subject: Su cuenta con {{lender_name}}\n\nEstimado/a {{borrower_name}}:\n\nLe pedimos que se comunique con nosotros sobre su cuenta lo antes posible.\n\nAtentamente,\n{{lender_name}}',
    letter: '<article class="letter"><p>Estimado/a {{borrower_name}}:</p><p>Le pedimos que se comunique con nosotros sobre su cuenta lo antes posible.</p><p>Atentamente,<br>{{lender_name}}</p></article>',
  },
};

const compiled = new Map<string, CompiledTemplate>();

/** The built-in message for a channel in the language, or in English when there is none in it. */
export function builtinTemplate(channel: Channel, language: string): { id: string; language: string; template: CompiledTemplate } {
  const lang = BUILTINS[language] ? language : FALLBACK_LANGUAGE;
  const id = `builtin/${lang}/${channel}`;
  let template = compiled.get(id);
  if (!template) {
    template = compileTemplate(BUILTINS[lang]![channel], channel === 'letter');
    compiled.set(id, template);
  }
  return { id, language: lang, template };
}
