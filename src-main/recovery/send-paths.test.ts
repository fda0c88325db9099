import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ContactCheck, ExecutionResult, LetterView } from '../../src-shared/contract';
import { RECOVERY_ACTION_TYPES } from '../../src-shared/domain/vocabulary';
import { stableId } from '../../src-shared/ids';
import { testDispatcher } from '../../tests-support/dispatcher';
import { seededStore } from '../../tests-support/temp-store';
import { createMailer, createSandboxMailer, type Mailer } from '../email';
import { createDispatcher } from '../ipc/dispatch';
import { testHandlers } from '../../tests-support/communications';
import type { LetterPdfRenderer } from '../letters';
import { chromiumPdfRenderer } from '../letters/chromium-pdf-renderer';
import { letterHandlers } from '../letters/letter-handlers';
import { renderMessage } from '../templates';
import { createTwilioClient } from '../twilio/twilio-client';
import { startTwilioSimulator, type TwilioSimulator } from '../twilio-simulator/simulator';
import { SYSTEM_ACTOR } from '../store/run-command';
import { recoveryHandlers } from './recovery-handlers';
import { contactPartyOf } from './recovery-records';
import { createRecoveryService, type RecoveryService } from './recovery-service';

const SIM_TOKEN = 'sim-token-0123456789abcdef';
const SIM_SID = `AC${'1'.repeat(32)}`;

/** Every send path of the app, for a do-not-contact borrower and for ordinary ones, on every channel. */
describe('send paths on every channel', () => {
  const temp = seededStore(120);
  const { sqlite } = temp.store;
  // TT is UTC−4 with contact hours 08:00–20:00: 14:00Z is 10:00 local. A fresh day per test keeps caps and cooling-off apart.
  let clock = new Date('2026-12-01T14:00:00Z');
  const onDay = (day: number, utcTime = '14:00:00') => (clock = new Date(`2026-12-${String(day).padStart(2, '0')}T${utcTime}Z`));
  let simulator: TwilioSimulator;
  let service: RecoveryService;
  let smtp: SMTPServer;
  const received: string[] = [];
  const emailsSent: string[] = [];
  const lettersPrinted: string[] = [];
  let realMailer: Mailer;
  let useSmtp = false;
  const chromium = chromiumPdfRenderer();
  const renderer: LetterPdfRenderer = { render: (html) => (lettersPrinted.push(html), chromium.render(html)), close: () => Promise.resolve() };
  const sandboxMailer = createSandboxMailer();
  // The sandbox mailer by default; the SMTP server for the tests that read what arrived there.
  const mailer: Mailer = {
    send: async (email) => {
      emailsSent.push(email.to);
      return (useSmtp ? realMailer : sandboxMailer).send(email);
    },
    verify: () => Promise.resolve(),
    close: () => undefined,
  };

  const borrowers = sqlite
    .prepare(`SELECT c.id AS caseId, l.id AS loanId, p.e164 AS phone, b.id AS borrowerId FROM cases c JOIN loans l ON l.id = c.loan_id JOIN borrowers b ON b.id = l.borrower_id
      JOIN phones p ON p.borrower_id = b.id AND p.is_primary = 1 WHERE c.active = 1 AND b.jurisdiction = 'TT' AND p.sms_consent = 1 AND p.type = 'mobile'
      AND EXISTS (SELECT 1 FROM emails e WHERE e.borrower_id = b.id AND e.is_active = 1 AND e.opted_out = 0) AND EXISTS (SELECT 1 FROM addresses a WHERE a.borrower_id = b.id)
      AND b.do_not_contact = 0 AND coalesce(l.sub_status, '') NOT IN ('dispute', 'bankruptcy') AND c.dispute_flag = 0
      AND NOT EXISTS (SELECT 1 FROM legal_representatives r WHERE r.borrower_id = b.id) GROUP BY b.id ORDER BY c.id`)
    .all() as { caseId: string; loanId: string; phone: string; borrowerId: string }[];
  const [dnc, ana] = borrowers as [(typeof borrowers)[number], (typeof borrowers)[number]];
  const agent = { id: sqlite.prepare(`SELECT id FROM users WHERE role = 'agent' ORDER BY id LIMIT 1`).pluck().get() as string, role: 'agent' as const };
  const actionRow = (id: string) => sqlite.prepare('SELECT * FROM recovery_actions WHERE id = ?').get(id) as Record<string, string | null>;
  const carrierCounts = () => ({ texts: simulator.messages().length, calls: simulator.calls().length, emails: emailsSent.length, letters: lettersPrinted.length });
  const stepId = (channel: string) =>
    sqlite.prepare(`SELECT s.id FROM dunning_steps s JOIN dunning_schedules d ON d.id = s.schedule_id WHERE d.is_default = 1 AND s.channel = ?`).pluck().get(channel) as string;
  const planStep = (eventId: string, who: { caseId: string; loanId: string }, channel: string, on: string) => {
    // Every other planned step is already decided, so only the test's own are found.
    sqlite.prepare(`UPDATE dunning_events SET status = 'suppressed', reason = 'test' WHERE status = 'planned'`).run();
    sqlite.prepare(`INSERT INTO dunning_events (id, loan_id, case_id, step_id, kind, planned_on, status) VALUES (?, ?, ?, ?, 'dunning', ?, 'planned')`).run(eventId, who.loanId, who.caseId, stepId(channel), on);
  };
  const dispatchFor = () => createDispatcher({ ...testHandlers(temp.store).handlers, ...recoveryHandlers(temp.store, service), ...letterHandlers(temp.store, service) }, () => undefined);

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push(Buffer.concat(chunks).toString('utf8'));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    realMailer = createMailer({ host: '127.0.0.1', port: (smtp.server.address() as AddressInfo).port, secure: false, from: 'Collections <collections@lender.test>' });
    simulator = await startTwilioSimulator({ accountSid: SIM_SID, authToken: SIM_TOKEN, callbackDelayMs: 5 });
    const twilio = createTwilioClient({ accountSid: SIM_SID, authToken: SIM_TOKEN, fromNumber: '+15005550006', baseUrl: simulator.url, sendIntervalMs: 0 });
    service = createRecoveryService({ store: temp.store, twilio, mailer, letterRenderer: renderer, now: () => clock });
  });
  afterAll(async () => {
    await service.close();
    await chromium.close();
    realMailer.close();
    sandboxMailer.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await simulator.close();
    temp.cleanup();
  });

  it('finds two contactable TT borrowers with a mobile, an email address and a postal address', () => {
    expect(borrowers.length).toBeGreaterThanOrEqual(2);
  });

  describe('do-not-contact', () => {
    const refused = (result: ExecutionResult) => {
      expect(result.outcome).toBe('blocked');
      expect(result.reasons).toContain('do_not_contact');
      expect(result.action.status).toBe('failed');
    };

    it('refuses every automated path: each action type, the due-actions run, each dunning step and a pre-delinquency reminder; nothing reaches a carrier', async () => {
      onDay(2);
      sqlite.prepare('UPDATE borrowers SET do_not_contact = 1 WHERE id = ?').run(dnc.borrowerId);
      const before = carrierCounts();
      const lettersBefore = sqlite.prepare('SELECT count(*) FROM letters').pluck().get();

      for (const type of RECOVERY_ACTION_TYPES) {
        const [action] = service.triggerActions(dnc.caseId, { types: [type], actor: SYSTEM_ACTOR, manual: false });
        refused(await service.executeAction(action!.id, { actor: SYSTEM_ACTOR, manual: false }));
      }
      const [queued] = service.triggerActions(dnc.caseId, { types: ['email'], actor: SYSTEM_ACTOR, manual: false });
      const due = await service.runDueActions();
      expect(due.map((result) => result.action.id)).toEqual([queued!.id]);
      refused(due[0]!);

      const steps = ['sms', 'voice', 'email', 'letter'];
      sqlite.prepare(`UPDATE dunning_events SET status = 'suppressed', reason = 'test' WHERE status = 'planned'`).run();
      for (const channel of steps) {
        sqlite.prepare(`INSERT INTO dunning_events (id, loan_id, case_id, step_id, kind, planned_on, status) VALUES (?, ?, ?, ?, 'dunning', '2026-12-02', 'planned')`)
          .run(`dnc_${channel}`, dnc.loanId, dnc.caseId, stepId(channel));
      }
      expect(await service.dispatchPlannedDunning()).toEqual({ sent: 0, deferred: 0, blocked: 4, failed: 0, skipped: 0 });
      for (const channel of steps) {
        expect(sqlite.prepare('SELECT status, reason FROM dunning_events WHERE id = ?').get(`dnc_${channel}`)).toEqual({ status: 'failed', reason: expect.stringContaining('do_not_contact') });
      }

      const rule = sqlite.prepare(`SELECT id FROM pre_delinquency_rules WHERE action = 'send_message'`).pluck().get() as string;
      const seq = sqlite.prepare('SELECT max(seq) FROM installments WHERE loan_id = ?').pluck().get(dnc.loanId) as number;
      sqlite.prepare(`INSERT INTO dunning_events (id, loan_id, case_id, step_id, kind, installment_seq, planned_on, status) VALUES ('dnc_pre', ?, NULL, ?, 'pre_delinquency', ?, '2026-12-02', 'planned')`)
        .run(dnc.loanId, rule, seq);
      expect(await service.dispatchPreDelinquency()).toEqual({ sent: 0, deferred: 0, blocked: 1, failed: 0, skipped: 0 });
      expect(sqlite.prepare(`SELECT status, reason FROM dunning_events WHERE id = 'dnc_pre'`).get()).toEqual({ status: 'failed', reason: expect.stringContaining('do_not_contact') });

      expect(carrierCounts()).toEqual(before);
      expect(sqlite.prepare('SELECT count(*) FROM letters').pluck().get()).toBe(lettersBefore);
      // Each refusal is on record as a blocked attempt with its reason, for the compliance report.
      expect(sqlite.prepare(`SELECT count(*) FROM contact_attempts WHERE borrower_id = ? AND blocked = 1 AND blocked_reasons LIKE '%do_not_contact%'`).pluck().get(dnc.borrowerId))
        .toBe(RECOVERY_ACTION_TYPES.length + 1 + steps.length + 1);
    });

    it('refuses every manual path without a supervisor override; with one, a single manual contact goes out and uses it up', async () => {
      onDay(3);
      const { sessionAs } = testDispatcher(temp.store);
      const dispatch = dispatchFor();
      const value = <T,>(result: Awaited<ReturnType<typeof dispatch>>) => {
        expect(result.ok).toBe(true);
        return (result as { value: T }).value;
      };
      const before = carrierCounts();

      for (const channel of ['sms', 'whatsapp'] as const) {
        refused(value<ExecutionResult>(await dispatch(sessionAs('agent'), 'messages.send', { caseId: dnc.caseId, channel, body: 'Please call us.' })));
      }
      for (const type of ['voice_call', 'email', 'legal_notice'] as const) {
        const { actions } = value<{ actions: { id: string }[] }>(await dispatch(sessionAs('agent'), 'recovery.trigger', { caseId: dnc.caseId, types: [type] }));
        refused(value<ExecutionResult>(await dispatch(sessionAs('agent'), 'recovery.execute', { actionId: actions[0]!.id })));
      }
      const letter = value<ExecutionResult & { letter: LetterView | null }>(await dispatch(sessionAs('agent'), 'letters.generate', { caseId: dnc.caseId, kind: 'demand' }));
      refused(letter);
      expect(letter.letter).toBeNull();
      // A call the agent is about to dial from their own phone: refused, and the refusal is on record.
      const call = value<ContactCheck>(await dispatch(sessionAs('agent'), 'compliance.prepareCall', { caseId: dnc.caseId }));
      expect(call).toMatchObject({ allowed: false, reasons: expect.arrayContaining(['do_not_contact']), nextAllowedAt: null, channel: 'voice' });
      expect(sqlite.prepare(`SELECT count(*) FROM contact_attempts WHERE borrower_id = ? AND source = 'activity' AND blocked = 1`).pluck().get(dnc.borrowerId)).toBe(1);
      expect(carrierCounts()).toEqual(before);

      // The override is recorded at the wall clock; hold Date at the test's clock so it is live then.
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(clock);
      value(await dispatch(sessionAs('supervisor'), 'contacts.overrideDoNotContact', { caseId: dnc.caseId, reason: 'borrower asked for the letter in writing' }));
      vi.useRealTimers();
      const issued = value<ExecutionResult & { letter: LetterView | null }>(await dispatch(sessionAs('agent'), 'letters.generate', { caseId: dnc.caseId, kind: 'demand' }));
      expect(issued.outcome).toBe('sent');
      expect(issued.letter).toMatchObject({ caseId: dnc.caseId, kind: 'demand' });
      expect(carrierCounts()).toEqual({ ...before, letters: before.letters + 1 });
      expect(sqlite.prepare('SELECT used_at FROM contact_overrides WHERE borrower_id = ?').pluck().get(dnc.borrowerId)).toBe(clock.toISOString());

      const again = value<ExecutionResult>(await dispatch(sessionAs('agent'), 'messages.send', { caseId: dnc.caseId, channel: 'sms', body: 'One more thing.' }));
      refused(again);
      expect(value<ContactCheck>(await dispatch(sessionAs('agent'), 'compliance.prepareCall', { caseId: dnc.caseId })).allowed).toBe(false);
      sqlite.prepare('UPDATE borrowers SET do_not_contact = 0 WHERE id = ?').run(dnc.borrowerId);
    });
  });

  it('an email action reaches the SMTP server in the borrower language, with its Message-ID kept on the action', async () => {
    onDay(5);
    useSmtp = true;
    sqlite.prepare(`UPDATE borrowers SET language = 'es' WHERE id = ?`).run(ana.borrowerId);
    const [action] = service.triggerActions(ana.caseId, { types: ['email'], actor: agent, manual: false });
    const result = await service.executeAction(action!.id, { actor: agent, manual: false });
    useSmtp = false;
    expect(result.outcome).toBe('sent');
    const party = contactPartyOf(sqlite, { caseId: ana.caseId });
    const expected = renderMessage({ channel: 'email', defaultType: party.defaultType, severity: party.severity, language: 'es', variables: party.variables });
    expect(expected.templateName.startsWith('es/')).toBe(true);
    const raw = received.at(-1)!;
    expect(raw).toContain(`To: ${party.email!}`);
    expect(raw).toMatch(/^Subject: /m);
    const row = actionRow(action!.id);
    expect(row).toMatchObject({ status: 'sent', recipient_email: party.email, sent_at: clock.toISOString() });
    expect(raw).toContain(`Message-ID: ${row.email_message_id!}`);
    expect(row.content).toBe(`${expected.subject!}\n\n${expected.body}`);
    expect(sqlite.prepare(`SELECT channel, outcome FROM contact_attempts WHERE borrower_id = ? AND at = ?`).all(ana.borrowerId, clock.toISOString())).toEqual([{ channel: 'email', outcome: 'attempt' }]);
  });

  it('an SMTP server that cannot be reached fails the email action with a clear error, and the attempt still counts', async () => {
    onDay(6);
    const closed = createMailer({ host: '127.0.0.1', port: 1, secure: false, from: 'collections@lender.test' });
    const unreachable = createRecoveryService({ store: temp.store, twilio: createTwilioClient({ accountSid: SIM_SID, authToken: SIM_TOKEN, fromNumber: '+15005550006', baseUrl: simulator.url }), mailer: closed, letterRenderer: renderer, now: () => clock });
    const [action] = unreachable.triggerActions(ana.caseId, { types: ['email'], actor: agent, manual: false });
    const result = await unreachable.executeAction(action!.id, { actor: agent, manual: false });
    closed.close();
    expect(result).toMatchObject({ outcome: 'failed', reasons: ['smtp'], action: { status: 'failed', errorCode: 'smtp', errorMessage: 'cannot reach the SMTP server 127.0.0.1:1' } });
    expect(sqlite.prepare(`SELECT outcome FROM contact_attempts WHERE borrower_id = ? AND at = ?`).pluck().get(ana.borrowerId, clock.toISOString())).toBe('failed');
  });

  it("the day-31 dunning step prints an escalation letter, files it with the case and marks the step sent", async () => {
    onDay(8);
    sqlite.prepare(`UPDATE borrowers SET language = 'en' WHERE id = ?`).run(ana.borrowerId);
    planStep('escalation_test', ana, 'letter', '2026-12-08');
    expect(await service.dispatchPlannedDunning()).toEqual({ sent: 1, deferred: 0, blocked: 0, failed: 0, skipped: 0 });
    const action = actionRow(stableId('action', 'escalation_test'));
    expect(action).toMatchObject({ type: 'escalation', channel: 'letter', status: 'sent', template_name: 'letter_escalation', dunning_event_id: 'escalation_test' });
    const letter = sqlite.prepare('SELECT case_id, kind, template_name, pdf_base64 FROM letters WHERE id = ?').get(action.letter_id) as Record<string, string>;
    expect(letter).toMatchObject({ case_id: ana.caseId, kind: 'escalation', template_name: 'en/letter_escalation' });
    const { text } = await extractText(new Uint8Array(Buffer.from(letter.pdf_base64!, 'base64')), { mergePages: true });
    const party = contactPartyOf(sqlite, { caseId: ana.caseId });
    expect(text.replace(/\s+/g, ' ')).toContain(String(party.variables.borrower_name));
    expect(sqlite.prepare(`SELECT status FROM dunning_events WHERE id = 'escalation_test'`).pluck().get()).toBe('sent');
    expect(sqlite.prepare(`SELECT count(*) FROM audit_events WHERE type = 'letter.generated' AND entity_id = ?`).pluck().get(action.letter_id)).toBe(1);
  });

  it('a dunning step deferred by contact hours is sent by a later due-actions run, and its event follows', async () => {
    onDay(9, '09:00:00'); // 05:00 in Port of Spain
    planStep('deferred_test', ana, 'sms', '2026-12-09');
    expect(await service.dispatchPlannedDunning()).toEqual({ sent: 0, deferred: 1, blocked: 0, failed: 0, skipped: 0 });
    expect(sqlite.prepare(`SELECT status, reason FROM dunning_events WHERE id = 'deferred_test'`).get()).toEqual({ status: 'deferred', reason: 'outside_hours' });
    // Not planned any more: a second dispatch does not touch it, the due-actions run does.
    expect(await service.dispatchPlannedDunning()).toEqual({ sent: 0, deferred: 0, blocked: 0, failed: 0, skipped: 0 });
    onDay(9, '12:00:00');
    const due = await service.runDueActions();
    expect(due.map((result) => [result.action.id, result.outcome])).toEqual([[stableId('action', 'deferred_test'), 'sent']]);
    expect(sqlite.prepare(`SELECT status, reason FROM dunning_events WHERE id = 'deferred_test'`).get()).toEqual({ status: 'sent', reason: null });
  });
});
