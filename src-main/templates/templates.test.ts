import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { listTemplates, renderMessage, smsSegments, templatesDir, TEMPLATE_VARIABLES, type RenderRequest, type TemplateVariables } from './index';

/** One value for every documented variable, so rendering every file also proves each variable it uses is documented. */
const VARIABLES = {
  borrower_name: 'Ana Gómez',
  borrower_address: '12 Frederick Street\nPort of Spain',
  default_type: 'payment_default',
  default_reason: 'The debt service coverage ratio fell below the agreed minimum.',
  amount_overdue: 1234567,
  amount_due: 50000,
  balance: 9876543,
  currency: 'TTD',
  days_past_due: 12,
  severity: 'medium',
  loan_id: 'L-1001',
  deal_id: 'D-77',
  due_date: '2026-03-05',
  letter_date: '2026-02-20',
  lender_name: 'Island Credit',
  lender_phone: '+1 868 555 0100',
  agent_name: 'Joel Baptiste',
  portal_link: 'https://pay.example.tt',
} satisfies TemplateVariables;

const OPT_OUT = {
  en: { text: 'Reply STOP to opt out.', email: 'To stop these emails, reply UNSUBSCRIBE.' },
  es: { text: 'Responda STOP para darse de baja.', email: 'Para dejar de recibir estos correos, responda con la palabra UNSUBSCRIBE.' },
} as const;

const money = (locale: string, minor: number, currency: string): string => new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 100);
const sms = (request: Partial<RenderRequest> = {}) => renderMessage({ channel: 'sms', defaultType: 'payment_default', variables: VARIABLES, ...request });

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('template resolution', () => {
  it('uses Spanish for es and for a regional tag such as es-MX', () => {
    expect(sms({ language: 'es' }).templateName).toBe('es/sms_payment_default');
    expect(sms({ language: 'es-MX' }).templateName).toBe('es/sms_payment_default');
    expect(sms({ language: 'ES_mx' }).body).toContain('préstamo');
  });

  it('falls back to English for a language without templates, and for a blank preference', () => {
    expect(sms({ language: 'fr' }).templateName).toBe('en/sms_payment_default');
    expect(sms({ language: null }).templateName).toBe('en/sms_payment_default');
    expect(sms({ language: '' }).templateName).toBe('en/sms_payment_default');
  });

  it('picks the severity variant when there is one, else the base template', () => {
    expect(sms({ language: 'es', severity: 'high' }).templateName).toBe('es/sms_payment_default_high');
    expect(sms({ language: 'en', severity: 'critical' }).templateName).toBe('en/sms_payment_default_critical');
    expect(sms({ language: 'es', severity: 'medium' }).templateName).toBe('es/sms_payment_default');
    expect(renderMessage({ channel: 'voice', defaultType: 'payment_default', severity: 'high', language: 'es', variables: VARIABLES }).templateName).toBe('es/voice_payment_default');
  });

  it('renders an explicit template name, as dunning steps give them', () => {
    for (const name of ['sms_payment_default', 'voice_payment_default', 'email_payment_default', 'letter_escalation', 'sms_payment_reminder']) {
      const channel = name.split('_')[0] as RenderRequest['channel'];
      expect(renderMessage({ channel, name, language: 'es-MX', variables: VARIABLES }).templateName).toBe(`es/${name}`);
      expect(renderMessage({ channel, name, language: 'fr', variables: VARIABLES }).templateName).toBe(`en/${name}`);
    }
  });

  it('falls back to the built-in default when no file matches', () => {
    const builtin = renderMessage({ channel: 'sms', name: 'sms_no_such_step', language: 'es', variables: VARIABLES });
    expect(builtin.templateName).toBe('builtin/es/sms');
    expect(builtin.body).toBe('Ana Gómez, por favor comuníquese con Island Credit sobre su cuenta.\nResponda STOP para darse de baja.');
    expect(renderMessage({ channel: 'voice', defaultType: 'infraction', language: 'fr', variables: VARIABLES }).templateName).toBe('builtin/en/voice');
  });

  it('still sends on every channel when the templates folder is empty', () => {
    vi.stubEnv('RECOURSE_TEMPLATES_DIR', mkdtempSync(join(tmpdir(), 'recourse-templates-')));
    for (const channel of ['sms', 'whatsapp', 'voice', 'email', 'letter'] as const) {
      const message = renderMessage({ channel, defaultType: 'payment_default', severity: 'high', language: 'es', variables: { borrower_name: 'Ana', lender_name: 'Island Credit' } });
      expect(message.templateName).toBe(`builtin/es/${channel}`);
      expect(message.body).toContain('Ana');
    }
  });

  it('refuses an explicit name that is not a plain name of the same channel', () => {
    expect(() => renderMessage({ channel: 'sms', name: '../es/sms_payment_default', variables: VARIABLES })).toThrow(AppError);
    expect(() => renderMessage({ channel: 'sms', name: 'letter_demand', variables: VARIABLES })).toThrow(/not a sms template/);
  });

  it('lists every template, including each one the seeded dunning steps use, in both languages', () => {
    const ids = listTemplates().map((template) => template.id);
    expect(ids).toHaveLength(42);
    for (const name of ['sms_payment_default', 'voice_payment_default', 'email_payment_default', 'letter_escalation', 'sms_payment_reminder', 'whatsapp_payment_reminder', 'letter_legal_notice']) {
      expect(ids).toContain(`en/${name}`);
      expect(ids).toContain(`es/${name}`);
    }
    expect(listTemplates().find((template) => template.id === 'es/letter_demand')).toEqual({ id: 'es/letter_demand', name: 'letter_demand', language: 'es', channel: 'letter' });
    expect(basename(templatesDir())).toBe('templates');
  });
});

describe('variables', () => {
  it('formats money for the currency in the language of the text', () => {
    expect(sms({ language: 'en' }).body).toContain(money('en-US', 1234567, 'TTD'));
    expect(sms({ language: 'es' }).body).toContain(money('es-419', 1234567, 'TTD'));
    expect(sms({ language: 'es-MX', variables: { ...VARIABLES, currency: 'USD' } }).body).toContain(money('es-MX', 1234567, 'USD'));
    expect(sms({ language: 'en-TT' }).body).toContain(money('en-TT', 1234567, 'TTD'));
    // Intl would write es-TT as Spain's Spanish ("12.345,67"); the Latin American default is used instead.
    expect(sms({ language: 'es-TT' }).body).toContain(money('es-419', 1234567, 'TTD'));
    // A French borrower reads the English fallback, so the amount is written the English way.
    expect(sms({ language: 'fr-FR' }).body).toContain(money('en-US', 1234567, 'TTD'));
  });

  it('writes dates long and day counts with the plural of the language', () => {
    const long = (locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date('2026-03-05T00:00:00Z'));
    expect(renderMessage({ channel: 'sms', name: 'sms_payment_reminder', language: 'en', variables: VARIABLES }).body).toContain(`due on ${long('en-US')}`);
    expect(renderMessage({ channel: 'sms', name: 'sms_payment_reminder', language: 'es', variables: VARIABLES }).body).toContain(`vence el ${long('es-419')}`);
    expect(sms({ language: 'en', variables: { ...VARIABLES, days_past_due: 1 } }).body).toContain('is 1 day past due');
    expect(sms({ language: 'es', variables: { ...VARIABLES, days_past_due: 1 } }).body).toContain('tiene 1 día de atraso');
  });

  it('fails with an error naming a missing, null or blank variable', () => {
    const { amount_overdue: _amount, ...withoutAmount } = VARIABLES;
    expect(() => sms({ variables: withoutAmount })).toThrow(/"amount_overdue"/);
    expect(() => sms({ variables: { ...VARIABLES, borrower_name: '  ' } })).toThrow(/"borrower_name"/);
    try {
      sms({ language: 'es', variables: { ...withoutAmount, portal_link: null } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message).toBe('template es/sms_payment_default needs "amount_overdue", "portal_link"');
      expect((error as AppError).field).toBe('variables.amount_overdue');
    }
  });

  it('treats a variable tested with #if as optional', () => {
    const { agent_name: _agent, ...withoutAgent } = VARIABLES;
    expect(renderMessage({ channel: 'letter', name: 'letter_escalation', variables: withoutAgent }).body).not.toContain('is handling your account');
    expect(renderMessage({ channel: 'letter', name: 'letter_escalation', variables: VARIABLES }).body).toContain('Joel Baptiste is handling your account');
  });

  it('rejects amounts that are not integer minor units', () => {
    expect(() => sms({ variables: { ...VARIABLES, amount_overdue: 12.5 } })).toThrow(/integer minor units/);
  });
});

describe('every shipped template', () => {
  it('documents exactly the variables the test renders with', () => {
    expect(Object.keys(VARIABLES).sort()).toEqual(Object.keys(TEMPLATE_VARIABLES).sort());
  });

  it('renders, and every sms, WhatsApp and email ends with the opt-out instruction of its language', () => {
    for (const { channel, name, language } of listTemplates()) {
      const message = renderMessage({ channel, name, language, variables: VARIABLES });
      expect(message.templateName).toBe(`${language}/${name}`);
      const lines = OPT_OUT[language as keyof typeof OPT_OUT];
      if (channel === 'sms' || channel === 'whatsapp') expect(message.body.endsWith(lines.text), message.templateName).toBe(true);
      if (channel === 'email') expect(message.body.endsWith(lines.email), message.templateName).toBe(true);
      if (channel === 'voice' || channel === 'letter') expect(message.body).not.toMatch(/STOP|UNSUBSCRIBE/);
      expect(message.body).not.toMatch(/undefined|NaN|\{\{/);
    }
  });

  it('gives emails a subject and no Subject line in the body', () => {
    const email = renderMessage({ channel: 'email', defaultType: 'payment_default', severity: 'high', language: 'es', variables: VARIABLES });
    expect(email.templateName).toBe('es/email_payment_default_high');
    expect(email.subject).toBe('Acción requerida: su préstamo L-1001 tiene 12 días de atraso');
    expect(email.body.startsWith('Estimado/a Ana Gómez:')).toBe(true);
    expect(email.segments).toBeUndefined();
  });

  it('escapes borrower data in letters so markup in a name stays inert', () => {
    const variables = { ...VARIABLES, borrower_name: '<script>alert(1)</script>', borrower_address: '1 <b>Main</b> St\r\nSan Fernando' };
    const letter = renderMessage({ channel: 'letter', name: 'letter_demand', language: 'en', variables });
    expect(letter.body).not.toContain('<script>');
    expect(letter.body).toContain('Dear &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(letter.body).toContain('<address>&lt;script&gt;alert(1)&lt;/script&gt;<br>1 &lt;b&gt;Main&lt;/b&gt; St<br>San Fernando</address>');
    expect(letter.body).toContain(`<td>${money('en-US', 1234567, 'TTD')}</td>`);
    expect(letter.segments).toBeUndefined();
  });
});

describe('opt-out and edited files', () => {
  function customDir(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'recourse-templates-'));
    mkdirSync(join(dir, 'en'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'en', `${name}.hbs`), text);
    vi.stubEnv('RECOURSE_TEMPLATES_DIR', dir);
    return dir;
  }

  it('does not repeat an opt-out the template already ends with', () => {
    const dir = customDir({ sms_payment_default: 'Hi {{borrower_name}}. Reply STOP to opt out.\n' });
    expect(sms().body).toBe('Hi Ana Gómez. Reply STOP to opt out.');
    rmSync(dir, { recursive: true });
  });

  it('writes a multi-line value as plain lines in a text message', () => {
    const dir = customDir({ email_payment_default: 'Subject: Address check\n\nWe have:\n{{lines borrower_address}}' });
    const email = renderMessage({ channel: 'email', defaultType: 'payment_default', variables: { ...VARIABLES, borrower_address: 'Flat <2>\r\n  Port of Spain ' } });
    expect(email).toEqual({ templateName: 'en/email_payment_default', subject: 'Address check', body: 'We have:\nFlat <2>\nPort of Spain\n\nTo stop these emails, reply UNSUBSCRIBE.' });
    rmSync(dir, { recursive: true });
  });

  it('picks up an edited template without a restart', () => {
    const dir = customDir({ sms_payment_default: 'First {{loan_id}}' });
    expect(sms().body).toBe('First L-1001\nReply STOP to opt out.');
    const file = join(dir, 'en', 'sms_payment_default.hbs');
    writeFileSync(file, 'Second {{loan_id}}');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(sms().body).toBe('Second L-1001\nReply STOP to opt out.');
    rmSync(dir, { recursive: true });
  });
});

describe('SMS segments', () => {
  it('counts one GSM-7 segment for a short text and more for a long one', () => {
    expect(smsSegments('Your payment of $50.00 is due on March 5.')).toEqual({ segments: 1, encoding: 'GSM-7' });
    expect(smsSegments('a'.repeat(160)).segments).toBe(1);
    expect(smsSegments('a'.repeat(161)).segments).toBe(2);
    expect(smsSegments('a'.repeat(400)).segments).toBe(3);
  });

  it('counts UCS-2 for emoji and for Spanish accents outside GSM-7', () => {
    expect(smsSegments(`${'a'.repeat(100)} 🙏`)).toEqual({ segments: 2, encoding: 'UCS-2' });
    // GSM-7 has ñ, é and ü but not á, í, ó or ú.
    expect(smsSegments('Su préstamo, señor').encoding).toBe('GSM-7');
    expect(smsSegments('Llámenos hoy').encoding).toBe('UCS-2');
  });

  it('reports the segments of the final SMS and WhatsApp body, opt-out included', () => {
    const message = sms({ language: 'es' });
    expect(message.segments).toBe(smsSegments(message.body).segments);
    expect(renderMessage({ channel: 'whatsapp', defaultType: 'payment_default', variables: VARIABLES }).segments).toBeGreaterThan(1);
    expect(renderMessage({ channel: 'voice', defaultType: 'payment_default', variables: VARIABLES }).segments).toBeUndefined();
  });
});
