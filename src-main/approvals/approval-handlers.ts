import type { ApprovalDecision, ChannelName, ContactOverrideReview, DecisionState, NbaOverrideReview, PendingSettlement, SyncStatus } from '../../src-shared/contract';
import type { IsoDate } from '../../src-shared/dates';
import type { HandlerSlice } from '../ipc/handler-types';
import type { StoredHistoryEntry } from '../settlements/offer-records';
import type { Store } from '../store/open-store';

type ApprovalChannel = Extract<ChannelName, `approvals.${string}`>;

const DECISIONS = { 'settlements.approve': 'approved', 'settlements.reject': 'rejected' } as const;

interface DecisionRow {
  name: keyof typeof DECISIONS;
  args: string;
  by: string | null;
  at: string;
  state: 'pending' | 'applied' | 'rejected';
  refusal: string | null;
  accountNumber: string | null;
  borrowerName: string | null;
}

/**
 * Where a decision stands, read off its outbox entry: a desktop without a relay is its own
 * ledger, so what it records is final; with one, a decision waits for the relay's verdict.
 */
function decisionState(row: DecisionRow, syncState: SyncStatus['state']): DecisionState {
  if (row.state === 'applied') return 'confirmed';
  if (row.state === 'rejected') return 'rejected';
  return syncState === 'local' ? 'recorded' : 'pending';
}

/** The supervisor's approvals inbox: offers waiting for a decision, overrides to look over, and this desktop's decisions. */
export function approvalHandlers(store: Store, syncState: () => SyncStatus['state']): HandlerSlice<ApprovalChannel> {
  const { sqlite } = store;
  const pending = sqlite.prepare(`SELECT o.id AS offerId, o.case_id AS caseId, c.account_number AS accountNumber, c.borrower_name AS borrowerName, c.currency, c.dpd, c.stage,
                                         o.type, o.balance_minor AS balanceMinor, o.amount_minor AS amountMinor, o.discount_pct AS discountPct, o.installments, o.history
                                  FROM settlement_offers o JOIN cases c ON c.id = o.case_id WHERE o.status = 'pending_approval'`);
  const pendingCount = sqlite.prepare(`SELECT count(*) FROM settlement_offers WHERE status = 'pending_approval'`).pluck();
  const userNames = sqlite.prepare('SELECT id, name FROM users');
  const nbaOverrides = sqlite.prepare(`SELECT c.id AS caseId, c.account_number AS accountNumber, c.borrower_name AS borrowerName, c.nba_action AS recommended,
                                              c.nba_override_action AS chosen, c.nba_override_reason AS reason, u.name AS by
                                       FROM cases c LEFT JOIN users u ON u.id = c.nba_override_by
                                       WHERE c.active = 1 AND c.nba_override_action IS NOT NULL ORDER BY c.priority_score DESC LIMIT 200`);
  const contactOverrides = sqlite.prepare(`SELECT o.id AS overrideId, o.case_id AS caseId, c.account_number AS accountNumber, c.borrower_name AS borrowerName, u.name AS grantedBy,
                                                  o.reason, o.granted_at AS grantedAt, o.expires_at AS expiresAt, o.used_at AS usedAt
                                           FROM contact_overrides o JOIN cases c ON c.id = o.case_id LEFT JOIN users u ON u.id = o.granted_by
                                           ORDER BY o.granted_at DESC LIMIT 100`);
  const decisions = sqlite.prepare(`SELECT x.name, x.args, u.name AS by, x.created_at AS at, x.state, x.rejection AS refusal, c.account_number AS accountNumber, c.borrower_name AS borrowerName
                                    FROM outbox x LEFT JOIN users u ON u.id = x.actor_id
                                    LEFT JOIN settlement_offers o ON o.id = json_extract(x.args, '$.offerId') LEFT JOIN cases c ON c.id = o.case_id
                                    WHERE x.client_id = ? AND x.name IN ('settlements.approve', 'settlements.reject') ORDER BY x.seq DESC LIMIT 50`);
  const asOf = sqlite.prepare(`SELECT value FROM app_meta WHERE key = 'last_daily_run'`).pluck();

  const pendingSettlements = (): PendingSettlement[] => {
    const names = new Map((userNames.all() as { id: string; name: string }[]).map((user) => [user.id, user.name]));
    return (pending.all() as (Omit<PendingSettlement, 'submittedBy' | 'submittedAt'> & { history: string })[])
      .map(({ history, ...offer }) => {
        const submitted = (JSON.parse(history) as StoredHistoryEntry[]).findLast((entry) => entry.status === 'pending_approval');
        return { ...offer, submittedBy: submitted ? (names.get(submitted.by) ?? null) : null, submittedAt: submitted?.at ?? '' };
      })
      .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.offerId.localeCompare(b.offerId));
  };

  return {
    'approvals.inbox': () => {
      const state = syncState();
      return sqlite.transaction(() => ({
        asOf: (asOf.get() as IsoDate | undefined) ?? null,
        settlements: pendingSettlements(),
        nbaOverrides: nbaOverrides.all() as NbaOverrideReview[],
        contactOverrides: contactOverrides.all() as ContactOverrideReview[],
        decisions: (decisions.all(store.clientId) as DecisionRow[]).map((row): ApprovalDecision => {
          const args = JSON.parse(row.args) as { offerId: string; note?: string; reason?: string };
          return {
            offerId: args.offerId,
            decision: DECISIONS[row.name],
            accountNumber: row.accountNumber,
            borrowerName: row.borrowerName,
            by: row.by,
            at: row.at,
            note: args.reason ?? args.note ?? null,
            state: decisionState(row, state),
            refusal: row.refusal,
          };
        }),
      })).deferred();
    },
    'approvals.count': () => ({ settlements: pendingCount.get() as number }),
  };
}
