import { z } from 'zod';
import type { IsoDate } from '../dates';
import type { FlagSeverity, FlagType, NbaAction } from '../domain/vocabulary';
import { defineChannel } from './define-channel';

const id = z.string().min(1).max(64);

/** An early-warning flag the daily run raised on the case's loan (seed 004) and has not cleared. */
export interface WarningFlagView {
  id: string;
  type: FlagType;
  severity: FlagSeverity;
  /** Seed 004's details: days in arrears, partial payments, payment ratios. */
  details: Record<string, unknown>;
  raisedOn: IsoDate;
}

/**
 * The SLA timers of the case's stage (seed 003): first contact is due until the case is first
 * contacted, then the next follow-up. The due times use every contact made so far (a call logged
 * a minute ago restarts the follow-up clock); `breached` is the last daily run's verdict for the
 * end of its as-of day, the one the priority score counts.
 */
export interface SlaView {
  firstContactDueAt: string | null;
  nextFollowUpDueAt: string | null;
  breached: boolean;
  /** The stage's allowances in hours; null when the case has no stage or the stage no SLA. */
  firstContactHours: number | null;
  followUpHours: number | null;
}

/** What the case workspace shows beyond `cases.get`: timers, warnings and the agent's choice of action. */
export interface CaseDetail {
  caseId: string;
  sla: SlaView;
  warningFlags: WarningFlagView[];
  /** The next-best action an agent chose instead of the engine's, with why and who. */
  nbaOverride: { action: NbaAction; reason: string; byName: string | null } | null;
  /** The last outbound contact with the borrower on this loan, any channel, blocked attempts excluded. */
  lastOutboundContactAt: string | null;
}

export const caseDetailChannels = {
  'cases.detail': defineChannel<CaseDetail>()({ input: z.object({ caseId: id }).strict(), permission: 'view_cases', kind: 'query' }),
};
