import { z } from 'zod';
import type { Minor } from '../money';
import { defineChannel } from './define-channel';

/** A borrower's text that came in, as the desktop notification shows it. */
export interface ReplyAlert {
  messageId: string;
  caseId: string | null;
  borrowerName: string;
  body: string;
  at: string;
}

/** An offer waiting for a supervisor's decision. */
export interface ApprovalAlert {
  offerId: string;
  caseId: string;
  borrowerName: string;
  amountMinor: Minor;
  currency: string;
  discountPct: number;
}

export const alertChannels = {
  /**
   * The newest replies (an agent's own cases; every case for supervisors) and the offers awaiting
   * approval (for those who may approve): the window diffs them against what it has seen to raise
   * desktop notifications, whether the rows came from this desktop, a callback or sync.
   */
  'alerts.recent': defineChannel<{ replies: ReplyAlert[]; approvals: ApprovalAlert[] }>()({ input: z.object({}).strict(), permission: 'view_cases', kind: 'query' }),
};
