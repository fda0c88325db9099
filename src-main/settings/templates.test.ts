import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemplateDetail, TemplateListItem, TemplatePreview } from '../../src-shared/contract';
import { useSeededDispatcher } from '../../tests-support/dispatcher';
import { chromiumPdfRenderer } from '../letters/chromium-pdf-renderer';
import { contactPartyOf } from '../recovery/recovery-records';
import { createRecoveryService, type RecoveryService } from '../recovery/recovery-service';
import { renderMessage } from '../templates';
import { createTwilioClient } from '../twilio/twilio-client';
import { startTwilioSimulator, type TwilioSimulator } from '../twilio-simulator/simulator';

const seeded = useSeededDispatcher(120);
const preview = async (payload: object, role: 'supervisor' | 'admin' = 'supervisor') => (await seeded.t.ok(seeded.t.sessionAs(role), 'settings.previewTemplate', payload)) as TemplatePreview;
const problemOf = (result: TemplatePreview) => {
  if (result.ok) throw new Error(`expected a problem, got ${result.body}`);
  return result.problem;
};

describe('templates on the settings screen', () => {
  it('lists every shipped template in English and Spanish, none overridden yet', async () => {
    const { templates, variables } = (await seeded.t.ok(seeded.t.sessionAs('supervisor'), 'settings.templates', {})) as { templates: TemplateListItem[]; variables: Record<string, string> };
    expect(templates.filter((template) => template.name === 'sms_payment_default').map((template) => template.id)).toEqual(['en/sms_payment_default', 'es/sms_payment_default']);
    expect(templates.find((template) => template.id === 'es/letter_demand')).toMatchObject({ channel: 'letter', overridden: false });
    expect(variables.amount_overdue).toMatch(/minor units/);
  });

  it('previews every shipped template, in each language, without a problem', async () => {
    const { templates } = (await seeded.t.ok(seeded.t.sessionAs('supervisor'), 'settings.templates', {})) as { templates: TemplateListItem[] };
    for (const template of templates) {
      const detail = (await seeded.t.ok(seeded.t.sessionAs('supervisor'), 'settings.template', { language: template.language, name: template.name })) as TemplateDetail;
      const result = await preview({ language: template.language, name: template.name, body: detail.body, severity: 'medium' });
      expect(result.ok ? null : `${template.id}: ${result.problem.message}`).toBeNull();
    }
  });

  it('previews a draft with a real case: the borrower’s name, money in the language’s format and the opt-out line', async () => {
    const draft = '{{borrower_name}}: {{money amount_overdue currency}} vencido, {{days days_past_due}}.';
    const result = await preview({ language: 'es', name: 'sms_payment_default', body: draft, severity: 'high' });
    if (!result.ok) throw new Error(result.problem.message);
    const party = contactPartyOf(seeded.store.sqlite, { caseId: result.sample.caseId });
    expect(seeded.store.sqlite.prepare('SELECT severity, default_type FROM cases WHERE id = ?').get(result.sample.caseId)).toEqual({ severity: 'high', default_type: 'payment_default' });
    expect(result.body.startsWith(`${String(party.variables.borrower_name)}: `)).toBe(true);
    expect(result.body).toMatch(/días\.\nResponda STOP para darse de baja\.$/);
    expect(result.segments).toBeGreaterThanOrEqual(1);
    // The base template is not what a high-severity borrower gets: the severity variant is.
    expect(result.sentAs).toBe('es/sms_payment_default_high');
  });

  it('takes the severity chosen, and splits an email’s subject from its body', async () => {
    const result = await preview({ language: 'en', name: 'email_payment_default', body: 'Subject: Account {{loan_id}} ({{severity}})\n\nDear {{borrower_name}},\nplease call {{lender_phone}}.', severity: 'critical' });
    if (!result.ok) throw new Error(result.problem.message);
    expect(result.subject).toMatch(/^Account \S+ \(critical\)$/);
    expect(result.body).toMatch(/^Dear .+,\nplease call .+\.\n\nTo stop these emails, reply UNSUBSCRIBE\.$/);
    expect(result.sentAs).toBe('en/email_payment_default_critical');
  });

  it('shows where a draft is broken: a parse error, a block closed by the wrong name, an unknown variable, a missing subject', async () => {
    const parse = problemOf(await preview({ language: 'en', name: 'sms_payment_reminder', body: 'Hello\n{{#if agent_name}}\nabc {{borrower_name}\n{{/if}}', severity: 'low' }));
    expect(parse.line).toBe(3);
    expect(parse.message).toMatch(/^Parse error on line 3/);
    const block = problemOf(await preview({ language: 'en', name: 'sms_payment_reminder', body: 'Hi\n{{#if agent_name}}x\n{{/each}}', severity: 'low' }));
    expect(block).toMatchObject({ line: 2, message: expect.stringMatching(/if doesn't match each/) });
    const unknown = problemOf(await preview({ language: 'en', name: 'sms_payment_reminder', body: 'Hi {{borrower_name}},\n  your {{nickname}} is due', severity: 'low' }));
    expect(unknown).toEqual({ message: '"nickname" is not a template variable', line: 2, column: 8 });
    const subject = problemOf(await preview({ language: 'en', name: 'email_escalation', body: 'Dear {{borrower_name}}', severity: 'low' }));
    expect(subject.message).toMatch(/must start with a "Subject: …" line/);
  });

  it('refuses to save a broken template, naming its line; supervisors only preview', async () => {
    const broken = await seeded.t.dispatch(seeded.t.sessionAs('admin'), 'settings.saveTemplate', { language: 'en', name: 'sms_payment_reminder', body: 'Hi\n\n{{borrower_name}' });
    expect(broken).toMatchObject({ ok: false, error: { code: 'validation', field: 'body', message: expect.stringMatching(/^body \(line 3\): Parse error/) } });
    const supervisor = await seeded.t.dispatch(seeded.t.sessionAs('supervisor'), 'settings.saveTemplate', { language: 'en', name: 'sms_payment_reminder', body: 'Hi {{borrower_name}}' });
    expect(supervisor).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const unknownName = await seeded.t.dispatch(seeded.t.sessionAs('admin'), 'settings.saveTemplate', { language: 'en', name: 'sms_nothing_here', body: 'Hi {{borrower_name}}' });
    expect(unknownName).toMatchObject({ ok: false, error: { code: 'not_found', field: 'name' } });
    expect(seeded.store.sqlite.prepare('SELECT count(*) FROM template_overrides').pluck().get()).toBe(0);
  });
});

describe('a saved override is what a real send renders', () => {
  const SIM_SID = `AC${'0'.repeat(32)}`;
  let simulator: TwilioSimulator;
  let service: RecoveryService;
  beforeAll(async () => {
    simulator = await startTwilioSimulator({ accountSid: SIM_SID, authToken: 'sim-token-0123456789abcdef', callbackDelayMs: 5 });
    const twilio = createTwilioClient({ accountSid: SIM_SID, authToken: 'sim-token-0123456789abcdef', fromNumber: '+15005550006', baseUrl: simulator.url, sendIntervalMs: 0 });
    // TT is UTC−4: 14:00Z is 10:00 local, inside its contact hours.
    service = createRecoveryService({ store: seeded.store, twilio, letterRenderer: chromiumPdfRenderer(), now: () => new Date('2026-12-01T14:00:00Z') });
  });
  afterAll(() => simulator.close());

  it('an admin’s override of the template a borrower gets goes out through Twilio, audited and pushed; a reset brings the file back', async () => {
    const { sqlite } = seeded.store;
    const caseId = sqlite
      .prepare(`SELECT c.id FROM cases c JOIN loans l ON l.id = c.loan_id JOIN borrowers b ON b.id = l.borrower_id JOIN phones p ON p.borrower_id = b.id AND p.is_primary = 1
        WHERE c.active = 1 AND c.default_type IS NOT NULL AND b.jurisdiction = 'TT' AND b.do_not_contact = 0 AND p.sms_consent = 1 AND p.type = 'mobile' ORDER BY c.id LIMIT 1`)
      .pluck().get() as string;
    const party = contactPartyOf(sqlite, { caseId });
    const shipped = renderMessage({ channel: 'sms', defaultType: party.defaultType, severity: party.severity, language: party.language, variables: party.variables });
    const [language, name] = shipped.templateName.split('/') as [string, string];
    const admin = seeded.t.sessionAs('admin');
    const saved = (await seeded.t.ok(admin, 'settings.saveTemplate', { language, name, body: 'Override for {{borrower_name}}: {{money amount_overdue currency}} overdue. Call {{lender_phone}}.' })) as TemplateDetail;
    expect(saved).toMatchObject({ id: shipped.templateName, overridden: true, updatedBy: admin.user!.name });
    expect(sqlite.prepare(`SELECT type, entity_id FROM audit_events WHERE type = 'template.overridden'`).get()).toEqual({ type: 'template.overridden', entity_id: shipped.templateName });
    expect(JSON.parse(sqlite.prepare(`SELECT changes FROM outbox WHERE name = 'settings.saveTemplate'`).pluck().get() as string)).toEqual([
      expect.objectContaining({ tbl: 'template_overrides', id: shipped.templateName, op: 'upsert' }),
    ]);

    const agent = { id: seeded.t.sessionAs('agent').user!.id, role: 'agent' as const };
    const [action] = service.triggerActions(caseId, { types: ['sms_reminder'], actor: agent, manual: false });
    const result = await service.executeAction(action!.id, { actor: agent, manual: false });
    expect(result.outcome).toBe('sent');
    const carried = simulator.messages().find((message) => message.to === result.action.recipient);
    expect(carried?.body).toMatch(new RegExp(`^Override for ${String(party.variables.borrower_name)}: `));
    expect(result.action.content).toBe(carried?.body);

    const reset = (await seeded.t.ok(admin, 'settings.resetTemplate', { language, name })) as TemplateDetail;
    expect(reset).toMatchObject({ overridden: false, body: reset.shipped });
    expect(renderMessage({ channel: 'sms', defaultType: party.defaultType, severity: party.severity, language: party.language, variables: party.variables }).body).toBe(shipped.body);
  });
});
