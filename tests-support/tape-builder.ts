import { addMonths, isoDate } from '../src-shared/dates';
import type { Tape } from '../src-main/tape/write-tape';

export interface LoanSpec {
  account: string;
  borrower?: string;
  jurisdiction?: string;
  doNotContact?: boolean;
  vulnerable?: boolean;
  hardship?: boolean;
  subStatus?: string;
  riskStatus?: 'BREACH';
  originatedOn?: string;
  /** Monthly installments starting a month after origination. */
  installments?: number;
  principalDue?: string;
  interestDue?: string;
  feesDue?: string;
  payments?: { paidOn: string; amount: string }[];
  promises?: { createdOn: string; dueOn: string; amount: string }[];
}

/** A small loan tape for scenario tests: one TT borrower per loan, monthly installments. */
export function buildTape(loans: LoanSpec[]): Tape {
  const tape: Tape = { borrowers: [], phones: [], loans: [], installments: [], payments: [], promises: [], contacts: [] };
  loans.forEach((loan, index) => {
    const borrower = loan.borrower ?? `B-${loan.account}`;
    const originatedOn = isoDate(loan.originatedOn ?? '2026-01-01');
    tape.borrowers.push({
      borrower_id: borrower, first_name: 'Test', last_name: `Borrower ${loan.account}`, date_of_birth: '1980-05-05', language: 'en',
      timezone: 'America/Port_of_Spain', jurisdiction: loan.jurisdiction ?? 'TT', do_not_contact: loan.doNotContact ?? false,
      vulnerable: loan.vulnerable ?? false, hardship: loan.hardship ?? false,
    });
    tape.phones.push({ borrower_id: borrower, phone: `868-620-${String(1000 + index).padStart(4, '0')}`, type: 'mobile', is_primary: true, sms_consent: true });
    tape.loans.push({
      account_number: loan.account, borrower_id: borrower, product: 'personal_loan', currency: 'TTD', principal: '6000.00', interest_rate_pct: '12',
      originated_on: originatedOn, sub_status: loan.subStatus, risk_grade: 'C', risk_status: loan.riskStatus,
    });
    for (let seq = 1; seq <= (loan.installments ?? 6); seq += 1) {
      tape.installments.push({
        account_number: loan.account, seq, due_on: addMonths(originatedOn, seq), principal_due: loan.principalDue ?? '1000.00',
        interest_due: loan.interestDue ?? '60.00', fees_due: loan.feesDue ?? '0',
      });
    }
    (loan.payments ?? []).forEach((payment, n) => tape.payments.push({ account_number: loan.account, paid_on: payment.paidOn, amount: payment.amount, reference: `${loan.account}-P${n + 1}` }));
    for (const promise of loan.promises ?? []) tape.promises!.push({ account_number: loan.account, created_on: promise.createdOn, due_on: promise.dueOn, amount: promise.amount });
  });
  return tape;
}
