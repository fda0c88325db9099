import type { CaseFlag, QueueRow } from '../../src-shared/contract';

/** The columns every case read selects, so the queue and the case summary map rows alike. */
export const CASE_ROW_COLUMNS = `c.id, c.loan_id, c.account_number, c.borrower_name, c.currency, c.status, c.default_type, c.dpd,
  c.amount_past_due_minor, c.balance_minor, c.bucket, c.stage, c.severity, c.priority, c.priority_score, c.dispute_flag,
  c.vulnerability_flag, c.hardship_flag, c.assigned_agent_id, u.name AS agent_name, c.queue_id, q.name AS queue_name,
  c.nba_action, c.opened_on`;

export const CASE_ROW_JOINS = 'LEFT JOIN users u ON u.id = c.assigned_agent_id LEFT JOIN queues q ON q.id = c.queue_id';

export type CaseRowRecord = Record<string, unknown> & {
  id: string; loan_id: string; account_number: string; borrower_name: string; currency: string;
  dispute_flag: number; vulnerability_flag: number; hardship_flag: number;
};

export function toQueueRow(r: CaseRowRecord): QueueRow {
  const flags: CaseFlag[] = [];
  if (r.dispute_flag) flags.push('dispute');
  if (r.vulnerability_flag) flags.push('vulnerability');
  if (r.hardship_flag) flags.push('hardship');
  return {
    caseId: r.id,
    loanId: r.loan_id,
    accountNumber: r.account_number,
    borrowerName: r.borrower_name,
    currency: r.currency,
    status: r.status as QueueRow['status'],
    defaultType: r.default_type as QueueRow['defaultType'],
    dpd: r.dpd as number,
    amountPastDueMinor: r.amount_past_due_minor as number,
    balanceMinor: r.balance_minor as number,
    bucket: r.bucket as QueueRow['bucket'],
    stage: r.stage as QueueRow['stage'],
    severity: r.severity as QueueRow['severity'],
    priority: r.priority as QueueRow['priority'],
    priorityScore: r.priority_score as number,
    flags,
    assignedAgentId: r.assigned_agent_id as string | null,
    assignedAgentName: r.agent_name as string | null,
    queueId: r.queue_id as string | null,
    queueName: r.queue_name as string | null,
    nbaAction: r.nba_action as QueueRow['nbaAction'],
    openedOn: r.opened_on as QueueRow['openedOn'],
  };
}
