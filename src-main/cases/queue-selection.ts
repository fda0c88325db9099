import type Database from 'better-sqlite3';
import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';
import { MAX_EXPORTED_CASES, MAX_SELECTED_CASES, type queueSelectionSchema } from '../../src-shared/contract';
import { minorToDecimal } from '../../src-shared/money';
import { buildQueueSql } from './queue-sql';
import { CASE_ROW_COLUMNS, CASE_ROW_JOINS, toQueueRow, type CaseRowRecord } from './queue-rows';

type Selection = z.output<typeof queueSelectionSchema>;

const CSV_COLUMNS = ['Account', 'Borrower', 'DPD', 'Amount past due', 'Balance', 'Currency', 'Bucket', 'Stage', 'Severity', 'Priority', 'Priority score',
  'Next best action', 'Flags', 'Agent', 'Queue', 'Status', 'Opened'];

/** Everything the queue's filters match, in its order: the ids for a bulk selection, and the rows for export. */
export function createQueueSelection(sqlite: Database.Database) {
  const read = (selection: Selection, columns: string, limit: number) => {
    const sql = buildQueueSql(selection);
    const total = sqlite.prepare(`SELECT count(*) FROM ${sql.countFrom} WHERE ${sql.where}`).pluck().get(...sql.params) as number;
    const statement = sqlite.prepare(`SELECT ${columns} FROM ${sql.rowsFrom(total)} ${CASE_ROW_JOINS} WHERE ${sql.where} ORDER BY ${sql.orderBy} LIMIT ?`);
    return { total, statement, params: [...sql.params, limit] };
  };
  return {
    ids(selection: Selection): { caseIds: string[]; total: number } {
      const { total, statement, params } = read(selection, 'c.id', MAX_SELECTED_CASES);
      return { caseIds: statement.pluck().all(...params) as string[], total };
    },
    /** Amounts are written as decimals in the case's currency (a spreadsheet reads them as numbers), with the currency in its own column. */
    csv(selection: Selection): { csv: string; rows: number } {
      const { statement, params } = read(selection, CASE_ROW_COLUMNS, MAX_EXPORTED_CASES);
      const records: (string | number)[][] = [];
      for (const record of statement.iterate(...params) as IterableIterator<CaseRowRecord>) {
        const row = toQueueRow(record);
        records.push([row.accountNumber, row.borrowerName, row.dpd, minorToDecimal(row.amountPastDueMinor), minorToDecimal(row.balanceMinor), row.currency, row.bucket, row.stage ?? '',
          row.severity ?? '', row.priority, row.priorityScore, row.nbaAction ?? '', row.flags.join(' '), row.assignedAgentName ?? '', row.queueName ?? '', row.status, row.openedOn]);
      }
      return { csv: stringify(records, { header: true, columns: CSV_COLUMNS }), rows: records.length };
    },
  };
}
