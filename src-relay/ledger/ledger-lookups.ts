import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias, type PgColumn } from 'drizzle-orm/pg-core';
import { ledgerRows } from '../db/schema';
import type { RelayTx } from '../db/relay-database';
import type { LedgerRow } from './ledger-row';

/**
 * The only JSON fields looked up by value, each with a partial index (`db/schema.ts`) but one:
 * text opt-outs are few (about one number in a hundred), and the primary key's `tbl` prefix
 * already reaches them alone.
 */
export interface IndexedFields {
  messages: 'twilio_sid';
  recovery_actions: 'twilio_message_sid' | 'twilio_call_sid' | 'case_id';
  phones: 'e164';
  loans: 'borrower_id';
  cases: 'loan_id';
  text_opt_outs: 'e164';
}
export type IndexedTable = keyof IndexedFields;

/**
 * Table and field names go into the SQL as literals (constants of this file, never input): the
 * planner uses a partial expression index only when the query spells its expression and predicate
 * with constants.
 */
function literal(name: string) {
  return sql.raw(`'${name}'`);
}

/** `ledger_rows` or an alias of it (a join reads it several times). */
interface LedgerColumns {
  tbl: PgColumn;
  deleted: PgColumn;
  data: PgColumn;
}

function ofTable(table: LedgerColumns, tbl: IndexedTable) {
  return and(sql`${table.tbl} = ${literal(tbl)}`, eq(table.deleted, false));
}

function field(table: LedgerColumns, name: string) {
  return sql`(${table.data}->>${literal(name)})`;
}

/** Live rows of `tbl` whose JSON `field` equals `value`. */
export function findRowsBy<T extends IndexedTable>(tx: RelayTx, tbl: T, name: IndexedFields[T], value: string): Promise<LedgerRow[]> {
  return tx
    .select()
    .from(ledgerRows)
    .where(and(ofTable(ledgerRows, tbl), sql`${field(ledgerRows, name)} = ${value}`));
}

/** Live rows of `tbl` whose JSON `field` is one of `values`: one statement for a batch of lookups. */
export function findRowsByAny<T extends IndexedTable>(tx: RelayTx, tbl: T, name: IndexedFields[T], values: readonly string[]): Promise<LedgerRow[]> {
  if (values.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(ledgerRows)
    .where(and(ofTable(ledgerRows, tbl), inArray(field(ledgerRows, name), [...values])));
}

export async function getRow(tx: RelayTx, tbl: string, id: string): Promise<LedgerRow | null> {
  const [row] = await tx
    .select()
    .from(ledgerRows)
    .where(and(eq(ledgerRows.tbl, tbl), eq(ledgerRows.id, id), eq(ledgerRows.deleted, false)));
  return row ?? null;
}

/** The borrower's most recently sent recovery action on any of their loans' cases, the one a reply answers. */
export async function latestSentActionOf(tx: RelayTx, borrowerId: string): Promise<LedgerRow | null> {
  const loan = alias(ledgerRows, 'loan');
  const kase = alias(ledgerRows, 'kase');
  const action = alias(ledgerRows, 'action');
  const [row] = await tx
    .select({ tbl: action.tbl, id: action.id, partition: action.partition, version: action.version, deleted: action.deleted, data: action.data })
    .from(loan)
    .innerJoin(kase, and(ofTable(kase, 'cases'), sql`${field(kase, 'loan_id')} = ${loan.id}`))
    .innerJoin(action, and(ofTable(action, 'recovery_actions'), sql`${field(action, 'case_id')} = ${kase.id}`))
    .where(and(ofTable(loan, 'loans'), sql`${field(loan, 'borrower_id')} = ${borrowerId}`, sql`${field(action, 'sent_at')} IS NOT NULL`))
    .orderBy(desc(field(action, 'sent_at')), desc(action.version))
    .limit(1);
  return row ?? null;
}
