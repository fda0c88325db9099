import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { renderMessage } from '../templates';
import { createMailer, sendRenderedEmail } from './mailer';
import { freePort as closedPort } from '../../tests-support/ports';

/** A real SMTP server on a free local port, keeping every raw message it accepts. */
async function localSmtp(options: Partial<SMTPServerOptions> = {}): Promise<{ port: number; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // Plain TCP on loopback: no STARTTLS to negotiate, and AUTH allowed without it.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => { received.push(Buffer.concat(chunks).toString('utf8')); callback(); });
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const base = { host: '127.0.0.1', secure: false, from: 'Collections <collections@lender.test>' };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => { for (const cleanup of cleanups.splice(0)) await cleanup(); });

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('createMailer', () => {
  it('delivers subject and body to the SMTP server', async () => {
    const smtp = await localSmtp();
    cleanups.push(smtp.close);
    const mailer = createMailer({ ...base, port: smtp.port, replyTo: 'help@lender.test' });
    cleanups.push(() => mailer.close());
    await mailer.verify();
    const { messageId } = await mailer.send({ to: 'ana@example.test', subject: 'Your loan L-1 is past due', text: 'Dear Ana,\n\nPlease call us.' });
    expect(messageId).toMatch(/@/);
    expect(smtp.received).toHaveLength(1);
    const raw = smtp.received[0]!;
    expect(raw).toMatch(/^Subject: Your loan L-1 is past due\r?$/m);
    expect(raw).toMatch(/^To: ana@example\.test\r?$/m);
    expect(raw).toMatch(/^Reply-To: help@lender\.test\r?$/m);
    expect(raw).toContain('Dear Ana,');
    expect(raw).toContain('Please call us.');
  });

  it('sends a rendered email template with its Subject line as the subject', async () => {
    const smtp = await localSmtp({ onAuth: (auth, _session, callback) => callback(null, { user: auth.username }) });
    cleanups.push(smtp.close);
    const mailer = createMailer({ ...base, port: smtp.port, user: 'agent', password: 'right' });
    cleanups.push(() => mailer.close());
    const rendered = renderMessage({
      channel: 'email', defaultType: 'payment_default', language: 'en',
      variables: { borrower_name: 'Ana Ruiz', loan_id: 'L-77', days_past_due: 12, amount_overdue: 123450, currency: 'USD', lender_phone: '+1 555 0100', lender_name: 'Acme Lending', portal_link: 'https://pay.test' },
    });
    await sendRenderedEmail(mailer, 'ana@example.test', rendered);
    const raw = smtp.received[0]!;
    expect(raw).toMatch(new RegExp(`^Subject: ${rendered.subject!}\\r?$`, 'm'));
    expect(raw).toContain('Dear Ana Ruiz,');
    // The Subject line went into the header, not also into the body.
    expect(raw.split(/\r?\n\r?\n/).slice(1).join('\n')).not.toContain('Subject:');
  });

  it('maps refused credentials to a clear error', async () => {
    const smtp = await localSmtp({ authOptional: false, onAuth: (_auth, _session, callback) => callback(new Error('Invalid username or password')) });
    cleanups.push(smtp.close);
    const mailer = createMailer({ ...base, port: smtp.port, user: 'agent', password: 'wrong' });
    cleanups.push(() => mailer.close());
    const error = await failure(mailer.send({ to: 'ana@example.test', subject: 'x', text: 'y' }));
    expect(error.message).toBe('the SMTP server refused the credentials');
    expect(error.message).not.toContain('wrong');
    expect(smtp.received).toHaveLength(0);
  });

  it('maps an unreachable server to a clear error naming host and port', async () => {
    const port = await closedPort();
    const mailer = createMailer({ ...base, port });
    cleanups.push(() => mailer.close());
    const error = await failure(mailer.verify());
    expect(error.message).toBe(`cannot reach the SMTP server 127.0.0.1:${port}`);
    expect(error.field).toBe('host');
  });

  it('refuses settings that cannot work before connecting', () => {
    expect(() => createMailer({ ...base, port: 70000 })).toThrow(expect.objectContaining({ code: 'validation', field: 'port' }));
  });

  it('refuses to send a rendered message that has no subject', () => {
    const mailer = createMailer({ ...base, port: 25 });
    cleanups.push(() => mailer.close());
    expect(() => sendRenderedEmail(mailer, 'a@b.test', { templateName: 'en/letter_demand', body: '<p>x</p>' })).toThrow(/no subject/);
  });
});
