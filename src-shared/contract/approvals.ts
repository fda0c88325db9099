import { z } from 'zod';
import type { IsoDate } from '../dates';
import type { NbaAction, SettlementType, Stage } from '../domain/vocabulary';
import type { Minor } from '../money';
import { defineChannel } from './define-channel';

/** A settlement offer an agent submitted and a supervisor has yet to decide, with the case it is on. */
export interface PendingSettlement {
  offerId: string;
  caseId: string;
  accountNumber: string;
  borrowerName: string;
  currency: string;
  dpd: number;
  stage: Stage | null;
  type: SettlementType;
  balanceMinor: Minor;
  amountMinor: Minor;
  discountPct: number;
  installments: number;
  submittedBy: string | null;
  submittedAt: string;
}

/** An agent's override of the engine's next-best action on an active case, for a supervisor to look over. */
export interface NbaOverrideReview {
  caseId: string;
  accountNumber: string;
  borrowerName: string;
  recommended: NbaAction | null;
  chosen: NbaAction;
  reason: string;
  by: string | null;
}

/** A permission to contact a do-not-contact borrower by hand, as granted. */
export interface ContactOverrideReview {
  overrideId: string;
  caseId: string;
  accountNumber: string;
  borrowerName: string;
  grantedBy: string | null;
  reason: string;
  grantedAt: string;
  expiresAt: string;
  usedAt: string | null;
}

/**
 * Where a supervisor's decision stands: `recorded` on a desktop that is its own ledger, `pending`
 * while it waits for the relay, then `confirmed` or `rejected` with the relay's reason.
 */
export type DecisionState = 'recorded' | 'pending' | 'confirmed' | 'rejected';

export interface ApprovalDecision {
  offerId: string;
  decision: 'approved' | 'rejected';
  accountNumber: string | null;
  borrowerName: string | null;
  by: string | null;
  at: string;
  note: string | null;
  state: DecisionState;
  /** The relay's reason when it refused the decision. */
  refusal: string | null;
}

export interface ApprovalsInbox {
  asOf: IsoDate | null;
  settlements: PendingSettlement[];
  nbaOverrides: NbaOverrideReview[];
  contactOverrides: ContactOverrideReview[];
  /** Decisions made on this desktop, newest first. */
  decisions: ApprovalDecision[];
}

export const approvalChannels = {
  'approvals.inbox': defineChannel<ApprovalsInbox>()({ input: z.object({}).strict(), permission: 'approve_settlement', kind: 'query' }),
  /** What waits for a decision, for the navigation badge. */
  'approvals.count': defineChannel<{ settlements: number }>()({ input: z.object({}).strict(), permission: 'approve_settlement', kind: 'query' }),
};
