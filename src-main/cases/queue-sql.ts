import type { z } from 'zod';
import type { queueSelectionSchema } from '../../src-shared/contract';

type ParsedQueueQuery = z.output<typeof queueSelectionSchema>;

const SORT_COLUMNS = {
  priority: 'c.priority_score',
  dpd: 'c.dpd',
  balance: 'c.balance_minor',
  opened: 'c.opened_on',
  name: 'c.borrower_name',
} as const;

const SORT_INDEXES = {
  priority: 'cases_active_score_idx',
  dpd: 'cases_active_dpd_idx',
  balance: 'cases_active_balance_idx',
  opened: 'cases_active_opened_idx',
  name: 'cases_active_name_idx',
} as const;

/**
 * Up to this many matching cases, the page is read through the filter index and sorted; above
 * it, the matches are common enough that walking the sort index finds a page at once.
 */
export const SORT_AFTER_FILTER_LIMIT = 5000;

const FLAG_COLUMNS = { dispute: 'c.dispute_flag', vulnerability: 'c.vulnerability_flag', hardship: 'c.hardship_flag' } as const;

const PHONE_LIKE = /^[+\d()\-.]+$/;

/**
 * Splits free text into words for the trigram index: phone-like words keep only their digits.
 * Words of three characters or more go to FTS5 (all must match); shorter ones cannot match a
 * trigram and are matched against the borrower name instead ("Li", "Wu").
 */
export function searchTerms(search: string): { fts: string | null; short: string[] } {
  const words = search
    .split(/\s+/)
    .map((word) => (PHONE_LIKE.test(word) ? word.replace(/\D/g, '') : word))
    .filter((word) => word.length > 0);
  const long = words.filter((word) => word.length >= 3).map((word) => `"${word.replace(/"/g, '""')}"`);
  return { fts: long.length > 0 ? long.join(' ') : null, short: words.filter((word) => word.length < 3) };
}

export interface QueueSql {
  where: string;
  params: unknown[];
  orderBy: string;
  /** FROM clause of the count. */
  countFrom: string;
  /** FROM clause of the page, chosen by how many cases match. */
  rowsFrom(total: number): string;
}

/**
 * Builds the WHERE and ORDER BY of the queue. Without a status filter the queue shows the active
 * cases through the generated `active` column, whose indexes serve each sort in order; ties
 * break on rowid, which every index carries, so paging is stable without a sort step.
 */
export function buildQueueSql(query: ParsedQueueQuery): QueueSql {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const anyOf = (column: string, values: readonly string[] | undefined) => {
    if (!values || values.length === 0) return;
    clauses.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  if (query.statuses && query.statuses.length > 0) anyOf('c.status', query.statuses);
  else clauses.push('c.active = 1');
  anyOf('c.stage', query.stages);
  anyOf('c.bucket', query.buckets);
  anyOf('c.severity', query.severities);
  anyOf('c.default_type', query.defaultTypes);
  anyOf('c.priority', query.priorities);
  for (const flag of query.flags ?? []) clauses.push(`${FLAG_COLUMNS[flag]} = 1`);
  if (query.queueId) {
    clauses.push('c.queue_id = ?');
    params.push(query.queueId);
  }
  if (query.agentId === 'unassigned') clauses.push('c.assigned_agent_id IS NULL');
  else if (query.agentId) {
    clauses.push('c.assigned_agent_id = ?');
    params.push(query.agentId);
  }
  const range = (column: string, min: number | undefined, max: number | undefined) => {
    if (min !== undefined) {
      clauses.push(`${column} >= ?`);
      params.push(min);
    }
    if (max !== undefined) {
      clauses.push(`${column} <= ?`);
      params.push(max);
    }
  };
  range('c.dpd', query.dpdMin, query.dpdMax);
  range('c.balance_minor', query.balanceMinMinor, query.balanceMaxMinor);
  if (query.search) {
    const { fts, short } = searchTerms(query.search);
    if (fts) {
      clauses.push('c.loan_id IN (SELECT loan_id FROM loan_search WHERE loan_search MATCH ?)');
      params.push(fts);
    }
    for (const word of short) {
      clauses.push("c.borrower_name LIKE ? ESCAPE '\\'");
      params.push(`%${word.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
    }
  }
  const direction = query.direction === 'asc' ? 'ASC' : 'DESC';
  // SQLite's planner reads the wide table rows for a count over the generated `active` column; the
  // filter index answers it from the index alone, so the active queue names its indexes itself.
  // A search is left to the planner: it starts from the few loans the text index finds.
  const onActive = !(query.statuses && query.statuses.length > 0) && !query.search;
  return {
    where: clauses.join(' AND '),
    params,
    orderBy: `${SORT_COLUMNS[query.sort]} ${direction}, c.rowid ${direction}`,
    countFrom: onActive ? 'cases c INDEXED BY cases_active_filters_idx' : 'cases c',
    rowsFrom: (total) =>
      !onActive ? 'cases c' : total <= SORT_AFTER_FILTER_LIMIT ? 'cases c INDEXED BY cases_active_filters_idx' : `cases c INDEXED BY ${SORT_INDEXES[query.sort]}`,
  };
}
