import type { TextConsentMethod, TextOptOutVia } from '../../../../src-shared/domain/text-opt-outs';

/** How each opt-out came, as the badge names it. */
export const OPT_OUT_VIA_LABELS: Readonly<Record<TextOptOutVia, string>> = { reply: 'STOP', self_service: 'self-service page', carrier: 'carrier block' };

/** How the borrower gave the consent an agent records. */
export const CONSENT_METHOD_LABELS: Readonly<Record<TextConsentMethod, string>> = {
  signed_form: 'Signed consent form',
  recorded_call: 'Recorded call',
  written_request: 'Written request (letter or e-mail)',
};
