import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { QueuePage, queueQuerySchema } from '../../src-shared/contract';
import { buildQueueSql } from './queue-sql';
import { CASE_ROW_COLUMNS, CASE_ROW_JOINS, toQueueRow, type CaseRowRecord } from './queue-rows';

/** Reads one page of the collections queue; statements are cached per distinct SQL shape. */
export function createQueueReader(sqlite: Database.Database): (query: z.output<typeof queueQuerySchema>) => QueuePage {
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = sqlite.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  return (query) => {
    const sql = buildQueueSql(query);
    const { where, params, orderBy } = sql;
    const total = prepare(`SELECT count(*) FROM ${sql.countFrom} WHERE ${where}`).pluck().get(...params) as number;
    const rows = prepare(`SELECT ${CASE_ROW_COLUMNS} FROM ${sql.rowsFrom(total)} ${CASE_ROW_JOINS} WHERE ${where} ORDER BY ${orderBy} LIMIT ? OFFSET ?`).all(
      ...params,
      query.pageSize,
      query.page * query.pageSize,
    ) as CaseRowRecord[];
    return { rows: rows.map(toQueueRow), total, page: query.page, pageSize: query.pageSize };
  };
}
