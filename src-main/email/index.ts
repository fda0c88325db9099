/** Borrower email over the lender's SMTP account (issue: communications). */
export { SmtpSettings } from './smtp-settings';
export { createMailer, sendRenderedEmail, type Mailer, type OutgoingEmail } from './mailer';
