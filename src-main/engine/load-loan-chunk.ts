import type Database from 'better-sqlite3';
import type { IsoDate } from '../../src-shared/dates';
import { inDueOrder, type InstallmentDue, type PaymentMade } from '../../src-shared/domain/allocation';

export interface LoanFacts {
  id: string;
  accountNumber: string;
  borrowerName: string;
  currency: string;
  covenantBreach: boolean;
  /** What the previous run stored, so unchanged rows are not rewritten. */
  stored: { dpd: number; amountPastDueMinor: number; balanceMinor: number; bucket: string; enteredDelinquencyOn: string | null };
  /** In due order. */
  installments: readonly InstallmentDue[];
  payments: PaymentMade[];
}

type LoanRow = [string, string, string, string, string | null, number, number, number, string, string | null, number, number, number];
type InstallmentRow = [number, number, number, number, number];
type FeeRow = [string, number, number];
type PaymentRow = [number, number];

/**
 * Reads loans in id order, a chunk at a time (keyset paging), with their installments, assessed
 * fee records and payments; only active loans are yielded. The per-loan rows come back as plain
 * numbers (dates as epoch days) in the same loan order as the loans, and each loan row carries
 * how many of them are its own, so no per-row string keys are built: on a 100,000-loan portfolio
 * that is most of the cost of reading.
 */
export function* loanChunks(sqlite: Database.Database, asOf: IsoDate, chunkSize = 2000): Generator<LoanFacts[]> {
  const loansAfter = sqlite
    .prepare(`
      SELECT l.id, l.account_number, b.first_name || ' ' || b.last_name, l.currency, l.risk_status,
             l.dpd, l.amount_past_due_minor, l.balance_minor, l.bucket, l.entered_delinquency_on, l.status = 'active',
             (SELECT count(*) FROM installments i WHERE i.loan_id = l.id), (SELECT count(*) FROM payments p WHERE p.loan_id = l.id)
      FROM loans l JOIN borrowers b ON b.id = l.borrower_id
      WHERE l.id > ? ORDER BY l.id LIMIT ?`)
    .raw();
  const installmentsBetween = sqlite
    .prepare(`SELECT seq, unixepoch(due_on) / 86400, principal_due_minor, interest_due_minor, fees_due_minor FROM installments
              WHERE loan_id >= ? AND loan_id <= ? ORDER BY loan_id, seq`)
    .raw();
  const paymentsBetween = sqlite.prepare(`SELECT unixepoch(paid_on) / 86400, amount_minor FROM payments WHERE loan_id >= ? AND loan_id <= ? ORDER BY loan_id`).raw();
  const feesBetween = sqlite
    .prepare(`SELECT f.loan_id, i.seq, f.amount_minor FROM fee_records f JOIN installments i ON i.id = f.installment_id WHERE f.loan_id >= ? AND f.loan_id <= ? AND f.assessed_on <= ?`)
    .raw();
  let after = '';
  for (;;) {
    const rows = loansAfter.all(after, chunkSize) as LoanRow[];
    if (rows.length === 0) return;
    const first = rows[0]![0];
    const last = rows[rows.length - 1]![0];
    const installmentRows = installmentsBetween.all(first, last) as InstallmentRow[];
    const paymentRows = paymentsBetween.all(first, last) as PaymentRow[];
    const chunk: LoanFacts[] = [];
    const byId = new Map<string, LoanFacts>();
    let nextInstallment = 0;
    let nextPayment = 0;
    for (const [id, accountNumber, borrowerName, currency, riskStatus, dpd, pastDue, balance, bucket, entered, active, installmentCount, paymentCount] of rows) {
      const installments: InstallmentDue[] = new Array(installmentCount);
      for (let k = 0; k < installmentCount; k += 1) {
        const row = installmentRows[nextInstallment + k]!;
        installments[k] = { seq: row[0], dueDay: row[1], principalMinor: row[2], interestMinor: row[3], feesMinor: row[4] };
      }
      const payments: PaymentMade[] = new Array(paymentCount);
      for (let k = 0; k < paymentCount; k += 1) {
        const row = paymentRows[nextPayment + k]!;
        payments[k] = { paidDay: row[0], amountMinor: row[1] };
      }
      nextInstallment += installmentCount;
      nextPayment += paymentCount;
      if (!active) continue;
      const loan: LoanFacts = {
        id, accountNumber, borrowerName, currency, covenantBreach: riskStatus === 'BREACH',
        stored: { dpd, amountPastDueMinor: pastDue, balanceMinor: balance, bucket, enteredDelinquencyOn: entered },
        installments: inDueOrder(installments), payments,
      };
      chunk.push(loan);
      byId.set(id, loan);
    }
    for (const [loanId, seq, amount] of feesBetween.all(first, last, asOf) as FeeRow[]) {
      const installment = byId.get(loanId)?.installments.find((i) => i.seq === seq) as InstallmentDue | undefined;
      if (installment) installment.feesMinor += amount;
    }
    if (chunk.length > 0) yield chunk;
    after = last;
  }
}
