import type Database from 'better-sqlite3';
import type { IsoDate } from '../../src-shared/dates';
import type { InstallmentDue, PaymentMade } from '../../src-shared/domain/allocation';

export interface LoanFacts {
  id: string;
  accountNumber: string;
  borrowerName: string;
  currency: string;
  productCode: string;
  riskGrade: string | null;
  covenantBreach: boolean;
  bucket: string;
  enteredDelinquencyOn: string | null;
  installments: InstallmentDue[];
  payments: PaymentMade[];
}

/**
 * Reads loans in id order, a chunk at a time (keyset paging), with their installments, fee
 * records and payments up to as-of. Chunks keep memory flat on a 100,000-loan portfolio.
 */
export function* loanChunks(sqlite: Database.Database, asOf: IsoDate, chunkSize = 2000): Generator<LoanFacts[]> {
  const loansAfter = sqlite.prepare(`
    SELECT l.id, l.account_number, b.first_name || ' ' || b.last_name AS borrower_name, l.currency, l.product_code,
           l.risk_grade, l.risk_status, l.bucket, l.entered_delinquency_on
    FROM loans l JOIN borrowers b ON b.id = l.borrower_id
    WHERE l.status = 'active' AND l.id > ? ORDER BY l.id LIMIT ?`);
  const installmentsBetween = sqlite.prepare(`
    SELECT i.loan_id, i.seq, i.due_on, i.principal_due_minor, i.interest_due_minor,
           i.fees_due_minor + coalesce((SELECT sum(f.amount_minor) FROM fee_records f WHERE f.installment_id = i.id AND f.assessed_on <= ?), 0) AS fees
    FROM installments i WHERE i.loan_id >= ? AND i.loan_id <= ? ORDER BY i.loan_id, i.due_on, i.seq`);
  const paymentsBetween = sqlite.prepare(`
    SELECT loan_id, paid_on, amount_minor FROM payments WHERE loan_id >= ? AND loan_id <= ? AND paid_on <= ? ORDER BY loan_id, paid_on`);
  let after = '';
  for (;;) {
    const rows = loansAfter.all(after, chunkSize) as {
      id: string; account_number: string; borrower_name: string; currency: string; product_code: string;
      risk_grade: string | null; risk_status: string | null; bucket: string; entered_delinquency_on: string | null;
    }[];
    if (rows.length === 0) return;
    const first = rows[0]!.id;
    const last = rows[rows.length - 1]!.id;
    const byId = new Map<string, LoanFacts>();
    for (const row of rows) {
      byId.set(row.id, {
        id: row.id, accountNumber: row.account_number, borrowerName: row.borrower_name, currency: row.currency,
        productCode: row.product_code, riskGrade: row.risk_grade, covenantBreach: row.risk_status === 'BREACH',
        bucket: row.bucket, enteredDelinquencyOn: row.entered_delinquency_on, installments: [], payments: [],
      });
    }
    for (const i of installmentsBetween.all(asOf, first, last) as { loan_id: string; seq: number; due_on: IsoDate; principal_due_minor: number; interest_due_minor: number; fees: number }[]) {
      byId.get(i.loan_id)?.installments.push({ seq: i.seq, dueOn: i.due_on, principalMinor: i.principal_due_minor, interestMinor: i.interest_due_minor, feesMinor: i.fees });
    }
    for (const p of paymentsBetween.all(first, last, asOf) as { loan_id: string; paid_on: IsoDate; amount_minor: number }[]) {
      byId.get(p.loan_id)?.payments.push({ paidOn: p.paid_on, amountMinor: p.amount_minor });
    }
    yield [...byId.values()];
    after = last;
  }
}
