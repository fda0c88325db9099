import { z } from 'zod';
import { defineChannel } from './define-channel';

export const selfServiceChannels = {
  /** A signed link to the borrower's self-service page for the case's loan, minted by the relay, to paste into a message. */
  'selfService.link': defineChannel<{ url: string; expiresAt: string }>()({
    input: z.object({ caseId: z.string().min(1).max(64), days: z.number().int().min(1).max(90).optional() }).strict(),
    permission: 'log_activity',
    kind: 'query',
  }),
};
