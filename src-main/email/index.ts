/** Borrower email over the lender's SMTP account (issue: communications). */
export { SmtpSettings } from '../../src-shared/contract/communications';
export { createMailer, createSandboxMailer, sendRenderedEmail, type Mailer, type OutgoingEmail } from './mailer';
