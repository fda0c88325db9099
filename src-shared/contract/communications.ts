import { z } from 'zod';
import type { ContactDecision } from '../compliance/types';
import { defineChannel } from './define-channel';
import type { ExecutionResult } from './recovery';

const id = z.string().min(1).max(64);

/** Twilio account settings as an admin enters them; the token never comes back out. */
export const TwilioCredentialsInput = z
  .object({
    accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'An Account SID is AC followed by 32 hex digits'),
    authToken: z.string().min(16).max(128),
    // A long code or short code, or an alphanumeric sender id (up to 11 letters/digits) where carriers allow one.
    fromNumber: z.string().regex(/^(\+[1-9]\d{3,14}|[A-Za-z0-9 ]{1,11})$/, 'An E.164 number or an alphanumeric sender id'),
    whatsappFrom: z.string().regex(/^\+[1-9]\d{6,14}$/, 'An E.164 number').optional(),
  })
  .strict();
export type TwilioCredentials = z.infer<typeof TwilioCredentialsInput>;

/**
 * The SMTP account borrower email goes through. `secure` means TLS from the first byte (port
 * 465); false lets the server upgrade with STARTTLS. `user` and `password` are optional because
 * relays inside a lender's network often need none.
 */
export const SmtpSettings = z
  .object({
    host: z.string().trim().min(1),
    port: z.number().int().min(1).max(65535),
    secure: z.boolean(),
    user: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    /** The sender as the borrower sees it: `collections@lender.com` or `Lender <collections@lender.com>`. */
    from: z.string().trim().min(3),
    replyTo: z.string().trim().min(3).optional(),
  })
  .strict();
export type SmtpSettings = z.infer<typeof SmtpSettings>;

/**
 * How this desktop communicates, for the sandbox label and the settings screen. Sandbox: no
 * credentials set, so texts and calls go to the local Twilio simulator and email to a mailer that
 * keeps it; nothing reaches a borrower.
 */
export interface CommunicationsStatus {
  twilio: { mode: 'sandbox' } | { mode: 'live'; accountSidHint: string; fromNumber: string; whatsappFrom: string | null };
  email: { mode: 'sandbox' } | { mode: 'smtp'; host: string; port: number; from: string };
  /** Where delivery statuses and replies come from: the relay's webhooks, or polling Twilio. */
  statusSource: 'relay' | 'polling';
}

export const LETTER_KINDS = ['demand', 'legal_notice', 'escalation'] as const;

export interface LetterView {
  id: string;
  caseId: string;
  kind: string;
  templateName: string;
  language: string;
  createdBy: string | null;
  createdAt: string;
}

/** A contact an agent is about to make, judged now by the compliance gate (DESIGN §2). */
export interface ContactCheck extends ContactDecision {
  channel: z.infer<typeof ContactCheckChannel>;
  at: string;
}
const ContactCheckChannel = z.enum(['sms', 'whatsapp', 'voice', 'email', 'letter']);

export const communicationChannels = {
  'communications.status': defineChannel<CommunicationsStatus>()({ input: z.object({}).strict(), permission: 'view_cases', kind: 'query' }),
  'communications.saveTwilio': defineChannel<CommunicationsStatus>()({ input: TwilioCredentialsInput, permission: 'admin_settings', kind: 'command' }),
  'communications.clearTwilio': defineChannel<CommunicationsStatus>()({ input: z.object({}).strict(), permission: 'admin_settings', kind: 'command' }),
  'communications.saveSmtp': defineChannel<CommunicationsStatus>()({ input: SmtpSettings, permission: 'admin_settings', kind: 'command' }),
  'communications.clearSmtp': defineChannel<CommunicationsStatus>()({ input: z.object({}).strict(), permission: 'admin_settings', kind: 'command' }),
  /** Connects and logs in to the saved SMTP server without sending anything. */
  'communications.testSmtp': defineChannel<{ ok: true }>()({ input: z.object({}).strict(), permission: 'admin_settings', kind: 'query' }),
  /** "May I contact this borrower now on this channel?" as the agent would (a manual contact). */
  'compliance.check': defineChannel<ContactCheck>()({ input: z.object({ caseId: id, channel: ContactCheckChannel }).strict(), permission: 'view_cases', kind: 'query' }),
  /**
   * An agent issues a letter: a manual recovery action of the letter's type, through the
   * compliance gate like any contact, printed and filed with the case when allowed.
   */
  /**
   * An agent about to dial the borrower: the gate's answer for a manual call now. A refusal is
   * recorded as a blocked attempt with its reasons; a go-ahead on a do-not-contact override uses it up.
   */
  'compliance.prepareCall': defineChannel<ContactCheck>()({ input: z.object({ caseId: id }).strict(), permission: 'log_activity', kind: 'command' }),
  'letters.generate': defineChannel<ExecutionResult & { letter: LetterView | null }>()({
    input: z.object({ caseId: id, kind: z.enum(LETTER_KINDS) }).strict(),
    permission: 'log_activity',
    kind: 'command',
  }),
  'letters.list': defineChannel<{ letters: LetterView[] }>()({ input: z.object({ caseId: id }).strict(), permission: 'view_cases', kind: 'query' }),
  /** The letter's PDF, base64, for preview and printing. */
  'letters.pdf': defineChannel<{ fileName: string; base64: string }>()({ input: z.object({ letterId: id }).strict(), permission: 'view_cases', kind: 'query' }),
};
