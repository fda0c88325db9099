import { createTransport } from 'nodemailer';
import { AppError } from '../../src-shared/errors';
import { log } from '../log/logger';
import type { RenderedMessage } from '../templates';
import { SmtpSettings } from '../../src-shared/contract/communications';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
  /** Connects and logs in without sending, for the settings screen's "Test connection". */
  verify(): Promise<void>;
  close(): void;
}

/** Nodemailer's codes for "never got a working connection": DNS, refused, reset or timed out. */
const UNREACHABLE = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'ECONNREFUSED']);

/**
 * Turns a nodemailer failure into a message an operator can act on. Nodemailer's own messages
 * can quote the server's reply, which may echo the login, so they are logged by code only.
 */
function toAppError(error: unknown, settings: SmtpSettings): AppError {
  const code = (error as { code?: unknown } | null)?.code;
  const responseCode = (error as { responseCode?: unknown } | null)?.responseCode;
  log.warn('smtp request failed', { host: settings.host, port: settings.port, code, responseCode });
  if (code === 'EAUTH') return new AppError('validation', 'the SMTP server refused the credentials', 'password');
  if (typeof code === 'string' && UNREACHABLE.has(code)) {
    return new AppError('validation', `cannot reach the SMTP server ${settings.host}:${settings.port}`, 'host');
  }
  if (code === 'EENVELOPE') return new AppError('validation', 'the SMTP server refused the sender or recipient address', 'to');
  return new AppError('internal', `the SMTP server could not take the message (${typeof code === 'string' ? code : 'unknown error'})`);
}

/** A mailer over one SMTP account; settings are checked here so a bad port fails before any connection. */
export function createMailer(input: SmtpSettings): Mailer {
  const parsed = SmtpSettings.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('validation', `invalid SMTP settings: ${issue?.message ?? 'unreadable'}`, issue?.path.join('.'));
  }
  const settings = parsed.data;
  const transport = createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
    // Short timeouts: a send is awaited by an agent at a screen, not by a background queue.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send({ to, subject, text, html }) {
      try {
        const info = await transport.sendMail({ from: settings.from, replyTo: settings.replyTo, to, subject, text, html });
        log.info('email sent', { host: settings.host, messageId: info.messageId });
        return { messageId: info.messageId };
      } catch (error) {
        throw toAppError(error, settings);
      }
    },
    async verify() {
      try {
        await transport.verify();
      } catch (error) {
        throw toAppError(error, settings);
      }
    },
    close: () => transport.close(),
  };
}

/**
 * Email in sandbox mode (no SMTP settings): nodemailer builds the whole message, addresses and
 * all, and hands it back instead of sending it, so every email step works and nothing leaves.
 */
export function createSandboxMailer(): Mailer {
  const transport = createTransport({ jsonTransport: true });
  return {
    async send({ to, subject, text, html }) {
      const info = await transport.sendMail({ from: 'Recourse sandbox <sandbox@recourse.invalid>', to, subject, text, html });
      log.info('email kept in sandbox', { messageId: info.messageId });
      return { messageId: info.messageId };
    },
    verify: () => Promise.resolve(),
    close: () => transport.close(),
  };
}

/** Sends an `email_*` template as `renderMessage` rendered it: its `Subject:` line is the subject, the rest the body. */
export function sendRenderedEmail(mailer: Mailer, to: string, rendered: RenderedMessage): Promise<{ messageId: string }> {
  if (!rendered.subject) throw new AppError('validation', `${rendered.templateName} is not an email template: it has no subject`);
  return mailer.send({ to, subject: rendered.subject, text: rendered.body });
}
