import { CASE_AUDIT_LIMIT, type CaseAuditEntry, type CaseAuditTrail } from '../../src-shared/contract';
import { requireCase } from '../case-work/require-case';
import type { HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';

interface AuditRow {
  seq: number;
  type: string;
  entity_type: string;
  entity_id: string;
  actor_id: string;
  actor_name: string | null;
  at: string;
  payload: string;
}

/**
 * The audit log keys each event by the entity it changed, so a case's trail is the case's own
 * events plus those of every row that hangs on it. Each branch reads an indexed column (or the
 * borrower's and loan's, then narrows), and the join, its order fixed by CROSS JOIN, looks each one
 * up in `audit_entity_idx`, so a long log costs no scan. Contact attempts and reminders have no case column: their audit payload names the case.
 */
const CASE_ENTITIES = `
  SELECT 'case' AS entity_type, @caseId AS entity_id
  UNION ALL SELECT 'settlement_offer', id FROM settlement_offers WHERE case_id = @caseId
  UNION ALL SELECT 'promise', id FROM promises WHERE case_id = @caseId
  UNION ALL SELECT 'activity', id FROM activities WHERE case_id = @caseId
  UNION ALL SELECT 'task', id FROM tasks WHERE loan_id = @loanId AND case_id = @caseId
  UNION ALL SELECT 'letter', id FROM letters WHERE case_id = @caseId
  UNION ALL SELECT 'recovery_action', id FROM recovery_actions WHERE case_id = @caseId
  UNION ALL SELECT 'message', id FROM messages WHERE borrower_id = @borrowerId AND case_id = @caseId
  UNION ALL SELECT 'contact_override', id FROM contact_overrides WHERE borrower_id = @borrowerId AND case_id = @caseId
  UNION ALL SELECT 'dunning_event', id FROM dunning_events WHERE loan_id = @loanId AND case_id = @caseId
  UNION ALL SELECT 'contact_attempt', id FROM contact_attempts WHERE loan_id = @loanId
  UNION ALL SELECT 'borrower', @borrowerId`;

/** The trail's one statement, newest first, one row past the limit to tell a cut trail; named params caseId, loanId, borrowerId. */
export const CASE_TRAIL_SQL = `WITH entities AS (${CASE_ENTITIES})
  SELECT a.seq, a.type, a.entity_type, a.entity_id, a.actor_id, u.name AS actor_name, a.at, a.payload
  FROM entities e CROSS JOIN audit_events a ON a.entity_type = e.entity_type AND a.entity_id = e.entity_id
  LEFT JOIN users u ON u.id = a.actor_id
  WHERE a.entity_type != 'contact_attempt' OR json_extract(a.payload, '$.caseId') = @caseId
  ORDER BY a.seq DESC LIMIT ${CASE_AUDIT_LIMIT + 1}`;

/** `cases.audit`: the case's audit trail, newest first, with each actor's name. */
export function caseAuditHandlers(store: Store): HandlerSlice<'cases.audit'> {
  const { sqlite } = store;
  const borrowerOf = sqlite.prepare('SELECT borrower_id FROM loans WHERE id = ?').pluck();
  const trail = sqlite.prepare(CASE_TRAIL_SQL);

  return {
    'cases.audit': ({ caseId }) => {
      const kase = requireCase(sqlite, caseId);
      const rows = trail.all({ caseId, loanId: kase.loan_id, borrowerId: borrowerOf.get(kase.loan_id) }) as AuditRow[];
      const entries: CaseAuditEntry[] = rows.slice(0, CASE_AUDIT_LIMIT).map((row) => ({
        seq: row.seq,
        type: row.type,
        entityType: row.entity_type,
        entityId: row.entity_id,
        actorId: row.actor_id,
        actorName: row.actor_name,
        at: row.at,
        payload: JSON.parse(row.payload) as unknown,
      }));
      const view: CaseAuditTrail = { caseId, currency: kase.currency, entries, truncated: rows.length > CASE_AUDIT_LIMIT };
      return view;
    },
  };
}
