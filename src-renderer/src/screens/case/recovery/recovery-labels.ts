import type { RecoveryActionStatus, RecoveryActionType } from '../../../../../src-shared/domain/vocabulary';

export const ACTION_TYPE_LABELS: Record<RecoveryActionType, string> = {
  sms_reminder: 'SMS reminder',
  whatsapp_reminder: 'WhatsApp reminder',
  voice_call: 'Voice call',
  email: 'Email',
  letter: 'Letter',
  escalation: 'Escalation letter',
  legal_notice: 'Legal notice',
};

export const ACTION_STATUS_LOOK: Record<RecoveryActionStatus, { label: string; color: string }> = {
  pending: { label: 'Pending', color: 'blue' },
  sent: { label: 'Sent', color: 'indigo' },
  delivered: { label: 'Delivered', color: 'teal' },
  undelivered: { label: 'Not delivered', color: 'red' },
  failed: { label: 'Failed', color: 'red' },
  responded: { label: 'Responded', color: 'grape' },
};

export const TRIGGER_LABELS: Record<'manual' | 'dunning' | 'pre_delinquency', string> = { manual: 'by an agent', dunning: 'by dunning', pre_delinquency: 'pre-delinquency reminder' };
