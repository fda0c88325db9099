import type { ApprovalAlert, ReplyAlert } from '../../src-shared/contract';
import { roleAllows } from '../../src-shared/roles';
import type { HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';

/** Replies are looked for among the newest messages written, by rowid, so the read stays small on a large book. */
const RECENT_MESSAGES = 500;
const REPLIES = 20;

export function alertHandlers(store: Store): HandlerSlice<'alerts.recent'> {
  const replies = store.sqlite.prepare(`
    SELECT m.id AS messageId, m.case_id AS caseId, coalesce(c.borrower_name, b.first_name || ' ' || b.last_name) AS borrowerName, m.body, m.at
    FROM (SELECT * FROM messages ORDER BY rowid DESC LIMIT ${RECENT_MESSAGES}) m
    JOIN borrowers b ON b.id = m.borrower_id LEFT JOIN cases c ON c.id = m.case_id
    WHERE m.direction = 'inbound' AND (@everyone = 1 OR c.assigned_agent_id = @me)
    ORDER BY m.at DESC LIMIT ${REPLIES}`);
  const approvals = store.sqlite.prepare(`
    SELECT o.id AS offerId, o.case_id AS caseId, c.borrower_name AS borrowerName, o.amount_minor AS amountMinor, c.currency, o.discount_pct AS discountPct
    FROM settlement_offers o JOIN cases c ON c.id = o.case_id WHERE o.status = 'pending_approval' ORDER BY o.rowid`);
  return {
    'alerts.recent': (_input, { actor }) => {
      const everyone = actor!.role !== 'agent';
      return {
        replies: replies.all({ everyone: everyone ? 1 : 0, me: actor!.id }) as ReplyAlert[],
        approvals: roleAllows(actor!.role, 'approve_settlement') ? (approvals.all() as ApprovalAlert[]) : [],
      };
    },
  };
}
