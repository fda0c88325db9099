import type { ActivityLogPage, ActivityLogRow, ParsedInput } from '../../src-shared/contract';
import { addDays, isoDate } from '../../src-shared/dates';
import type { Store } from '../store/open-store';

interface LogRecord {
  id: string;
  case_id: string;
  loan_id: string;
  type: ActivityLogRow['type'];
  direction: ActivityLogRow['direction'];
  contact_method: string | null;
  outcome: ActivityLogRow['outcome'];
  notes: string | null;
  next_action_on: ActivityLogRow['nextActionOn'];
  produced_promise: number;
  performed_by: string | null;
  at: ActivityLogRow['at'];
  performer_name: string | null;
  account_number: string;
  borrower_name: string;
}

function toRow(r: LogRecord): ActivityLogRow {
  return {
    id: r.id,
    caseId: r.case_id,
    loanId: r.loan_id,
    type: r.type,
    direction: r.direction,
    contactMethod: r.contact_method,
    outcome: r.outcome,
    notes: r.notes,
    nextActionOn: r.next_action_on,
    producedPromise: Boolean(r.produced_promise),
    performedBy: r.performed_by,
    at: r.at,
    performerName: r.performer_name,
    accountNumber: r.account_number,
    borrowerName: r.borrower_name,
  };
}

/**
 * The activity log of seed 004: every case's activities, newest first, filtered by case, type,
 * outcome, performer and date. Times are UTC instants, so a date range is the instants from the
 * first day's midnight up to (not including) the midnight after the last day.
 */
export function createActivityLogReader(store: Store): (query: ParsedInput<'activities.list'>) => ActivityLogPage {
  return (query) => {
    const conditions: string[] = [];
    const params: Record<string, string | number> = {};
    const filter = (condition: string, name: string, value: string | undefined) => {
      if (value === undefined) return;
      conditions.push(condition);
      params[name] = value;
    };
    filter('a.case_id = @caseId', 'caseId', query.caseId);
    filter('a.type = @type', 'type', query.type);
    filter('a.outcome = @outcome', 'outcome', query.outcome);
    filter('a.performed_by = @performedBy', 'performedBy', query.performedBy);
    filter('a.at >= @from', 'from', query.from);
    filter('a.at < @before', 'before', query.to === undefined ? undefined : addDays(isoDate(query.to), 1));
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const total = store.sqlite.prepare(`SELECT count(*) FROM activities a ${where}`).pluck().get(params) as number;
    const rows = store.sqlite
      .prepare(`SELECT a.*, u.name AS performer_name, c.account_number, c.borrower_name
        FROM activities a JOIN cases c ON c.id = a.case_id LEFT JOIN users u ON u.id = a.performed_by
        ${where} ORDER BY a.at DESC, a.rowid DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: query.pageSize, offset: query.page * query.pageSize }) as LogRecord[];
    return { rows: rows.map(toRow), total, page: query.page, pageSize: query.pageSize };
  };
}
