import { z } from 'zod';
import { RECOVERY_ACTION_TYPES, type Channel, type RecoveryActionStatus, type RecoveryActionType } from '../domain/vocabulary';
import { defineChannel } from './define-channel';

const id = z.string().min(1).max(64);

/** One recovery action (seed 000) as the sidebar shows it. */
export interface RecoveryActionView {
  id: string;
  caseId: string;
  type: RecoveryActionType;
  channel: Channel;
  status: RecoveryActionStatus;
  recipient: string | null;
  content: string | null;
  scheduledAt: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  triggeredBy: 'manual' | 'dunning' | 'pre_delinquency';
  createdAt: string;
  /** The PDF a letter, escalation or legal-notice action filed with the case. */
  letterId: string | null;
}

/**
 * What one execution did: `sent` (handed to its carrier), `deferred` (compliance said "not now";
 * it waits pending until `scheduledAt`), `blocked` (a hard block; the action failed with the
 * reasons), `failed` (the carrier refused it), `skipped` (an automated step another desktop
 * claimed and sends; nothing changed here).
 */
export interface ExecutionResult {
  outcome: 'sent' | 'deferred' | 'blocked' | 'failed' | 'skipped';
  reasons: string[];
  action: RecoveryActionView;
}

export interface ThreadMessage {
  id: string;
  channel: 'sms' | 'whatsapp';
  direction: 'outbound' | 'inbound';
  body: string;
  status: string;
  errorCode: string | null;
  /** What the error code means, in words an agent can act on. */
  errorMessage: string | null;
  at: string;
}

export const recoveryChannels = {
  'recovery.actions': defineChannel<{ actions: RecoveryActionView[] }>()({
    input: z.object({ caseId: id }).strict(),
    permission: 'view_cases',
    kind: 'query',
  }),
  /** Creates the actions (the chosen types, or seed 000's ladder for the case's DPD); they wait pending until executed. */
  'recovery.trigger': defineChannel<{ actions: RecoveryActionView[] }>()({
    input: z.object({ caseId: id, types: z.array(z.enum(RECOVERY_ACTION_TYPES)).min(1).max(RECOVERY_ACTION_TYPES.length).optional() }).strict(),
    permission: 'log_activity',
    kind: 'command',
  }),
  'recovery.execute': defineChannel<ExecutionResult>()({
    input: z.object({ actionId: id }).strict(),
    permission: 'log_activity',
    kind: 'command',
  }),
  'messages.thread': defineChannel<{ messages: ThreadMessage[] }>()({
    input: z.object({ caseId: id }).strict(),
    permission: 'view_cases',
    kind: 'query',
  }),
  /** A message typed by an agent: a manual send through the compliance gate (a DNC override applies). */
  'messages.send': defineChannel<ExecutionResult>()({
    input: z.object({ caseId: id, channel: z.enum(['sms', 'whatsapp']), body: z.string().trim().min(1).max(1600) }).strict(),
    permission: 'log_activity',
    kind: 'command',
  }),
};
