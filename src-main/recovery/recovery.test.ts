import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDispatcher } from '../../tests-support/dispatcher';
import { seededStore } from '../../tests-support/temp-store';
import { createDispatcher } from '../ipc/dispatch';
import { testHandlers } from '../../tests-support/communications';

import { chromiumPdfRenderer } from '../letters/chromium-pdf-renderer';
import { createTwilioClient } from '../twilio/twilio-client';
import { startWebhookReceiver } from '../twilio/webhook-receiver.test-support';
import { startTwilioSimulator, type TwilioSimulator } from '../twilio-simulator/simulator';
import type { ExecutionResult } from '../../src-shared/contract/recovery';
import { stableId } from '../../src-shared/ids';
import { SYSTEM_ACTOR } from '../store/run-command';
import { recoveryHandlers } from './recovery-handlers';
import { createRecoveryService, type RecoveryService } from './recovery-service';
import { until } from '../../tests-support/until';

const SIM_TOKEN = 'sim-token-0123456789abcdef';
const SIM_SID = `AC${'0'.repeat(32)}`;

describe('recovery actions over the compliance gate and the simulated Twilio', () => {
  const temp = seededStore(120);
  const { sqlite } = temp.store;
  // TT is UTC−4 with contact hours 08:00–20:00: 14:00Z is 10:00 local. Each test takes a fresh
  // day so the 4 h cooling-off and daily cap of one test never leak into the next.
  let clock = new Date('2026-12-01T14:00:00Z');
  const onDay = (day: number, utcTime = '14:00:00') => (clock = new Date(`2026-12-${String(day).padStart(2, '0')}T${utcTime}Z`));
  let simulator: TwilioSimulator;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let service: RecoveryService;
  const agent = { id: sqlite.prepare(`SELECT id FROM users WHERE role = 'agent' ORDER BY id LIMIT 1`).pluck().get() as string, role: 'agent' as const };
  const ttCases = sqlite
    .prepare(`SELECT c.id AS caseId, p.e164 AS phone, b.id AS borrowerId FROM cases c JOIN loans l ON l.id = c.loan_id JOIN borrowers b ON b.id = l.borrower_id
      JOIN phones p ON p.borrower_id = b.id AND p.is_primary = 1 WHERE c.active = 1 AND b.jurisdiction = 'TT' AND p.sms_consent = 1 AND p.type = 'mobile'
      GROUP BY b.id ORDER BY c.id`)
    .all() as { caseId: string; phone: string; borrowerId: string }[];
  const [tt, dnc] = ttCases as [(typeof ttCases)[number], (typeof ttCases)[number]];
  const actionRow = (id: string) => sqlite.prepare('SELECT * FROM recovery_actions WHERE id = ?').get(id) as Record<string, string | null>;

  beforeAll(async () => {
    receiver = await startWebhookReceiver(SIM_TOKEN, (path, params) => {
      if (path.startsWith('/api/twilio/webhook/inbound')) service.handleInbound({ from: params.From!, to: params.To!, body: params.Body!, sid: params.MessageSid! });
      else service.applyStatusCallback({ sid: params.MessageSid ?? params.CallSid!, status: params.MessageStatus ?? params.CallStatus!, errorCode: params.ErrorCode ? Number(params.ErrorCode) : null });
      return undefined;
    });
    simulator = await startTwilioSimulator({ accountSid: SIM_SID, authToken: SIM_TOKEN, callbackDelayMs: 5, inboundWebhookUrl: `${receiver.url}/api/twilio/webhook/inbound` });
    const twilio = createTwilioClient({ accountSid: SIM_SID, authToken: SIM_TOKEN, fromNumber: '+15005550006', baseUrl: simulator.url, statusCallbackBase: receiver.url, sendIntervalMs: 0 });
    service = createRecoveryService({ store: temp.store, twilio, letterRenderer: chromiumPdfRenderer(), now: () => clock });
  });
  afterAll(async () => {
    await simulator.close();
    await receiver.close();
    temp.cleanup();
  });

  it('finds two TT borrowers with consenting mobiles to work with', () => {
    expect(ttCases.length).toBeGreaterThanOrEqual(2);
  });

  it('an SMS action ends delivered through the status callbacks, with its message in the thread', async () => {
    onDay(1);
    const [action] = service.triggerActions(tt.caseId, { types: ['sms_reminder'], actor: agent, manual: false });
    const result = await service.executeAction(action!.id, { actor: agent, manual: false });
    expect(result.outcome).toBe('sent');
    expect(result.action).toMatchObject({ status: 'sent', sentAt: clock.toISOString(), recipient: tt.phone });
    expect(result.action.content).toContain('Reply STOP to opt out.');
    await until(() => actionRow(action!.id).status === 'delivered');
    expect(actionRow(action!.id).delivered_at).not.toBeNull();
    // A late or repeated 'sent' callback after delivery changes nothing (forward only).
    expect(service.applyStatusCallback({ sid: actionRow(action!.id).twilio_message_sid!, status: 'sent' })?.status).toBe('delivered');
    const message = sqlite.prepare('SELECT status, direction FROM messages WHERE recovery_action_id = ?').get(action!.id);
    expect(message).toEqual({ status: 'delivered', direction: 'outbound' });
    expect(sqlite.prepare(`SELECT outcome, blocked FROM contact_attempts WHERE borrower_id = ? AND at = ?`).all(tt.borrowerId, clock.toISOString())).toEqual([{ outcome: 'attempt', blocked: 0 }]);
  });

  it('a voice call action is placed and stays sent once the call completes', async () => {
    onDay(2);
    const [action] = service.triggerActions(tt.caseId, { types: ['voice_call'], actor: agent, manual: false });
    const result = await service.executeAction(action!.id, { actor: agent, manual: false });
    expect(result.outcome).toBe('sent');
    expect(actionRow(action!.id).twilio_call_sid).toMatch(/^CA/);
    await until(() => receiver.received.some((post) => post.params.CallSid === actionRow(action!.id).twilio_call_sid && post.params.CallStatus === 'completed'));
    expect(actionRow(action!.id).status).toBe('sent');
  });

  it('a reply marks the latest sent action responded and joins the thread', async () => {
    onDay(3);
    const [action] = service.triggerActions(tt.caseId, { types: ['sms_reminder'], actor: agent, manual: false });
    await service.executeAction(action!.id, { actor: agent, manual: false });
    await until(() => actionRow(action!.id).status === 'delivered');
    await simulator.script.replyFrom(tt.phone, 'I will pay on Friday');
    expect(actionRow(action!.id).status).toBe('responded');
    const { ok, sessionAs } = testDispatcher(temp.store);
    const thread = (await ok(sessionAs('agent'), 'messages.thread', { caseId: tt.caseId })) as { messages: { direction: string; body: string }[] };
    expect(thread.messages.at(-1)).toMatchObject({ direction: 'inbound', body: 'I will pay on Friday' });
  });

  it('a send outside contact hours is deferred to the next allowed moment, then runDueActions sends it', async () => {
    onDay(4, '09:00:00'); // 05:00 in Port of Spain
    const [action] = service.triggerActions(tt.caseId, { types: ['sms_reminder'], actor: agent, manual: false });
    const result = await service.executeAction(action!.id, { actor: agent, manual: false });
    expect(result.outcome).toBe('deferred');
    expect(result.action).toMatchObject({ status: 'pending', scheduledAt: '2026-12-04T12:00:00.000Z' });
    expect(await service.runDueActions()).toEqual([]);
    onDay(4, '12:00:00');
    const due = await service.runDueActions();
    expect(due.map((r) => [r.action.id, r.outcome])).toEqual([[action!.id, 'sent']]);
  });

  it('a STOP reply revokes SMS and WhatsApp consent at once, and the next SMS is blocked', async () => {
    onDay(5);
    const [action] = service.triggerActions(tt.caseId, { types: ['sms_reminder'], actor: agent, manual: false });
    await service.executeAction(action!.id, { actor: agent, manual: false });
    await simulator.script.replyStop(tt.phone);
    expect(sqlite.prepare('SELECT sms_consent, opted_out_at FROM phones WHERE e164 = ?').get(tt.phone)).toEqual({ sms_consent: 0, opted_out_at: clock.toISOString() });
    expect(sqlite.prepare(`SELECT count(*) FROM audit_events WHERE type = 'contact.consent_revoked' AND entity_id = ?`).pluck().get(tt.borrowerId)).toBe(1);
    // The opt-out is the borrower's word on the number, kept with its source, whatever row holds the number later.
    expect(sqlite.prepare('SELECT opted_out_at, opt_out_via, opt_out_word, restored_at FROM text_opt_outs WHERE borrower_id = ? AND e164 = ?').all(tt.borrowerId, tt.phone)).toEqual([
      { opted_out_at: clock.toISOString(), opt_out_via: 'reply', opt_out_word: 'STOP', restored_at: null },
    ]);
    onDay(6);
    for (const type of ['sms_reminder', 'whatsapp_reminder'] as const) {
      const [next] = service.triggerActions(tt.caseId, { types: [type], actor: agent, manual: false });
      const blocked = await service.executeAction(next!.id, { actor: agent, manual: false });
      expect(blocked.outcome).toBe('blocked');
      expect(blocked.reasons.some((reason) => reason === 'opted_out' || reason === 'no_consent')).toBe(true);
      expect(blocked.action).toMatchObject({ status: 'failed', errorCode: 'blocked' });
    }
  });

  it('SWEEP: a do-not-contact borrower is refused on every send path; only a manual send with a supervisor override goes out', async () => {
    onDay(10);
    sqlite.prepare('UPDATE borrowers SET do_not_contact = 1 WHERE id = ?').run(dnc.borrowerId);
    const { sessionAs } = testDispatcher(temp.store);
    const dispatch = createDispatcher({ ...testHandlers(temp.store).handlers, ...recoveryHandlers(temp.store, service) }, () => undefined);
    const sentBefore = simulator.messages().length;
    const blockedWith = (result: ExecutionResult) => {
      expect(result.outcome).toBe('blocked');
      expect(result.reasons).toContain('do_not_contact');
    };

    const [automated] = service.triggerActions(dnc.caseId, { types: ['sms_reminder'], actor: SYSTEM_ACTOR, manual: false });
    blockedWith(await service.executeAction(automated!.id, { actor: SYSTEM_ACTOR, manual: false }));
    const [scheduled] = service.triggerActions(dnc.caseId, { types: ['whatsapp_reminder'], actor: SYSTEM_ACTOR, manual: false });
    const due = await service.runDueActions();
    expect(due.map((r) => r.action.id)).toEqual([scheduled!.id]);
    blockedWith(due[0]!);
    const manual = await dispatch(sessionAs('agent'), 'messages.send', { caseId: dnc.caseId, channel: 'sms', body: 'Please call us.' });
    expect(manual.ok).toBe(true);
    blockedWith((manual as { value: ExecutionResult }).value);
    expect(simulator.messages().length).toBe(sentBefore);

    // The override is recorded at the wall clock; hold Date at the test's `now` so it is live then.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(clock);
    const granted = await dispatch(sessionAs('supervisor'), 'contacts.overrideDoNotContact', { caseId: dnc.caseId, reason: 'borrower asked to be texted' });
    vi.useRealTimers();
    expect(granted.ok).toBe(true);
    const allowed = await dispatch(sessionAs('agent'), 'messages.send', { caseId: dnc.caseId, channel: 'sms', body: 'As agreed, here is our number.' });
    const value = (allowed as { value: ExecutionResult }).value;
    expect(value.outcome).toBe('sent');
    expect(value.action.content).toBe('As agreed, here is our number.\nReply STOP to opt out.');
    expect(simulator.messages().length).toBe(sentBefore + 1);
    expect(sqlite.prepare('SELECT used_at FROM contact_overrides WHERE borrower_id = ?').pluck().get(dnc.borrowerId)).toBe(clock.toISOString());

    // Used once: the next manual send is refused again, and automated contact never used it.
    onDay(11);
    const again = await dispatch(sessionAs('agent'), 'messages.send', { caseId: dnc.caseId, channel: 'sms', body: 'One more thing.' });
    blockedWith((again as { value: ExecutionResult }).value);
  });

  it('Twilio refusing with 21610 fails the action with the code and revokes SMS and WhatsApp consent', async () => {
    onDay(15);
    sqlite.prepare('UPDATE borrowers SET do_not_contact = 0 WHERE id = ?').run(dnc.borrowerId);
    simulator.script.failNumber(dnc.phone, 21610);
    const [action] = service.triggerActions(dnc.caseId, { types: ['sms_reminder'], actor: agent, manual: false });
    const result = await service.executeAction(action!.id, { actor: agent, manual: false });
    expect(result).toMatchObject({ outcome: 'failed', reasons: ['opted_out'], action: { status: 'failed', errorCode: '21610' } });
    expect(sqlite.prepare('SELECT sms_consent FROM phones WHERE e164 = ?').pluck().get(dnc.phone)).toBe(0);
  });
  it("sends the daily run's planned dunning steps through the gate, each once", async () => {
    onDay(20);
    const third = tt;
    // The borrower who texted STOP earlier opts back in: their START restores texting, and the consent the STOP took.
    await simulator.script.replyFrom(tt.phone, 'START');
    expect(sqlite.prepare('SELECT sms_consent, opted_out_at FROM phones WHERE e164 = ?').get(tt.phone)).toEqual({ sms_consent: 1, opted_out_at: null });
    expect(sqlite.prepare('SELECT restored_via, restored_word, restored_by FROM text_opt_outs WHERE borrower_id = ? AND e164 = ?').all(tt.borrowerId, tt.phone)).toEqual([
      { restored_via: 'reply', restored_word: 'START', restored_by: null },
    ]);
    const smsStep = sqlite.prepare(`SELECT s.id FROM dunning_steps s JOIN dunning_schedules d ON d.id = s.schedule_id WHERE d.is_default = 1 AND s.channel = 'sms'`).pluck().get() as string;
    // Every other planned step is already decided, so this one is what the dispatch finds.
    sqlite.prepare(`UPDATE dunning_events SET status = 'suppressed', reason = 'test' WHERE status = 'planned'`).run();
    const loanId = sqlite.prepare('SELECT loan_id FROM cases WHERE id = ?').pluck().get(third.caseId) as string;
    sqlite.prepare(`INSERT INTO dunning_events (id, loan_id, case_id, step_id, kind, planned_on, status) VALUES ('dunning_test', ?, ?, ?, 'dunning', '2026-12-20', 'planned')`).run(loanId, third.caseId, smsStep);
    expect(await service.dispatchPlannedDunning()).toEqual({ sent: 1, deferred: 0, blocked: 0, failed: 0, skipped: 0 });
    const action = sqlite.prepare('SELECT case_id, template_name, triggered_by, status FROM recovery_actions WHERE id = ?').get(stableId('action', 'dunning_test'));
    // Its delivery callback may already have arrived.
    expect(action).toEqual({ case_id: third.caseId, template_name: 'sms_payment_default', triggered_by: 'dunning', status: expect.stringMatching(/^(sent|delivered)$/) });
    expect(sqlite.prepare(`SELECT status FROM dunning_events WHERE id = 'dunning_test'`).pluck().get()).toBe('sent');
    expect(await service.dispatchPlannedDunning()).toEqual({ sent: 0, deferred: 0, blocked: 0, failed: 0, skipped: 0 });
    expect(sqlite.prepare('SELECT count(*) FROM recovery_actions WHERE template_name IS NOT NULL').pluck().get()).toBe(1);
  });
});
