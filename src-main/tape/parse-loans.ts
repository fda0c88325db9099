import type { IsoDate } from '../../src-shared/dates';
import { SUB_STATUSES, type SubStatus } from '../../src-shared/domain/vocabulary';
import type { Minor } from '../../src-shared/money';
import type { TapeCsv } from './csv-file';
import { FieldReader, type Issues } from './fields';
import { UniqueKeys, type References } from './references';

export interface LoanRecord {
  accountNumber: string;
  borrowerExternalId: string;
  product: string;
  currency: string;
  principalMinor: Minor;
  /** The exact decimal text of the tape (the store keeps rates as text, never as a float). */
  interestRatePct: string;
  originatedOn: IsoDate;
  subStatus: SubStatus | null;
  riskGrade: string | null;
  riskStatus: 'BREACH' | null;
}

export interface InstallmentRecord {
  accountNumber: string;
  seq: number;
  dueOn: IsoDate;
  principalDueMinor: Minor;
  interestDueMinor: Minor;
  feesDueMinor: Minor;
}

export interface PaymentRecord {
  accountNumber: string;
  paidOn: IsoDate;
  amountMinor: Minor;
  reference: string;
}

export function parseLoans(csv: TapeCsv, issues: Issues, refs: References): LoanRecord[] {
  refs.loansComplete = csv.complete;
  const unique = new UniqueKeys('account_number');
  const records: LoanRecord[] = [];
  for (const row of csv.rows) {
    const r = new FieldReader(issues, 'loans', row.line, row.values);
    const accountNumber = r.required('account_number');
    if (accountNumber !== undefined && unique.claim(r, [accountNumber])) refs.tapeAccounts.add(accountNumber);
    const record = r.result<LoanRecord>({
      accountNumber,
      borrowerExternalId: refs.requireBorrower(r, 'borrower_id')?.externalId,
      product: r.required('product'),
      currency: r.matching('currency', /^[A-Z]{3}$/, 'is not a 3-letter uppercase currency code (ISO 4217)'),
      principalMinor: r.money('principal', { positive: true }),
      interestRatePct: r.matching('interest_rate_pct', /^\d+(?:\.\d+)?$/, 'is not a non-negative decimal percentage'),
      originatedOn: r.date('originated_on'),
      subStatus: r.optionalOneOf('sub_status', SUB_STATUSES),
      riskGrade: r.raw('risk_grade') || null,
      riskStatus: r.optionalOneOf('risk_status', ['BREACH'] as const),
    });
    if (record) records.push(record);
  }
  return records;
}

export function parseInstallments(csv: TapeCsv, issues: Issues, refs: References): InstallmentRecord[] {
  const unique = new UniqueKeys('installment (account_number / seq)');
  const records: InstallmentRecord[] = [];
  for (const row of csv.rows) {
    const r = new FieldReader(issues, 'installments', row.line, row.values);
    const accountNumber = refs.requireAccount(r, 'account_number');
    const seqText = r.matching('seq', /^[1-9]\d{0,5}$/, 'is not a whole number from 1');
    const seq = seqText === undefined ? undefined : Number(seqText);
    if (accountNumber !== undefined && seq !== undefined) unique.claim(r, [accountNumber, seq]);
    const record = r.result<InstallmentRecord>({
      accountNumber,
      seq,
      dueOn: r.date('due_on'),
      principalDueMinor: r.money('principal_due'),
      interestDueMinor: r.money('interest_due'),
      feesDueMinor: r.money('fees_due'),
    });
    if (record) records.push(record);
  }
  return records;
}

export function parsePayments(csv: TapeCsv, issues: Issues, refs: References): PaymentRecord[] {
  const unique = new UniqueKeys('payment (account_number / reference)');
  const records: PaymentRecord[] = [];
  for (const row of csv.rows) {
    const r = new FieldReader(issues, 'payments', row.line, row.values);
    const accountNumber = refs.requireAccount(r, 'account_number');
    const reference = r.required('reference');
    if (accountNumber !== undefined && reference !== undefined) unique.claim(r, [accountNumber, reference]);
    const record = r.result<PaymentRecord>({
      accountNumber,
      paidOn: r.date('paid_on'),
      // A zero payment moves no money; in a tape it can only be a mistake.
      amountMinor: r.money('amount', { positive: true }),
      reference,
    });
    if (record) records.push(record);
  }
  return records;
}
