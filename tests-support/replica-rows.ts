import { replicaTable } from '../src-shared/sync/row-shape';
import type { ReplicaColumn } from '../src-shared/sync/replica-schema';

type Data = Record<string, unknown>;

/** A value that fits a required column the test does not care about. */
function placeholder(column: ReplicaColumn): unknown {
  if (column.enum) return column.enum[0];
  if (column.mode === 'json') return '{}';
  if (column.type === 'text') return '';
  return 0;
}

/**
 * A whole row image of `tbl` as a desktop's `SELECT *` gives it, which the relay checks pushed rows
 * against: `data` over null for every nullable column and a placeholder for the others. A required
 * foreign key has no placeholder: the test names the parent, which the ledger must hold.
 */
export function replicaRow(tbl: string, data: Data): Data {
  const table = replicaTable(tbl);
  if (!table) throw new Error(`${tbl} is not a synced table`);
  const row: Data = {};
  for (const column of table.columns) {
    if (column.generated) continue;
    if (Object.hasOwn(data, column.name)) row[column.name] = data[column.name];
    else if (!column.notNull) row[column.name] = null;
    else if (column.references || table.compositeReferences?.some((reference) => reference.columns.includes(column.name))) throw new Error(`${tbl}.${column.name} names a parent: give it`);
    else row[column.name] = placeholder(column);
  }
  return row;
}

/** A product, borrower, loan and open case, whole rows keyed by `key`, for tests whose rows need parents in the ledger. */
export function caseFamily(key: string, jurisdiction = 'TT') {
  const ids = { product: `P-${key}`, borrower: `b-${key}`, loan: `l-${key}`, kase: `c-${key}` };
  const product = replicaRow('products', { code: ids.product, name: `Product ${key}`, kind: 'personal' });
  const borrower = replicaRow('borrowers', { id: ids.borrower, external_id: `EXT-${key}`, first_name: key, last_name: 'Borrower', jurisdiction, metadata: '{}', communication_preferences: '{}' });
  const loan = replicaRow('loans', { id: ids.loan, account_number: `ACC-${key}`, borrower_id: ids.borrower, product_code: ids.product, currency: 'USD', principal_minor: 1_000_000, interest_rate_pct: '12.5', originated_on: '2026-01-15' });
  const kase = replicaRow('cases', { id: ids.kase, loan_id: ids.loan, account_number: `ACC-${key}`, borrower_name: `${key} Borrower`, currency: 'USD', status: 'open', dpd: 12, opened_on: '2026-11-01' });
  return {
    ids,
    product,
    borrower,
    loan,
    kase,
    /** Parents first, as a bootstrap page or `seedRows` takes them. */
    rows: [
      { tbl: 'products', id: ids.product, data: product },
      { tbl: 'borrowers', id: ids.borrower, data: borrower },
      { tbl: 'loans', id: ids.loan, data: loan },
      { tbl: 'cases', id: ids.kase, data: kase },
    ],
  };
}
