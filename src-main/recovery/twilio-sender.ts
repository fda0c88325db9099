import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../../src-shared/errors';
import { renderMessage } from '../templates';
import { buildRecoveryCallTwiml } from '../twilio/recovery-twiml';
import type { TwilioClient } from '../twilio/twilio-client';
import { TwilioSendError } from '../twilio/twilio-errors';
import { DeliveryFailure, type ChannelSender, type Outgoing } from './action-sender';
import type { ContactParty } from './recovery-records';

/** SMS, WhatsApp and voice through Twilio; texts also land in the borrower's thread. */
export function createTwilioSender(sqlite: Database.Database, twilio: () => TwilioClient, gatherUrl: () => string): ChannelSender {
  const insertMessage = sqlite.prepare(`INSERT INTO messages (id, borrower_id, case_id, recovery_action_id, channel, direction, from_address, to_address, body, twilio_sid, status, at)
    VALUES (?, ?, ?, ?, ?, 'outbound', 'recourse', ?, ?, ?, 'queued', ?)`);

  function render(outgoing: Outgoing, party: ContactParty): { content: string; twiml?: string } {
    // Only texts typed by an agent carry their content; calls always render their greeting.
    if (outgoing.content !== null && outgoing.channel !== 'voice') return { content: outgoing.content };
    const rendered = renderMessage({
      channel: outgoing.channel,
      ...(outgoing.templateName ? { name: outgoing.templateName } : { defaultType: party.defaultType, severity: party.severity }),
      language: party.language,
      variables: party.variables,
    });
    if (outgoing.channel !== 'voice') return { content: rendered.body };
    return { content: rendered.body, twiml: buildRecoveryCallTwiml({ language: party.language, greeting: rendered.body, gatherUrl: gatherUrl() }) };
  }

  return {
    async deliver(outgoing, party) {
      const to = party.phone;
      if (to === null) throw new AppError('conflict', 'the borrower has no phone number', 'actionId');
      const { content, twiml } = render(outgoing, party);
      const client = twilio();
      try {
        if (twiml !== undefined) {
          const call = await client.placeCall({ to, twiml });
          return { content, recipient: to, columns: { twilio_call_sid: call.sid }, audit: { sid: call.sid } };
        }
        const sent = await (outgoing.channel === 'whatsapp' ? client.sendWhatsApp({ to, body: content }) : client.sendSms({ to, body: content }));
        return {
          content, recipient: to, columns: { twilio_message_sid: sent.sid }, audit: { sid: sent.sid },
          write: (at) => {
            insertMessage.run(randomUUID(), party.borrowerId, party.caseId, outgoing.actionId, outgoing.channel, to, content, sent.sid, at);
            return [];
          },
        };
      } catch (error) {
        if (!(error instanceof TwilioSendError)) throw error;
        throw new DeliveryFailure(String(error.twilioCode ?? error.reason), error.message, error.reason, content, error.revokeConsent ? to : null);
      }
    },
  };
}
