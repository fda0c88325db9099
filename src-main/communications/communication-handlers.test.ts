import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../src-shared/contract';
import type { ContactCheck, LetterView } from '../../src-shared/contract/communications';
import type { ExecutionResult } from '../../src-shared/contract/recovery';
import type { Result } from '../../src-shared/errors';
import { ROLE_PERMISSIONS, type Role } from '../../src-shared/roles';
import { seededStore, tableCounts } from '../../tests-support/temp-store';
import { checkContact } from '../compliance/contact-facts';
import { createDispatcher } from '../ipc/dispatch';
import type { Session } from '../ipc/handler-types';
import { createHandlers } from '../ipc/handlers';
import { chromiumPdfRenderer } from '../letters/chromium-pdf-renderer';
import { fileKeyCipher } from '../secrets/sealed-file';
import { createSyncManager } from '../sync/sync-manager';
import { createCommunications, type Communications } from './communications';

type Generated = ExecutionResult & { letter: LetterView | null };
interface CaseRow { caseId: string; loanId: string; borrowerId: string; borrowerName: string }

/** The PDF's text with every run of whitespace (PDF text keeps no-break spaces) as one space. */
async function pdfText(base64: string): Promise<string> {
  const { text } = await extractText(new Uint8Array(Buffer.from(base64, 'base64')), { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

describe('communications, compliance and letters channels through the real dispatcher', () => {
  const temp = seededStore(120);
  const { sqlite } = temp.store;
  const secretsDir = join(temp.dir, 'secrets');
  let clock = new Date('2026-12-01T14:00:00Z');
  let communications: Communications;
  const events: { event: string; payload: unknown }[] = [];
  let dispatch: ReturnType<typeof createDispatcher>;

  const sessionAs = (role: Role): Session => {
    const user = sqlite.prepare('SELECT id, name, email, role FROM users WHERE role = ? ORDER BY id LIMIT 1').get(role) as Omit<SessionUser, 'permissions'>;
    return { user: { ...user, permissions: [...ROLE_PERMISSIONS[role]] } };
  };
  const ok = async <T>(role: Role, channel: string, payload: unknown): Promise<T> => {
    const result = await dispatch(sessionAs(role), channel, payload);
    if (!result.ok) throw new Error(`${channel} refused: ${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };
  const refused = async (role: Role, channel: string, payload: unknown) => {
    const result = await dispatch(sessionAs(role), channel, payload);
    expect(result.ok).toBe(false);
    return (result as Extract<Result<unknown>, { ok: false }>).error;
  };

  // Cases whose borrower no hard block stops: consenting mobile, no preferred hours, no dispute.
  const contactable = (where: string) => sqlite
    .prepare(`SELECT c.id AS caseId, l.id AS loanId, b.id AS borrowerId, c.borrower_name AS borrowerName FROM cases c JOIN loans l ON l.id = c.loan_id
      JOIN borrowers b ON b.id = l.borrower_id
      JOIN phones p ON p.id = (SELECT id FROM phones WHERE borrower_id = b.id ORDER BY is_active DESC, is_primary DESC, id LIMIT 1)
      WHERE c.active = 1 AND c.dispute_flag = 0 AND l.sub_status IS NULL AND b.do_not_contact = 0 AND p.sms_consent = 1 AND p.type = 'mobile' AND p.opted_out_at IS NULL
        AND json_extract(b.communication_preferences, '$.hours') IS NULL AND ${where}
      GROUP BY b.id ORDER BY c.id`)
    .all() as CaseRow[];
  const [ttCase, dncCase] = contactable(`b.jurisdiction = 'TT'`) as [CaseRow, CaseRow];
  // Letters meet only the hard blocks: any open case of a borrower with none, outside TT so no borrower is shared.
  const letterable = (language: string) => sqlite
    .prepare(`SELECT c.id AS caseId, l.id AS loanId, b.id AS borrowerId, c.borrower_name AS borrowerName FROM cases c JOIN loans l ON l.id = c.loan_id
      JOIN borrowers b ON b.id = l.borrower_id
      WHERE c.active = 1 AND c.dispute_flag = 0 AND l.sub_status IS NULL AND b.do_not_contact = 0 AND b.language = ? AND b.jurisdiction <> 'TT'
        AND NOT EXISTS (SELECT 1 FROM legal_representatives r WHERE r.borrower_id = b.id) AND EXISTS (SELECT 1 FROM addresses a WHERE a.borrower_id = b.id)
      ORDER BY c.id LIMIT 1`)
    .get(language) as CaseRow;
  const englishCase = letterable('en');
  const spanishCase = letterable('es');
  const closedCase = sqlite.prepare(`SELECT id FROM cases WHERE active = 0 ORDER BY id LIMIT 1`).pluck().get() as string;

  beforeAll(() => {
    communications = createCommunications({ store: temp.store, secretsDir, letterRenderer: chromiumPdfRenderer(), now: () => clock });
    const sync = createSyncManager({ store: temp.store, secretsDir, cipher: fileKeyCipher(join(secretsDir, 'secret.key')) });
    dispatch = createDispatcher(createHandlers(temp.store, { communications, sync }), (event, payload) => events.push({ event, payload }));
  });
  afterAll(async () => {
    await communications.close();
    temp.cleanup();
  });

  it('finds the cases it works with: two contactable TT ones, an English- and a Spanish-speaking one, and a closed one', () => {
    expect([ttCase, dncCase, englishCase, spanishCase].every((c) => c !== undefined)).toBe(true);
    expect(closedCase).toBeDefined();
  });

  describe('communications settings', () => {
    const credentials = { accountSid: `AC${'0f'.repeat(16)}`, authToken: 'handler-token-9d8c7b6a5f4e3d2c', fromNumber: '+18685550188' };

    it('tells an agent how this desktop communicates', async () => {
      expect(await ok('agent', 'communications.status', {})).toEqual({ twilio: { mode: 'sandbox' }, email: { mode: 'sandbox' }, statusSource: 'polling' });
    });

    it('refuses Twilio credentials from an agent or a supervisor, and saves nothing', async () => {
      for (const role of ['agent', 'supervisor'] as const) {
        expect(await refused(role, 'communications.saveTwilio', credentials)).toMatchObject({ code: 'forbidden' });
      }
      expect(existsSync(join(secretsDir, 'twilio.sealed'))).toBe(false);
      expect(communications.status().twilio).toEqual({ mode: 'sandbox' });
    });

    it('takes them from an admin and answers with the live summary, never the token', async () => {
      const result = await dispatch(sessionAs('admin'), 'communications.saveTwilio', credentials);
      expect(result).toEqual({ ok: true, value: { twilio: { mode: 'live', accountSidHint: 'AC…0f0f', fromNumber: '+18685550188', whatsappFrom: null }, email: { mode: 'sandbox' }, statusSource: 'polling' } });
      expect(JSON.stringify(result)).not.toContain(credentials.authToken);
      expect(JSON.stringify(await ok('agent', 'communications.status', {}))).not.toContain(credentials.authToken);
      expect(await ok('admin', 'communications.clearTwilio', {})).toMatchObject({ twilio: { mode: 'sandbox' } });
    });

    it('refuses a malformed Account SID at the boundary, naming the field', async () => {
      expect(await refused('admin', 'communications.saveTwilio', { ...credentials, accountSid: 'AC-not-a-sid' })).toMatchObject({ code: 'validation', field: 'accountSid' });
    });
  });

  describe('compliance.check', () => {
    // The channel reads the wall clock; hold it where TT's hours are known (UTC−4, 08:00–20:00).
    beforeAll(() => vi.useFakeTimers({ toFake: ['Date'] }));
    afterAll(() => vi.useRealTimers());

    it('answers as checkContact does for a manual contact now: allowed in hours, deferred to the opening before them', async () => {
      vi.setSystemTime(new Date('2026-12-02T14:00:00Z')); // 10:00 in Port of Spain
      const inHours = await ok<ContactCheck>('agent', 'compliance.check', { caseId: ttCase.caseId, channel: 'sms' });
      expect(inHours).toEqual({ allowed: true, reasons: [], nextAllowedAt: '2026-12-02T14:00:00.000Z', channel: 'sms', at: '2026-12-02T14:00:00.000Z' });

      vi.setSystemTime(new Date('2026-12-02T09:00:00Z')); // 05:00 there
      const early = await ok<ContactCheck>('agent', 'compliance.check', { caseId: ttCase.caseId, channel: 'voice' });
      expect(early).toEqual({ allowed: false, reasons: ['outside_hours'], nextAllowedAt: '2026-12-02T12:00:00.000Z', channel: 'voice', at: '2026-12-02T09:00:00.000Z' });
      expect(early).toEqual({ ...checkContact(sqlite, { loanId: ttCase.loanId, channel: 'voice', at: early.at, manual: true }), channel: 'voice', at: early.at });
    });

    it('names do_not_contact for a do-not-contact borrower, on every channel, with no time it clears', async () => {
      vi.setSystemTime(new Date('2026-12-02T14:00:00Z'));
      sqlite.prepare('UPDATE borrowers SET do_not_contact = 1 WHERE id = ?').run(dncCase.borrowerId);
      for (const channel of ['sms', 'whatsapp', 'voice', 'email', 'letter'] as const) {
        const check = await ok<ContactCheck>('supervisor', 'compliance.check', { caseId: dncCase.caseId, channel });
        expect(check).toMatchObject({ allowed: false, nextAllowedAt: null, channel });
        expect(check.reasons).toContain('do_not_contact');
      }
    });

    it('refuses an unknown case as not found', async () => {
      expect(await refused('agent', 'compliance.check', { caseId: 'case_nope', channel: 'sms' })).toMatchObject({ code: 'not_found', field: 'caseId' });
    });
  });

  describe('letters', () => {
    const agentId = () => sessionAs('agent').user!.id;

    it('generates a demand letter as an agent, lists it, and serves its PDF with the borrower on it', async () => {
      clock = new Date('2026-12-03T14:00:00Z');
      events.length = 0;
      const generated = await ok<Generated>('agent', 'letters.generate', { caseId: englishCase.caseId, kind: 'demand' });
      expect(generated).toMatchObject({ outcome: 'sent', reasons: [], action: { type: 'letter', channel: 'letter', status: 'sent', triggeredBy: 'manual' } });
      expect(generated.letter).toMatchObject({ caseId: englishCase.caseId, kind: 'demand', templateName: 'en/letter_demand', language: 'en', createdAt: clock.toISOString() });
      expect(generated.action.letterId).toBe(generated.letter!.id);
      expect(events).toContainEqual({ event: 'cases.changed', payload: { caseIds: [englishCase.caseId] } });

      const { letters } = await ok<{ letters: LetterView[] }>('agent', 'letters.list', { caseId: englishCase.caseId });
      expect(letters).toEqual([generated.letter]);

      const pdf = await ok<{ fileName: string; base64: string }>('agent', 'letters.pdf', { letterId: generated.letter!.id });
      expect(pdf.fileName).toBe('demand-2026-12-03.pdf');
      expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(await pdfText(pdf.base64)).toContain(englishCase.borrowerName);
    });

    it('records the agent who issued the letter as its author', async () => {
      const { letters } = await ok<{ letters: LetterView[] }>('agent', 'letters.list', { caseId: englishCase.caseId });
      expect(letters[0]?.createdBy).toBe(agentId());
    });

    it('audits each generate and queues its commands in the outbox, in one piece with the letter', async () => {
      clock = new Date('2026-12-04T14:00:00Z');
      const outboxBefore = sqlite.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
      const generated = await ok<Generated>('agent', 'letters.generate', { caseId: englishCase.caseId, kind: 'legal_notice' });
      const letterId = generated.letter!.id;
      const audit = sqlite.prepare(`SELECT type, actor_id, payload FROM audit_events WHERE entity_type = 'letter' AND entity_id = ?`).all(letterId) as { type: string; actor_id: string; payload: string }[];
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ type: 'letter.generated', actor_id: agentId() });
      expect(JSON.parse(audit[0]!.payload)).toMatchObject({ caseId: englishCase.caseId, kind: 'legal_notice', templateName: 'en/letter_legal_notice' });
      const actionAudit = sqlite.prepare(`SELECT json_extract(payload, '$.event') FROM audit_events WHERE entity_type = 'recovery_action' AND entity_id = ? ORDER BY rowid`).pluck().all(generated.action.id);
      expect(actionAudit).toEqual(['created', 'sent']);
      // The letter is issued as a recovery action: created, then executed, each a named command.
      const outbox = sqlite.prepare('SELECT name, args, actor_id FROM outbox ORDER BY seq').all().slice(outboxBefore) as { name: string; args: string; actor_id: string }[];
      expect(outbox.map((row) => [row.name, row.actor_id])).toEqual([['recovery.trigger', agentId()], ['recovery.execute', agentId()]]);
      expect(JSON.parse(outbox[1]!.args)).toEqual({ actionId: generated.action.id, outcome: 'sent' });
    });

    it('writes to a Spanish-speaking borrower in Spanish', async () => {
      const generated = await ok<Generated>('agent', 'letters.generate', { caseId: spanishCase.caseId, kind: 'demand' });
      expect(generated.letter).toMatchObject({ templateName: 'es/letter_demand', language: 'es' });
      const pdf = await ok<{ fileName: string; base64: string }>('agent', 'letters.pdf', { letterId: generated.letter!.id });
      const text = await pdfText(pdf.base64);
      expect(text).toContain('Fecha límite de pago');
      expect(text).toContain(spanishCase.borrowerName);
    });

    it('blocks a letter to a do-not-contact borrower: no letter is printed or filed', async () => {
      const generated = await ok<Generated>('agent', 'letters.generate', { caseId: dncCase.caseId, kind: 'demand' });
      expect(generated).toMatchObject({ outcome: 'blocked', letter: null, action: { status: 'failed', errorCode: 'blocked', letterId: null } });
      expect(generated.reasons).toContain('do_not_contact');
      expect(sqlite.prepare('SELECT count(*) FROM letters WHERE case_id = ?').pluck().get(dncCase.caseId)).toBe(0);
    });

    it('refuses a letter on a closed case and writes nothing', async () => {
      const before = tableCounts(temp.store);
      expect(await refused('agent', 'letters.generate', { caseId: closedCase, kind: 'demand' })).toMatchObject({ code: 'conflict', field: 'caseId' });
      expect(tableCounts(temp.store)).toEqual(before);
    });

    it('answers not found for a letter that does not exist', async () => {
      expect(await refused('agent', 'letters.pdf', { letterId: 'letter_nope' })).toMatchObject({ code: 'not_found', field: 'letterId' });
    });
  });
});
