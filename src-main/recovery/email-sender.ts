import { AppError } from '../../src-shared/errors';
import { sendRenderedEmail, type Mailer } from '../email';
import { renderMessage } from '../templates';
import { DeliveryFailure, type ChannelSender } from './action-sender';

/** Email over the lender's SMTP account (or the sandbox mailer), from the `email_*` templates. */
export function createEmailSender(mailer: () => Mailer): ChannelSender {
  return {
    async deliver(outgoing, party) {
      const to = party.email;
      if (to === null) throw new AppError('conflict', 'the borrower has no email address', 'actionId');
      const rendered = renderMessage({
        channel: 'email',
        ...(outgoing.templateName ? { name: outgoing.templateName } : { defaultType: party.defaultType, severity: party.severity }),
        language: party.language,
        variables: party.variables,
      });
      try {
        const { messageId } = await sendRenderedEmail(mailer(), to, rendered);
        return { content: `${rendered.subject ?? ''}\n\n${rendered.body}`, recipient: to, columns: { email_message_id: messageId }, audit: { messageId } };
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        throw new DeliveryFailure('smtp', error.message, 'smtp', rendered.body);
      }
    },
  };
}
