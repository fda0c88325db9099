import type Database from 'better-sqlite3';
import type { TapeImportProgress } from '../../src-shared/contract';
import type { ProductKind } from '../../src-shared/domain/vocabulary';
import { stableId } from '../../src-shared/ids';
import type { ContactRecord, PromiseRecord } from './parse-history';
import type { InstallmentRecord, LoanRecord, PaymentRecord } from './parse-loans';
import type { BorrowerRecord, PhoneRecord } from './parse-people';
import { tapeFileName, type TapeFileKey } from '../../src-shared/tape-format';

/** A tape whose every row passed validation. */
export interface ValidTape {
  borrowers: BorrowerRecord[];
  phones: PhoneRecord[];
  loans: LoanRecord[];
  installments: InstallmentRecord[];
  payments: PaymentRecord[];
  promises: PromiseRecord[];
  contacts: ContactRecord[];
}

export interface PersistResult {
  emails: number;
  productsCreated: number;
}

/** Rows written between two progress reports: often enough for a smooth bar, rare enough to cost nothing. */
const PROGRESS_EVERY_ROWS = 5_000;

/** Iterates each file's rows, reporting the rows written so far across the whole tape. */
function rowCounter(tape: ValidTape, onProgress: ((progress: TapeImportProgress) => void) | undefined) {
  const total = tape.borrowers.length + tape.phones.length + tape.loans.length + tape.installments.length + tape.payments.length + tape.contacts.length + tape.promises.length;
  let done = 0;
  return function* counted<T>(file: TapeFileKey, rows: readonly T[]): Generator<T> {
    // A file with no rows (an optional one left out) is not worth a report.
    const report = () => rows.length > 0 && onProgress?.({ step: 'writing', file: tapeFileName(file), done, total, unit: 'rows' });
    report();
    for (const row of rows) {
      yield row;
      done += 1;
      if (done % PROGRESS_EVERY_ROWS === 0) report();
    }
    report();
  };
}

const flag = (value: boolean): number => (value ? 1 : 0);

/** Products are not in the tape, only their codes; the kind is a best guess an admin can correct. */
function productKind(code: string): ProductKind {
  const lower = code.toLowerCase();
  if (lower.includes('auto')) return 'auto';
  if (lower.includes('business') || lower.includes('sme')) return 'small_business';
  return 'personal';
}

function mustExist<T>(value: T | undefined, what: string): T {
  // Validation checked every reference inside this same transaction, so a miss is a bug here.
  if (value === undefined) throw new Error(`tape import: ${what} vanished between validation and writing`);
  return value;
}

/**
 * Writes a validated tape; call inside one transaction. Rows are upserted on their natural keys
 * (external_id, account_number, (loan, seq), (loan, reference), (borrower, number)), so
 * re-importing a tape updates in place, keeps existing ids (fee records and cases point at
 * them) and never deletes rows the tape leaves out. Columns the tape does not carry (derived
 * loan state, opt-outs, verification, preferences) are never touched.
 */
export function persistTape(sqlite: Database.Database, tape: ValidTape, onProgress?: (progress: TapeImportProgress) => void): PersistResult {
  const counted = rowCounter(tape, onProgress);
  const sql = {
    product: sqlite.prepare('INSERT INTO products (code, name, kind) VALUES (?, ?, ?) ON CONFLICT(code) DO NOTHING'),
    borrower: sqlite.prepare<unknown[], { id: string }>(
      `INSERT INTO borrowers (id, external_id, first_name, last_name, date_of_birth, ssn_last_four, language, timezone, jurisdiction, do_not_contact, vulnerable, hardship)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(external_id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name,
         date_of_birth = excluded.date_of_birth, ssn_last_four = excluded.ssn_last_four, language = excluded.language,
         timezone = excluded.timezone, jurisdiction = excluded.jurisdiction, do_not_contact = excluded.do_not_contact,
         vulnerable = excluded.vulnerable, hardship = excluded.hardship
       RETURNING id`,
    ),
    borrowerId: sqlite.prepare<[string], { id: string }>('SELECT id FROM borrowers WHERE external_id = ?'),
    emailId: sqlite.prepare<[string, string], { id: string }>('SELECT id FROM emails WHERE borrower_id = ? AND email = ? COLLATE NOCASE'),
    email: sqlite.prepare(
      `INSERT INTO emails (id, borrower_id, email, label, is_primary, is_active) VALUES (?, ?, ?, 'home', 1, 1)
       ON CONFLICT(id) DO UPDATE SET email = excluded.email, is_primary = 1`,
    ),
    demoteEmails: sqlite.prepare('UPDATE emails SET is_primary = 0 WHERE borrower_id = ? AND id <> ? AND is_primary = 1'),
    phoneId: sqlite.prepare<[string, string], { id: string }>('SELECT id FROM phones WHERE borrower_id = ? AND e164 = ?'),
    phone: sqlite.prepare(
      `INSERT INTO phones (id, borrower_id, e164, label, type, is_primary, sms_consent) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET label = excluded.label, type = excluded.type, is_primary = excluded.is_primary, sms_consent = excluded.sms_consent`,
    ),
    demotePhones: sqlite.prepare('UPDATE phones SET is_primary = 0 WHERE borrower_id = ? AND id <> ? AND is_primary = 1'),
    loan: sqlite.prepare<unknown[], { id: string }>(
      `INSERT INTO loans (id, account_number, borrower_id, product_code, currency, principal_minor, interest_rate_pct, originated_on, sub_status, risk_grade, risk_status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(account_number) DO UPDATE SET borrower_id = excluded.borrower_id, product_code = excluded.product_code,
         currency = excluded.currency, principal_minor = excluded.principal_minor, interest_rate_pct = excluded.interest_rate_pct,
         originated_on = excluded.originated_on, sub_status = excluded.sub_status, risk_grade = excluded.risk_grade,
         risk_status = excluded.risk_status
       RETURNING id`,
    ),
    loanByAccount: sqlite.prepare<[string], { id: string; borrower_id: string }>('SELECT id, borrower_id FROM loans WHERE account_number = ?'),
    installment: sqlite.prepare(
      `INSERT INTO installments (loan_id, seq, due_on, principal_due_minor, interest_due_minor, fees_due_minor) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(loan_id, seq) DO UPDATE SET due_on = excluded.due_on, principal_due_minor = excluded.principal_due_minor,
         interest_due_minor = excluded.interest_due_minor, fees_due_minor = excluded.fees_due_minor`,
    ),
    payment: sqlite.prepare(
      `INSERT INTO payments (loan_id, paid_on, amount_minor, reference, source) VALUES (?, ?, ?, ?, 'tape')
       ON CONFLICT(loan_id, reference) DO UPDATE SET paid_on = excluded.paid_on, amount_minor = excluded.amount_minor`,
    ),
    // A promise's status is the engine's to judge, so a re-import leaves it as it is.
    promise: sqlite.prepare(
      `INSERT INTO promises (id, case_id, loan_id, created_on, due_on, amount_minor) VALUES (?, NULL, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
    ),
    contact: sqlite.prepare(
      `INSERT INTO contact_attempts (id, borrower_id, loan_id, channel, direction, outcome, at, source) VALUES (?, ?, ?, ?, ?, ?, ?, 'tape')
       ON CONFLICT(id) DO UPDATE SET outcome = excluded.outcome`,
    ),
  };

  let productsCreated = 0;
  for (const code of new Set(tape.loans.map((loan) => loan.product))) {
    productsCreated += sql.product.run(code, code, productKind(code)).changes;
  }

  // Borrowers and loans may already exist under ids made elsewhere (seed, an earlier import), so
  // the ids actually stored are read back rather than assumed.
  const borrowerIds = new Map<string, string>();
  for (const b of counted('borrowers', tape.borrowers)) {
    const row = sql.borrower.get(
      stableId('borrower', b.externalId), b.externalId, b.firstName, b.lastName, b.dateOfBirth, b.ssnLastFour, b.language,
      b.timezone, b.jurisdiction, flag(b.doNotContact), flag(b.vulnerable), flag(b.hardship),
    );
    borrowerIds.set(b.externalId, mustExist(row, `borrower ${b.externalId}`).id);
  }
  const borrowerId = (externalId: string): string => {
    let id = borrowerIds.get(externalId);
    if (id === undefined) {
      id = mustExist(sql.borrowerId.get(externalId), `borrower ${externalId}`).id;
      borrowerIds.set(externalId, id);
    }
    return id;
  };

  let emails = 0;
  for (const b of tape.borrowers) {
    if (b.email === null) continue;
    const owner = borrowerId(b.externalId);
    const id = sql.emailId.get(owner, b.email)?.id ?? stableId('email', b.externalId, b.email.toLowerCase());
    sql.email.run(id, owner, b.email);
    sql.demoteEmails.run(owner, id);
    emails += 1;
  }

  // Phones go in before loans so each new loan's search row picks up its borrower's numbers.
  for (const p of counted('phones', tape.phones)) {
    const owner = borrowerId(p.borrowerExternalId);
    const id = sql.phoneId.get(owner, p.e164)?.id ?? stableId('phone', p.borrowerExternalId, p.e164);
    sql.phone.run(id, owner, p.e164, p.type, p.type, flag(p.isPrimary), flag(p.smsConsent));
    if (p.isPrimary) sql.demotePhones.run(owner, id);
  }

  const loans = new Map<string, { id: string; borrowerId: string }>();
  for (const l of counted('loans', tape.loans)) {
    const owner = borrowerId(l.borrowerExternalId);
    const row = sql.loan.get(
      stableId('loan', l.accountNumber), l.accountNumber, owner, l.product, l.currency, l.principalMinor, l.interestRatePct,
      l.originatedOn, l.subStatus, l.riskGrade, l.riskStatus,
    );
    loans.set(l.accountNumber, { id: mustExist(row, `loan ${l.accountNumber}`).id, borrowerId: owner });
  }
  const loan = (accountNumber: string): { id: string; borrowerId: string } => {
    let found = loans.get(accountNumber);
    if (found === undefined) {
      const row = mustExist(sql.loanByAccount.get(accountNumber), `loan ${accountNumber}`);
      found = { id: row.id, borrowerId: row.borrower_id };
      loans.set(accountNumber, found);
    }
    return found;
  };

  for (const i of counted('installments', tape.installments)) {
    sql.installment.run(
      loan(i.accountNumber).id, i.seq, i.dueOn,
      i.principalDueMinor, i.interestDueMinor, i.feesDueMinor,
    );
  }
  for (const p of counted('payments', tape.payments)) {
    sql.payment.run(loan(p.accountNumber).id, p.paidOn, p.amountMinor, p.reference);
  }
  for (const c of counted('contacts', tape.contacts)) {
    const { id: loanId, borrowerId: owner } = loan(c.accountNumber);
    sql.contact.run(stableId('contact', c.accountNumber, c.at, c.channel, c.direction), owner, loanId, c.channel, c.direction, c.outcome, c.at);
  }

  for (const p of counted('promises', tape.promises)) {
    sql.promise.run(stableId('promise', p.accountNumber, p.createdOn, p.dueOn, p.amountMinor), loan(p.accountNumber).id, p.createdOn, p.dueOn, p.amountMinor);
  }

  return { emails, productsCreated };
}
