import { z } from 'zod';
import { defineChannel } from './define-channel';

const id = z.string().min(1).max(64);

/** How many audit events one call returns; a case's trail rarely comes near it. */
export const CASE_AUDIT_LIMIT = 500;

/** One entry of the hash-chained audit log that concerns the case. */
export interface CaseAuditEntry {
  seq: number;
  /** e.g. `settlement.approved`, `promise.created`, `RecoveryAction`. */
  type: string;
  entityType: string;
  entityId: string;
  /** A user id, or `system` for the scheduler, the engine and Twilio's callbacks. */
  actorId: string;
  /** The user's name; null for the system or a user this desktop does not know. */
  actorName: string | null;
  at: string;
  /** The event's own record of what changed, as the command wrote it. */
  payload: unknown;
}

export interface CaseAuditTrail {
  caseId: string;
  /** For amounts in the payloads (fields ending in `Minor`). */
  currency: string;
  /** Newest first, at most `CASE_AUDIT_LIMIT`. */
  entries: CaseAuditEntry[];
  /** True when the trail is longer than the entries returned. */
  truncated: boolean;
}

export const caseAuditChannels = {
  /** The audit events of the case and of what hangs on it (offers, promises, activities, contacts, letters), newest first. */
  'cases.audit': defineChannel<CaseAuditTrail>()({ input: z.object({ caseId: id }).strict(), permission: 'view_cases', kind: 'query' }),
};
