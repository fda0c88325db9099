/**
 * Language handling for messages: which template folder a borrower's `language_preference`
 * (seed 001) maps to, which Intl locale formats money and dates, and the opt-out line each
 * text channel must carry in that language.
 */

/** The languages shipped in `templates/`; English is the last resort every lookup falls back to. */
export const FALLBACK_LANGUAGE = 'en';

/**
 * The Intl locale for a bare language code. `es` uses Latin American Spanish, which writes
 * foreign currencies with their ISO code ("USD 1,234.50") instead of a bare "$" that a
 * Spanish-speaking reader could take for pesos.
 */
const DEFAULT_LOCALES: Readonly<Record<string, string>> = { en: 'en-US', es: 'es-419' };

/**
 * The opt-out instruction appended to every text message. The keywords stay in English in every
 * language because they are the ones the carrier and the inbound handler recognise (DESIGN §2).
 * The Spanish lines avoid accented letters outside GSM-7 so they never force UCS-2 on their own.
 */
const OPT_OUT: Readonly<Record<string, { text: string; email: string }>> = {
  en: { text: 'Reply STOP to opt out.', email: 'To stop these emails, reply UNSUBSCRIBE.' },
  es: { text: 'Responda STOP para darse de baja.', email: 'Para dejar de recibir estos correos, responda con la palabra UNSUBSCRIBE.' },
};

/** Splits "es-MX", "es_mx" or "ES" into a lower-case base language and the full tag; blank means English. */
export function parseLanguage(language: string | null | undefined): { base: string; tag: string } {
  const tag = (language ?? '').trim().replace(/_/g, '-');
  const base = tag.split('-')[0]?.toLowerCase() ?? '';
  return /^[a-z]{2,3}$/.test(base) ? { base, tag } : { base: FALLBACK_LANGUAGE, tag: FALLBACK_LANGUAGE };
}

/**
 * The locale for the language a message is actually written in. The borrower's own regional tag
 * (es-US, en-TT) is kept when the text is in that language, since it shows the local currency
 * as "$"; when the text fell back to another language the borrower's region no longer applies.
 */
export function localeFor(templateLanguage: string, requested: string | null | undefined): string {
  const { base, tag } = parseLanguage(requested);
  const regional = base === templateLanguage && tag.includes('-') ? knownRegionalLocale(tag) : null;
  return regional ?? DEFAULT_LOCALES[templateLanguage] ?? templateLanguage;
}

/**
 * The canonical tag when Intl has data for that very region. Intl quietly formats an unknown
 * region (es-TT) as the bare language, i.e. as Spain, so that case takes our default instead;
 * a malformed tag throws, and a stored preference must never break a send.
 */
function knownRegionalLocale(tag: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical && new Intl.NumberFormat(canonical).resolvedOptions().locale === canonical ? canonical : null;
  } catch {
    return null;
  }
}

/** The opt-out line for a channel in a language, or null for channels that need none (voice, letter). */
export function optOutLine(channel: string, language: string): string | null {
  const lines = OPT_OUT[language] ?? OPT_OUT[FALLBACK_LANGUAGE]!;
  if (channel === 'sms' || channel === 'whatsapp') return lines.text;
  if (channel === 'email') return lines.email;
  return null;
}
