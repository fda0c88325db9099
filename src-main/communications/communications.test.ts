import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { seededStore } from '../../tests-support/temp-store';
import { log } from '../log/logger';
import { chromiumPdfRenderer } from '../letters/chromium-pdf-renderer';
import type { SandboxTwilio } from '../twilio/sandbox';
import { createCommunications, type Communications } from './communications';
import { freePort as closedPort } from '../../tests-support/ports';
import { until } from '../../tests-support/until';

/** A real SMTP server on a free local port, keeping every raw message it accepts (as src-main/email/mailer.test.ts does). */
async function localSmtp(): Promise<{ port: number; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => { received.push(Buffer.concat(chunks).toString('utf8')); callback(); });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

interface TtCase { caseId: string; phone: string; borrowerId: string; email: string; accountNumber: string; severity: string; borrowerName: string }

/** The subject line of each `en/email_payment_default*` template a case of that severity gets. */
const SUBJECT: Readonly<Record<string, (accountNumber: string) => string>> = {
  low: (n) => `Your loan ${n} is past due`,
  medium: (n) => `Your loan ${n} is past due`,
  critical: (n) => `Please contact us about your loan ${n}`,
};

describe('communications in sandbox mode, settings switching it live and back', () => {
  const temp = seededStore(120);
  const { sqlite } = temp.store;
  const secretsDir = join(temp.dir, 'secrets');
  // TT is UTC−4 with contact hours 08:00–20:00: 14:00Z is 10:00 local. Each test takes a fresh day
  // (cooling-off 4 h, 3 a day across channels). Date itself is held at the same instant, so the
  // simulator dates replies on the app's clock as it would in a real run.
  let clock = new Date('2026-12-01T14:00:00Z');
  const onDay = (day: number) => {
    clock = new Date(`2026-12-${String(day).padStart(2, '0')}T14:00:00Z`);
    vi.setSystemTime(clock);
  };
  const agent = { id: sqlite.prepare(`SELECT id FROM users WHERE role = 'agent' ORDER BY id LIMIT 1`).pluck().get() as string, role: 'agent' as const };
  const ttCases = sqlite
    .prepare(`SELECT c.id AS caseId, p.e164 AS phone, b.id AS borrowerId, e.email, c.account_number AS accountNumber, c.severity, c.borrower_name AS borrowerName
      FROM cases c JOIN loans l ON l.id = c.loan_id JOIN borrowers b ON b.id = l.borrower_id
      JOIN phones p ON p.id = (SELECT id FROM phones WHERE borrower_id = b.id ORDER BY is_active DESC, is_primary DESC, id LIMIT 1)
      JOIN emails e ON e.id = (SELECT id FROM emails WHERE borrower_id = b.id ORDER BY is_active DESC, is_primary DESC, id LIMIT 1)
      WHERE c.active = 1 AND c.default_type = 'payment_default' AND c.severity IN ('low', 'medium', 'critical') AND b.jurisdiction = 'TT' AND b.do_not_contact = 0
        AND p.sms_consent = 1 AND p.type = 'mobile' AND p.opted_out_at IS NULL AND e.is_active = 1 AND e.opted_out = 0
        AND json_extract(b.communication_preferences, '$.hours') IS NULL
      GROUP BY b.id ORDER BY c.id`)
    .all() as TtCase[];
  const [tt, other] = ttCases as [TtCase, TtCase];
  const actionRow = (id: string) => sqlite.prepare('SELECT * FROM recovery_actions WHERE id = ?').get(id) as Record<string, string | null>;
  let communications: Communications;
  let sandbox: SandboxTwilio;
  let smtp: Awaited<ReturnType<typeof localSmtp>>;

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(clock);
    // Chromium launches on the first letter only, and this file prints none.
    communications = createCommunications({ store: temp.store, secretsDir, letterRenderer: chromiumPdfRenderer(), now: () => clock });
    sandbox = await communications.sandbox();
    smtp = await localSmtp();
  });
  afterAll(async () => {
    await communications.close();
    await smtp.close();
    vi.useRealTimers();
    temp.cleanup();
  });

  it('finds two TT borrowers with consenting mobiles and email addresses to work with', () => {
    expect(ttCases.length).toBeGreaterThanOrEqual(2);
  });

  it('starts in sandbox for texts and email, polling Twilio since there is no relay', async () => {
    expect(communications.status()).toEqual({ twilio: { mode: 'sandbox' }, email: { mode: 'sandbox' }, statusSource: 'polling' });
    // The simulator cannot call a relay back (it signs with its own throwaway token): a sandbox desktop polls even with a relay.
    const relayed = createCommunications({ store: temp.store, secretsDir, letterRenderer: chromiumPdfRenderer(), relayUrl: () => 'https://relay.example.test' });
    expect(relayed.status().statusSource).toBe('polling');
    await relayed.close();
  });

  it('sends a manual SMS to the simulator without status callbacks; a poll then moves the action and its thread message to delivered', async () => {
    onDay(1);
    const result = await communications.recovery.sendManualMessage(tt.caseId, { channel: 'sms', body: 'Please call us today.', actor: agent });
    expect(result.outcome).toBe('sent');
    const sid = actionRow(result.action.id).twilio_message_sid!;
    const simulated = () => sandbox.simulator.messages().find((m) => m.sid === sid);
    expect(simulated()).toMatchObject({ to: tt.phone, body: 'Please call us today.\nReply STOP to opt out.', statusCallback: null });
    // The simulator has delivered it, but nothing told the app: sandbox asks no callbacks.
    await until(() => simulated()?.status === 'delivered');
    expect(actionRow(result.action.id).status).toBe('sent');
    expect(sqlite.prepare('SELECT status FROM messages WHERE twilio_sid = ?').pluck().get(sid)).toBe('queued');

    expect(await communications.pollTwilio()).toEqual({ statuses: 1, replies: 0 });
    expect(actionRow(result.action.id)).toMatchObject({ status: 'delivered', delivered_at: clock.toISOString() });
    expect(sqlite.prepare('SELECT status, case_id, recovery_action_id FROM messages WHERE twilio_sid = ?').get(sid)).toEqual({ status: 'delivered', case_id: tt.caseId, recovery_action_id: result.action.id });
    // Delivered is final: the next poll no longer asks about it.
    expect(await communications.pollTwilio()).toEqual({ statuses: 0, replies: 0 });
  });

  it('picks a scripted reply up on the next poll into the thread, once however often it polls', async () => {
    onDay(2);
    const result = await communications.recovery.sendManualMessage(tt.caseId, { channel: 'sms', body: 'When can you pay?', actor: agent });
    expect(result.outcome).toBe('sent');
    const sid = actionRow(result.action.id).twilio_message_sid!;
    await until(() => sandbox.simulator.messages().find((m) => m.sid === sid)?.status === 'delivered');
    const replySid = await sandbox.simulator.script.replyFrom(tt.phone, 'Paying Friday');
    const replies = () => sqlite.prepare(`SELECT case_id, recovery_action_id, direction, channel, status FROM messages WHERE twilio_sid = ?`).all(replySid);
    expect(replies()).toEqual([]);

    expect(await communications.pollTwilio()).toEqual({ statuses: 1, replies: 1 });
    expect(replies()).toEqual([{ case_id: tt.caseId, recovery_action_id: result.action.id, direction: 'inbound', channel: 'sms', status: 'received' }]);
    expect(actionRow(result.action.id).status).toBe('responded');
    expect(await communications.pollTwilio()).toEqual({ statuses: 0, replies: 0 });
    expect(sqlite.prepare(`SELECT count(*) FROM messages WHERE body = 'Paying Friday'`).pluck().get()).toBe(1);
  });

  it('polls a voice call to completion and leaves its action sent', async () => {
    onDay(3);
    const [action] = communications.recovery.triggerActions(tt.caseId, { types: ['voice_call'], actor: agent, manual: false });
    const result = await communications.recovery.executeAction(action!.id, { actor: agent, manual: false });
    expect(result.outcome).toBe('sent');
    const callSid = actionRow(action!.id).twilio_call_sid!;
    expect(callSid).toMatch(/^CA/);
    await until(() => sandbox.simulator.calls().find((c) => c.sid === callSid)?.status === 'completed');

    expect((await communications.pollTwilio()).statuses).toBe(1);
    expect(sandbox.simulator.requests().some((r) => r.method === 'GET' && r.path.endsWith(`/Calls/${callSid}.json`) && r.status === 200)).toBe(true);
    expect(actionRow(action!.id)).toMatchObject({ status: 'sent', delivered_at: null, error_code: null });
  });

  it('saving Twilio credentials switches to live without the token ever coming back, being logged or lying on disk in clear', async () => {
    const token = 'secret-token-5f2c0d9e8b7a6c5d4e3f';
    const credentials = { accountSid: `AC${'ab12'.repeat(8)}`, authToken: token, fromNumber: '+18685550123' };
    const logSpies = (['debug', 'info', 'warn', 'error'] as const).map((level) => vi.spyOn(log, level));
    const written: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    });
    let saved;
    let logged: string;
    try {
      saved = communications.saveTwilio(credentials);
    } finally {
      stderr.mockRestore();
      logged = JSON.stringify(logSpies.flatMap((spy) => spy.mock.calls));
      for (const spy of logSpies) spy.mockRestore();
    }

    expect(saved).toEqual({ twilio: { mode: 'live', accountSidHint: 'AC…ab12', fromNumber: '+18685550123', whatsappFrom: null }, email: { mode: 'sandbox' }, statusSource: 'polling' });
    expect(JSON.stringify(saved)).not.toContain(token);
    expect(JSON.stringify(communications.status())).not.toContain(token);
    // Live Twilio with a relay: Twilio calls the relay back, so nothing is polled.
    const relayed = createCommunications({ store: temp.store, secretsDir, letterRenderer: chromiumPdfRenderer(), relayUrl: () => 'https://relay.example.test' });
    expect(relayed.status().statusSource).toBe('relay');
    await relayed.close();
    // The save was logged (at any level the logger is set to), and no log line carries the token.
    expect(logged).toContain('twilio credentials saved');
    expect(logged).not.toContain(token);
    expect(written.join('')).not.toContain(token);
    const sealed = readFileSync(join(secretsDir, 'twilio.sealed'));
    expect(sealed.includes(token)).toBe(false);
    expect(sealed.includes(credentials.accountSid)).toBe(false);

    // Another process on the same data folder reads the same settings back.
    const reopened = createCommunications({ store: temp.store, secretsDir, letterRenderer: chromiumPdfRenderer() });
    expect(reopened.status().twilio).toMatchObject({ mode: 'live', accountSidHint: 'AC…ab12' });
    await reopened.close();
  });

  it('clearing Twilio credentials returns to sandbox at once: the next text reaches the simulator', async () => {
    expect(communications.clearTwilio().twilio).toEqual({ mode: 'sandbox' });
    expect(existsSync(join(secretsDir, 'twilio.sealed'))).toBe(false);
    onDay(4);
    const before = sandbox.simulator.messages().length;
    const result = await communications.recovery.sendManualMessage(other.caseId, { channel: 'sms', body: 'Back in sandbox.', actor: agent });
    expect(result.outcome).toBe('sent');
    expect(sandbox.simulator.messages().length).toBe(before + 1);
    expect(sandbox.simulator.messages().at(-1)).toMatchObject({ to: other.phone });
  });

  it('refuses an Account SID of the wrong shape, naming the field, and stays in sandbox', () => {
    const error = (() => {
      try {
        communications.saveTwilio({ accountSid: 'AC123', authToken: 'secret-token-5f2c0d9e8b7a6c5d4e3f', fromNumber: '+18685550123' });
        return null;
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'validation', field: 'accountSid' });
    expect(communications.status().twilio).toEqual({ mode: 'sandbox' });
    expect(existsSync(join(secretsDir, 'twilio.sealed'))).toBe(false);
  });

  it('sends email through the sandbox mailer until SMTP is saved, then through that SMTP server with the rendered subject', async () => {
    onDay(5);
    const [kept] = communications.recovery.triggerActions(tt.caseId, { types: ['email'], actor: agent, manual: false });
    const inSandbox = await communications.recovery.executeAction(kept!.id, { actor: agent, manual: false });
    expect(inSandbox).toMatchObject({ outcome: 'sent', action: { status: 'sent', recipient: tt.email } });
    expect(actionRow(kept!.id).email_message_id).toMatch(/@/);
    expect(smtp.received).toEqual([]);

    const status = communications.saveSmtp({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'Collections <collections@lender.test>' });
    expect(status.email).toEqual({ mode: 'smtp', host: '127.0.0.1', port: smtp.port, from: 'Collections <collections@lender.test>' });
    await communications.testSmtp();

    onDay(6);
    const [mailed] = communications.recovery.triggerActions(tt.caseId, { types: ['email'], actor: agent, manual: false });
    const overSmtp = await communications.recovery.executeAction(mailed!.id, { actor: agent, manual: false });
    expect(overSmtp.outcome).toBe('sent');
    expect(smtp.received).toHaveLength(1);
    const raw = smtp.received[0]!;
    expect(raw).toMatch(new RegExp(`^Subject: ${SUBJECT[tt.severity]!(tt.accountNumber)}\\r?$`, 'm'));
    expect(raw).toMatch(new RegExp(`^To: ${tt.email.replace(/\./g, '\\.')}\\r?$`, 'm'));
    expect(raw).toMatch(/^From: Collections <collections@lender\.test>\r?$/m);
    expect(raw).toContain(`Dear ${tt.borrowerName},`);
    expect(raw).toMatch(new RegExp(`^Message-ID: ${actionRow(mailed!.id).email_message_id!.replace(/[.+]/g, '\\$&')}\\r?$`, 'mi'));

    expect(communications.clearSmtp().email).toEqual({ mode: 'sandbox' });
  });

  it('fails an SMTP test against a closed port with a message naming host and port', async () => {
    const port = await closedPort();
    communications.saveSmtp({ host: '127.0.0.1', port, secure: false, from: 'collections@lender.test' });
    const error = await communications.testSmtp().then(() => null, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'validation', field: 'host', message: `cannot reach the SMTP server 127.0.0.1:${port}` });
    communications.clearSmtp();
  });
});
