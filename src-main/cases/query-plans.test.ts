import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededStore } from '../../tests-support/temp-store';
import { queueQuerySchema, type QueueQuery } from '../../src-shared/contract';
import { buildQueueSql } from './queue-sql';
import { CASE_ROW_COLUMNS, CASE_ROW_JOINS } from './queue-rows';

let temp: ReturnType<typeof seededStore>;
beforeAll(() => {
  temp = seededStore(60);
  temp.store.sqlite.exec('ANALYZE');
});
afterAll(() => temp.cleanup());

/** The plan of the page query, as the reader builds it for `total` matching cases. */
function plan(input: QueueQuery, total = 100_000): string {
  const sql = buildQueueSql(queueQuerySchema.parse(input));
  const rows = temp.store.sqlite
    .prepare(`EXPLAIN QUERY PLAN SELECT ${CASE_ROW_COLUMNS} FROM ${sql.rowsFrom(total)} ${CASE_ROW_JOINS} WHERE ${sql.where} ORDER BY ${sql.orderBy} LIMIT 50`)
    .all(...sql.params) as { detail: string }[];
  return rows.map((row) => row.detail).join('\n');
}

function countPlan(input: QueueQuery): string {
  const sql = buildQueueSql(queueQuerySchema.parse(input));
  const rows = temp.store.sqlite.prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM ${sql.countFrom} WHERE ${sql.where}`).all(...sql.params) as { detail: string }[];
  return rows.map((row) => row.detail).join('\n');
}

describe('hot query plans', () => {
  it.each([
    ['priority', 'cases_active_score_idx'],
    ['dpd', 'cases_active_dpd_idx'],
    ['balance', 'cases_active_balance_idx'],
    ['opened', 'cases_active_opened_idx'],
    ['name', 'cases_active_name_idx'],
  ] as const)('the default queue sorted by %s reads %s in order, without a sort step', (sort, index) => {
    for (const direction of ['asc', 'desc'] as const) {
      const detail = plan({ sort, direction, stages: ['early_1_30', 'mid_31_60'], severities: ['high'] });
      expect(detail).toContain(`USING INDEX ${index}`);
      expect(detail).not.toContain('TEMP B-TREE');
    }
  });

  it('counts the active queue from the filter index alone, whatever the filters', () => {
    const inputs: QueueQuery[] = [{}, { stages: ['mid_31_60'], priorities: ['HIGH'] }, { agentId: 'user_x', dpdMin: 5, flags: ['dispute'] }];
    for (const input of inputs) {
      expect(countPlan(input)).toMatch(/SEARCH c USING (COVERING )?INDEX cases_active_filters_idx/);
    }
  });

  it('reads a narrow filter through the filter index and sorts only its matches', () => {
    const detail = plan({ stages: ['late_61_90'], severities: ['critical'] }, 120);
    expect(detail).toContain('cases_active_filters_idx (active=? AND stage=? AND severity=?)');
  });

  it('a single-status filter uses the status index', () => {
    expect(plan({ statuses: ['closed'] })).toContain('cases_status_score_idx');
  });

  it('leaves a search to the planner, which starts from the text index', () => {
    expect(countPlan({ search: 'smith' })).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
  });

  it('search goes through the FTS5 trigram index', () => {
    const detail = plan({ search: 'smith' });
    expect(detail).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
  });

  it('search finds a case by name, account number and phone digits', () => {
    const sample = temp.store.sqlite
      .prepare(`SELECT c.borrower_name, c.account_number, substr(p.e164, -7) AS digits FROM cases c JOIN loans l ON l.id = c.loan_id JOIN phones p ON p.borrower_id = l.borrower_id WHERE c.active = 1 LIMIT 1`)
      .get() as { borrower_name: string; account_number: string; digits: string };
    for (const search of [sample.borrower_name.split(' ')[1]!, sample.account_number, `${sample.digits.slice(0, 3)}-${sample.digits.slice(3)}`]) {
      const { where, params } = buildQueueSql(queueQuerySchema.parse({ search }));
      const accounts = temp.store.sqlite.prepare(`SELECT c.account_number FROM cases c WHERE ${where}`).pluck().all(...params);
      expect(accounts, `search ${search}`).toContain(sample.account_number);
    }
  });
});
