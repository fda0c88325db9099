import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src-shared/dates';
import { formatMinor } from '../../src-shared/money';
import { seededStore, TEST_AS_OF } from '../../tests-support/temp-store';
import { runDaily } from '../engine/daily-run';
import { chromiumPdfRenderer } from '../letters/chromium-pdf-renderer';
import { createTwilioClient } from '../twilio/twilio-client';
import { startWebhookReceiver } from '../twilio/webhook-receiver.test-support';
import { startTwilioSimulator, type TwilioSimulator } from '../twilio-simulator/simulator';
import { createRecoveryService, type RecoveryService } from './recovery-service';
import { until } from '../../tests-support/until';

const SIM_TOKEN = 'sim-token-0123456789abcdef';
const SIM_SID = `AC${'1'.repeat(32)}`;

interface ReminderLoan {
  loanId: string;
  borrowerId: string;
  borrowerName: string;
  accountNumber: string;
  currency: string;
  phone: string;
  seq: number;
  dueOn: string;
  amountDueMinor: number;
}

describe('pre-delinquency reminders to loans without a case', () => {
  const temp = seededStore(120);
  const { sqlite } = temp.store;
  // TT is UTC−4 with contact hours 08:00–20:00: 14:00Z is 10:00 local. Each test takes a fresh day
  // so the 4 h cooling-off and daily cap of one test never reach the next.
  let clock = new Date('2026-12-01T14:00:00Z');
  const at = (day: number, utcTime = '14:00:00') => (clock = new Date(`2026-12-${String(day).padStart(2, '0')}T${utcTime}Z`));
  let simulator: TwilioSimulator;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let service: RecoveryService;
  // Chromium launches on the first letter only, and reminders print none.
  const letterRenderer = chromiumPdfRenderer();

  const smsRule = sqlite.prepare(`SELECT id FROM pre_delinquency_rules WHERE action = 'send_message' AND channel = 'sms' AND template_name = 'sms_payment_reminder'`).pluck().get() as string;
  // TT borrowers whose phone of choice (the gate's and the sender's: active, then primary) is a consenting mobile,
  // with no preferred hours of their own, on a loan with no active case; one loan each.
  const loans = sqlite
    .prepare(`SELECT l.id AS loanId, b.id AS borrowerId, b.first_name || ' ' || b.last_name AS borrowerName, l.account_number AS accountNumber, l.currency,
        p.e164 AS phone, i.seq, i.due_on AS dueOn, i.principal_due_minor + i.interest_due_minor + i.fees_due_minor AS amountDueMinor
      FROM loans l JOIN borrowers b ON b.id = l.borrower_id
      JOIN phones p ON p.id = (SELECT id FROM phones WHERE borrower_id = b.id ORDER BY is_active DESC, is_primary DESC, id LIMIT 1)
      JOIN installments i ON i.loan_id = l.id AND i.seq = (SELECT min(seq) FROM installments WHERE loan_id = l.id AND due_on > ?)
      WHERE b.jurisdiction = 'TT' AND b.do_not_contact = 0 AND json_extract(b.communication_preferences, '$.hours') IS NULL
        AND p.type = 'mobile' AND p.sms_consent = 1 AND p.is_active = 1 AND p.opted_out_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM cases c JOIN loans l2 ON l2.id = c.loan_id WHERE l2.borrower_id = b.id AND c.active = 1)
      GROUP BY b.id ORDER BY l.id`)
    .all(TEST_AS_OF) as ReminderLoan[];
  const [first, second, third] = loans as [ReminderLoan, ReminderLoan, ReminderLoan];

  const plan = (eventId: string, loan: ReminderLoan) => {
    sqlite
      .prepare(`INSERT INTO dunning_events (id, loan_id, case_id, step_id, kind, installment_seq, planned_on, status) VALUES (?, ?, NULL, ?, 'pre_delinquency', ?, ?, 'planned')`)
      .run(eventId, loan.loanId, smsRule, loan.seq, TEST_AS_OF);
  };
  const event = (eventId: string) => sqlite.prepare('SELECT status, reason, next_attempt_at FROM dunning_events WHERE id = ?').get(eventId);
  const sentTo = (phone: string) => simulator.messages().filter((m) => m.to === phone);

  beforeAll(async () => {
    receiver = await startWebhookReceiver(SIM_TOKEN, (path, params) => {
      service.applyStatusCallback({ sid: params.MessageSid ?? params.CallSid!, status: params.MessageStatus ?? params.CallStatus!, errorCode: params.ErrorCode ? Number(params.ErrorCode) : null });
      return undefined;
    });
    simulator = await startTwilioSimulator({ accountSid: SIM_SID, authToken: SIM_TOKEN, callbackDelayMs: 5 });
    const twilio = createTwilioClient({ accountSid: SIM_SID, authToken: SIM_TOKEN, fromNumber: '+15005550006', baseUrl: simulator.url, statusCallbackBase: receiver.url, sendIntervalMs: 0 });
    service = createRecoveryService({ store: temp.store, twilio, letterRenderer, now: () => clock });
    // The seed's own planned reminders are decided elsewhere; each test plans the one it sends.
    sqlite.prepare(`UPDATE dunning_events SET status = 'suppressed', reason = 'test' WHERE kind = 'pre_delinquency' AND status = 'planned'`).run();
  });
  afterAll(async () => {
    await service.close();
    await letterRenderer.close();
    await simulator.close();
    await receiver.close();
    temp.cleanup();
  });

  it('finds three case-less TT loans with consenting mobiles and an installment to come', () => {
    expect(smsRule).toBeDefined();
    expect(loans.length).toBeGreaterThanOrEqual(3);
  });

  it('sends a planned SMS reminder through the simulator into the thread, with no case and no recovery action, once', async () => {
    at(1);
    plan('pre_test_sent', first);
    const actionsBefore = sqlite.prepare('SELECT count(*) FROM recovery_actions').pluck().get();

    expect(await service.dispatchPreDelinquency()).toEqual({ sent: 1, deferred: 0, blocked: 0, failed: 0, skipped: 0 });

    expect(event('pre_test_sent')).toEqual({ status: 'sent', reason: null, next_attempt_at: null });
    const [sms] = sentTo(first.phone);
    expect(sentTo(first.phone)).toHaveLength(1);
    const dueDate = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${first.dueOn}T00:00:00Z`));
    const amount = formatMinor(first.amountDueMinor, first.currency, 'en-US');
    expect(sms!.body).toBe(
      `${first.borrowerName}, a friendly reminder from Recourse Lending: your payment of ${amount} on loan ${first.accountNumber} is due on ${dueDate}. `
      + 'Pay at https://pay.example.com.\nReply STOP to opt out.',
    );
    const message = sqlite.prepare('SELECT * FROM messages WHERE twilio_sid = ?').get(sms!.sid) as Record<string, unknown>;
    expect(message).toMatchObject({ borrower_id: first.borrowerId, case_id: null, recovery_action_id: null, channel: 'sms', direction: 'outbound', to_address: first.phone, body: sms!.body });
    expect(sqlite.prepare('SELECT count(*) FROM recovery_actions').pluck().get()).toBe(actionsBefore);
    expect(sqlite.prepare('SELECT loan_id, channel, direction, outcome, blocked FROM contact_attempts WHERE borrower_id = ? AND at = ?').all(first.borrowerId, clock.toISOString()))
      .toEqual([{ loan_id: first.loanId, channel: 'sms', direction: 'outbound', outcome: 'attempt', blocked: 0 }]);
    const audit = sqlite.prepare(`SELECT payload FROM audit_events WHERE type = 'dunning.pre_delinquency' AND entity_id = 'pre_test_sent'`).pluck().all() as string[];
    expect(audit.map((payload) => JSON.parse(payload) as unknown)).toEqual([expect.objectContaining({ outcome: 'sent', channel: 'sms', sid: sms!.sid })]);

    // Twilio's delivery callbacks move the case-less thread message although it has no action.
    await until(() => sqlite.prepare('SELECT status FROM messages WHERE twilio_sid = ?').pluck().get(sms!.sid) === 'delivered');

    expect(await service.dispatchPreDelinquency()).toEqual({ sent: 0, deferred: 0, blocked: 0, failed: 0, skipped: 0 });
    expect(sentTo(first.phone)).toHaveLength(1);
    expect(event('pre_test_sent')).toMatchObject({ status: 'sent' });
  });

  it('defers a reminder outside contact hours to the next allowed moment, then a later dispatch then sends it', async () => {
    at(2, '09:00:00'); // 05:00 in Port of Spain
    plan('pre_test_deferred', second);

    expect(await service.dispatchPreDelinquency()).toEqual({ sent: 0, deferred: 1, blocked: 0, failed: 0, skipped: 0 });
    expect(event('pre_test_deferred')).toEqual({ status: 'deferred', reason: 'outside_hours', next_attempt_at: '2026-12-02T12:00:00.000Z' });
    expect(sentTo(second.phone)).toHaveLength(0);
    const blocked = sqlite.prepare('SELECT blocked, blocked_reasons FROM contact_attempts WHERE borrower_id = ? AND blocked = 1').all(second.borrowerId);
    expect(blocked).toEqual([{ blocked: 1, blocked_reasons: '["outside_hours"]' }]);

    at(2, '11:59:00');
    expect(await service.dispatchPreDelinquency()).toEqual({ sent: 0, deferred: 0, blocked: 0, failed: 0, skipped: 0 });
    expect(sentTo(second.phone)).toHaveLength(0);

    at(2, '12:00:00'); // 08:00 local, the moment the deferral named
    expect(await service.dispatchPreDelinquency()).toEqual({ sent: 1, deferred: 0, blocked: 0, failed: 0, skipped: 0 });
    expect(event('pre_test_deferred')).toEqual({ status: 'sent', reason: null, next_attempt_at: null });
    expect(sentTo(second.phone)).toHaveLength(1);
    expect(sqlite.prepare('SELECT case_id FROM messages WHERE twilio_sid = ?').get(sentTo(second.phone)[0]!.sid)).toEqual({ case_id: null });
  });

  it('fails a reminder to a do-not-contact borrower with the reason, and nothing reaches the simulator', async () => {
    at(3);
    sqlite.prepare('UPDATE borrowers SET do_not_contact = 1 WHERE id = ?').run(third.borrowerId);
    plan('pre_test_dnc', third);
    const requestsBefore = simulator.requests().length;

    expect(await service.dispatchPreDelinquency()).toEqual({ sent: 0, deferred: 0, blocked: 1, failed: 0, skipped: 0 });
    expect(event('pre_test_dnc')).toEqual({ status: 'failed', reason: 'do_not_contact', next_attempt_at: null });
    expect(simulator.requests().length).toBe(requestsBefore);
    expect(sentTo(third.phone)).toHaveLength(0);
    expect(sqlite.prepare('SELECT count(*) FROM messages WHERE borrower_id = ?').pluck().get(third.borrowerId)).toBe(0);
    const payloads = sqlite.prepare(`SELECT payload FROM audit_events WHERE type = 'dunning.pre_delinquency' AND entity_id = 'pre_test_dnc'`).pluck().all() as string[];
    expect(payloads.map((payload) => JSON.parse(payload) as unknown)).toEqual([expect.objectContaining({ outcome: 'blocked', reasons: ['do_not_contact'] })]);

    // A failed reminder is decided: the next dispatch, even in hours on a later day, leaves it.
    at(4);
    expect(await service.dispatchPreDelinquency()).toEqual({ sent: 0, deferred: 0, blocked: 0, failed: 0, skipped: 0 });
    expect(simulator.requests().length).toBe(requestsBefore);
  });

  it('dates what a reminder writes at the dispatch\'s clock, as recovery actions do', () => {
    // Injected clocks exist so deferrals never depend on the wall clock; the poller's window reads `messages.at`.
    const sid = sentTo(first.phone)[0]!.sid;
    expect(sqlite.prepare('SELECT at FROM messages WHERE twilio_sid = ?').pluck().get(sid)).toBe('2026-12-01T14:00:00.000Z');
    expect(sqlite.prepare('SELECT at FROM contact_attempts WHERE borrower_id = ? AND blocked = 1').pluck().all(third.borrowerId)).toEqual(['2026-12-03T14:00:00.000Z']);
  });

  it('the daily run files a task reminder as sent with its task, and leaves a message reminder planned for the sender', () => {
    // A week of daily runs after the seed's as-of: installments fall due across the month, so both rules fire.
    let firedCount = 0;
    for (let day = 1; day <= 7; day += 1) firedCount += runDaily(temp.store, addDays(TEST_AS_OF, day)).preDelinquencyFired;
    const fired = sqlite
      .prepare(`SELECT e.id, e.loan_id, e.case_id, e.status, r.action FROM dunning_events e JOIN pre_delinquency_rules r ON r.id = e.step_id
        WHERE e.kind = 'pre_delinquency' AND e.planned_on > ?`)
      .all(TEST_AS_OF) as { id: string; loan_id: string; case_id: string | null; status: string; action: string }[];
    expect(fired).toHaveLength(firedCount);
    const tasks = fired.filter((e) => e.action === 'create_task');
    const messages = fired.filter((e) => e.action === 'send_message');
    expect(tasks.length).toBeGreaterThan(0);
    expect(messages.length).toBeGreaterThan(0);
    for (const reminder of tasks) {
      expect(reminder.status).toBe('sent');
      expect(sqlite.prepare('SELECT loan_id, case_id, source, done_at FROM tasks WHERE id = ?').get(reminder.id)).toEqual({ loan_id: reminder.loan_id, case_id: null, source: 'pre_delinquency', done_at: null });
    }
    for (const reminder of messages) {
      expect(reminder.status).toBe('planned');
      expect(sqlite.prepare('SELECT 1 FROM tasks WHERE id = ?').get(reminder.id)).toBeUndefined();
    }
  });
});
