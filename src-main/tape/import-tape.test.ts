import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TapeImportProgress } from '../../src-shared/contract';
import { openStore, type Store } from '../store/open-store';
import { importTape, TapeError } from './import-tape';
import { writeTape, type Tape } from './write-tape';

let dir: string;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'recourse-tape-'));
  store = openStore(join(dir, 'store.db'));
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function goodTape(): Tape {
  return {
    borrowers: [
      { borrower_id: 'B1', first_name: 'Asha', last_name: 'Ramdial', date_of_birth: '1985-04-12', ssn_last_four: '1234', language: 'en', timezone: 'America/Port_of_Spain', jurisdiction: 'TT', do_not_contact: false, vulnerable: false, hardship: false, email: 'asha@example.tt' },
      { borrower_id: 'B2', first_name: 'Marcus', last_name: 'Hale', language: 'es', timezone: 'America/New_York', jurisdiction: 'US-NY', do_not_contact: false, vulnerable: true, hardship: false },
      { borrower_id: 'B3', first_name: 'Keisha', last_name: 'Brown', jurisdiction: 'JM', do_not_contact: true, vulnerable: false, hardship: true },
    ],
    phones: [
      { borrower_id: 'B1', phone: '868-620-1234', type: 'mobile', is_primary: true, sms_consent: true },
      { borrower_id: 'B1', phone: '(868) 678-1234', type: 'home', is_primary: false, sms_consent: false },
      { borrower_id: 'B2', phone: '212-456-7890', type: 'work', is_primary: true, sms_consent: false },
      { borrower_id: 'B3', phone: '876-881-2345', type: 'mobile', is_primary: false, sms_consent: true },
    ],
    loans: [
      { account_number: 'L1', borrower_id: 'B1', product: 'personal_loan', currency: 'TTD', principal: '10000.00', interest_rate_pct: '12.5', originated_on: '2025-01-15', risk_grade: 'B' },
      { account_number: 'L2', borrower_id: 'B2', product: 'auto_loan', currency: 'USD', principal: '25000.5', interest_rate_pct: '7', originated_on: '2025-03-01' },
      { account_number: 'L3', borrower_id: 'B3', product: 'SME_term', currency: 'JMD', principal: '1500', interest_rate_pct: '0', originated_on: '2025-06-30', sub_status: 'dispute', risk_status: 'BREACH' },
    ],
    installments: [
      { account_number: 'L1', seq: 1, due_on: '2025-02-15', principal_due: '800.00', interest_due: '104.17', fees_due: '0' },
      { account_number: 'L1', seq: 2, due_on: '2025-03-15', principal_due: '800.00', interest_due: '95.83', fees_due: '25.5' },
      { account_number: 'L2', seq: 1, due_on: '2025-04-01', principal_due: '1000.00', interest_due: '150.00', fees_due: '0.00' },
      { account_number: 'L3', seq: 1, due_on: '2025-07-30', principal_due: '1500.00', interest_due: '0', fees_due: '0' },
    ],
    payments: [
      { account_number: 'L1', paid_on: '2025-02-14', amount: '904.17', reference: 'PAY-1' },
      { account_number: 'L1', paid_on: '2025-03-20', amount: '0.01', reference: 'PAY-2' },
    ],
    promises: [{ account_number: 'L2', created_on: '2025-04-05', due_on: '2025-04-12', amount: '500' }],
    contacts: [{ account_number: 'L1', at: '2025-03-16T14:30:00-04:00', channel: 'voice', direction: 'outbound', outcome: 'conversation' }],
  };
}

/** Imports the tape already in `dir`, expecting it to be refused. */
function refusal(): TapeError {
  try {
    importTape(store, dir);
  } catch (error) {
    expect(error).toBeInstanceOf(TapeError);
    return error as TapeError;
  }
  throw new Error('expected the tape to be refused');
}

function importing(tape: Tape): TapeError {
  writeTape(dir, tape);
  return refusal();
}

const count = (table: string): number => (store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const TABLES = ['borrowers', 'emails', 'phones', 'products', 'loans', 'installments', 'payments', 'contact_attempts', 'promises'];

describe('importTape', () => {
  it('imports a good tape with amounts in minor units and phones in E.164', () => {
    for (const [phone, country] of [['868-620-1234', 'TT'], ['(868) 678-1234', 'TT'], ['212-456-7890', 'US'], ['876-881-2345', 'JM']] as const) {
      expect(isValidPhoneNumber(phone, country)).toBe(true);
    }
    writeTape(dir, goodTape());
    const summary = importTape(store, dir);

    expect(summary).toMatchObject({ borrowers: 3, phones: 4, loans: 3, installments: 4, payments: 2, promises: 1, contacts: 1, emails: 1, productsCreated: 3 });
    const loans = store.sqlite.prepare('SELECT account_number, principal_minor, interest_rate_pct, sub_status, risk_status, product_code FROM loans ORDER BY account_number').all();
    expect(loans).toEqual([
      { account_number: 'L1', principal_minor: 1_000_000, interest_rate_pct: '12.5', sub_status: null, risk_status: null, product_code: 'personal_loan' },
      { account_number: 'L2', principal_minor: 2_500_050, interest_rate_pct: '7', sub_status: null, risk_status: null, product_code: 'auto_loan' },
      { account_number: 'L3', principal_minor: 150_000, interest_rate_pct: '0', sub_status: 'dispute', risk_status: 'BREACH', product_code: 'SME_term' },
    ]);
    expect(store.sqlite.prepare('SELECT seq, principal_due_minor, interest_due_minor, fees_due_minor FROM installments WHERE loan_id = (SELECT id FROM loans WHERE account_number = ?) ORDER BY seq').all('L1')).toEqual([
      { seq: 1, principal_due_minor: 80_000, interest_due_minor: 10_417, fees_due_minor: 0 },
      { seq: 2, principal_due_minor: 80_000, interest_due_minor: 9_583, fees_due_minor: 2_550 },
    ]);
    expect(store.sqlite.prepare('SELECT reference, amount_minor, source FROM payments ORDER BY reference').all()).toEqual([
      { reference: 'PAY-1', amount_minor: 90_417, source: 'tape' },
      { reference: 'PAY-2', amount_minor: 1, source: 'tape' },
    ]);
    expect(store.sqlite.prepare('SELECT e164, label, type, is_primary, sms_consent FROM phones ORDER BY e164').all()).toEqual([
      { e164: '+12124567890', label: 'work', type: 'work', is_primary: 1, sms_consent: 0 },
      { e164: '+18686201234', label: 'mobile', type: 'mobile', is_primary: 1, sms_consent: 1 },
      { e164: '+18686781234', label: 'home', type: 'home', is_primary: 0, sms_consent: 0 },
      { e164: '+18768812345', label: 'mobile', type: 'mobile', is_primary: 0, sms_consent: 1 },
    ]);
    expect(store.sqlite.prepare('SELECT external_id, language, timezone, do_not_contact, vulnerable, hardship FROM borrowers ORDER BY external_id').all()).toEqual([
      { external_id: 'B1', language: 'en', timezone: 'America/Port_of_Spain', do_not_contact: 0, vulnerable: 0, hardship: 0 },
      { external_id: 'B2', language: 'es', timezone: 'America/New_York', do_not_contact: 0, vulnerable: 1, hardship: 0 },
      { external_id: 'B3', language: 'en', timezone: null, do_not_contact: 1, vulnerable: 0, hardship: 1 },
    ]);
    expect(store.sqlite.prepare('SELECT email, label, is_primary, is_active FROM emails').all()).toEqual([{ email: 'asha@example.tt', label: 'home', is_primary: 1, is_active: 1 }]);
    expect(store.sqlite.prepare('SELECT code, kind FROM products ORDER BY code').all()).toEqual([
      { code: 'SME_term', kind: 'small_business' },
      { code: 'auto_loan', kind: 'auto' },
      { code: 'personal_loan', kind: 'personal' },
    ]);
    const contact = store.sqlite.prepare('SELECT c.at, c.source, c.channel, c.outcome, b.external_id FROM contact_attempts c JOIN borrowers b ON b.id = c.borrower_id').get();
    expect(contact).toEqual({ at: '2025-03-16T18:30:00.000Z', source: 'tape', channel: 'voice', outcome: 'conversation', external_id: 'B1' });

    const l2 = (store.sqlite.prepare('SELECT id FROM loans WHERE account_number = ?').get('L2') as { id: string }).id;
    expect(summary.promises).toBe(1);
    // Until the daily run attaches it to its episode's case, an imported promise has none.
    expect(store.sqlite.prepare('SELECT case_id, loan_id, created_on, due_on, amount_minor, status FROM promises').all()).toEqual([
      { case_id: null, loan_id: l2, created_on: '2025-04-05', due_on: '2025-04-12', amount_minor: 50_000, status: 'pending' },
    ]);
    // The search index sees the imported names and phone digits.
    expect(store.sqlite.prepare("SELECT account_number FROM loan_search WHERE loan_search MATCH '6201234'").all()).toEqual([{ account_number: 'L1' }]);
  });

  it('refuses a tape with one bad date, naming installments.csv line 5, and writes nothing', () => {
    const tape = goodTape();
    tape.installments[3] = { ...tape.installments[3], due_on: '2026-02-30' };
    const error = importing(tape);
    expect(error.errors).toEqual(['installments.csv:5: due_on "2026-02-30" is not a real date (YYYY-MM-DD)']);
    expect(error.message).toBe(error.errors.join('\n'));
    for (const table of TABLES) expect(count(table)).toBe(0);
  });

  it('reports every error in every file, in file and line order', () => {
    const tape = goodTape();
    tape.borrowers[1] = { ...tape.borrowers[1], jurisdiction: 'XX', timezone: 'Mars/Olympus', language: 'english' };
    tape.phones[0] = { ...tape.phones[0], phone: '868-555-0123', is_primary: 'yes' };
    tape.loans[2] = { ...tape.loans[2], principal: '0', currency: 'usd', sub_status: 'paused' };
    tape.payments[1] = { ...tape.payments[1], amount: '-5.00' };
    tape.payments.push({ account_number: 'L1', paid_on: '2025-13-01', amount: '1.234', reference: '' });
    tape.contacts = [{ account_number: 'L1', at: '2025-03-16T14:30:00', channel: 'fax', direction: 'outbound', outcome: 'attempt' }];
    expect(importing(tape).errors).toEqual([
      'borrowers.csv:3: jurisdiction "XX" is not a known jurisdiction (TT, JM, BB, GY, US-XX or US-NY-NYC)',
      'borrowers.csv:3: language "english" is not a 2-letter ISO 639-1 language code',
      'borrowers.csv:3: timezone "Mars/Olympus" is not an IANA time zone (e.g. America/Port_of_Spain)',
      'phones.csv:2: phone "868-555-0123" is not a valid phone number (read with default country TT)',
      'phones.csv:2: is_primary "yes" must be true or false',
      'loans.csv:4: currency "usd" is not a 3-letter uppercase currency code (ISO 4217)',
      'loans.csv:4: principal "0" must be greater than 0',
      'loans.csv:4: sub_status "paused" must be blank or one of forbearance, deferment, bankruptcy, dispute',
      'payments.csv:3: amount "-5.00" is not an amount (digits with at most 2 decimals, not negative)',
      'payments.csv:4: reference is required',
      'payments.csv:4: paid_on "2025-13-01" is not a real date (YYYY-MM-DD)',
      'payments.csv:4: amount "1.234" is not an amount (digits with at most 2 decimals, not negative)',
      'contacts.csv:2: at "2025-03-16T14:30:00" is not an ISO date-time with an offset (e.g. 2026-03-01T14:30:00-04:00)',
      'contacts.csv:2: channel "fax" must be one of voice, sms, whatsapp, email',
    ]);
    expect(count('borrowers')).toBe(0);
  });

  it('refuses references to unknown borrowers and accounts', () => {
    const tape = goodTape();
    tape.phones.push({ borrower_id: 'B9', phone: '+18686201234', type: 'mobile', is_primary: false, sms_consent: false });
    tape.payments.push({ account_number: 'NOPE', paid_on: '2025-02-14', amount: '1', reference: 'X' });
    expect(importing(tape).errors).toEqual([
      'phones.csv:6: borrower_id "B9" is not in borrowers.csv or the database',
      'payments.csv:4: account_number "NOPE" is not in loans.csv or the database',
    ]);
  });

  it('names a missing or unknown column and a missing required file', () => {
    writeTape(dir, goodTape());
    const loansCsv = join(dir, 'loans.csv');
    writeFileSync(loansCsv, readFileSync(loansCsv, 'utf8').replace('risk_grade', 'grade'));
    rmSync(join(dir, 'payments.csv'));
    // References to loans.csv are not reported: its rows could not be read, and that is the cause.
    expect(refusal().errors).toEqual([
      'loans.csv:1: unknown column "grade" (expected account_number, borrower_id, product, currency, principal, interest_rate_pct, originated_on, sub_status, risk_grade, risk_status)',
      'loans.csv:1: missing column "risk_grade"',
      `payments.csv: required file is missing from ${dir}`,
    ]);
  });

  it('refuses duplicate keys, naming the first occurrence', () => {
    const tape = goodTape();
    tape.loans.push({ ...tape.loans[0] });
    tape.installments.push({ ...tape.installments[0] });
    tape.payments.push({ ...tape.payments[0], amount: '1.00' });
    tape.phones.push({ ...tape.phones[1], phone: '+1 868 678 1234' });
    tape.phones.push({ borrower_id: 'B2', phone: '212-456-7891', type: 'mobile', is_primary: true, sms_consent: true });
    expect(importing(tape).errors).toEqual([
      'phones.csv:6: duplicate phone "B1" / "+18686781234" (first on line 3)',
      'phones.csv:7: is_primary is true but borrower_id "B2" already has a primary phone (line 4)',
      'loans.csv:5: duplicate account_number "L1" (first on line 2)',
      'installments.csv:6: duplicate installment (account_number / seq) "L1" / "1" (first on line 2)',
      'payments.csv:4: duplicate payment (account_number / reference) "L1" / "PAY-1" (first on line 2)',
    ]);
  });

  it('counts physical lines across blank lines, quoted line breaks and CRLF endings', () => {
    writeTape(dir, goodTape());
    const borrowersCsv = join(dir, 'borrowers.csv');
    const [header, b1, b2, b3] = readFileSync(borrowersCsv, 'utf8').trimEnd().split('\n');
    const multiLine = b1!.replace('Asha', '"Asha\nMarie"');
    writeFileSync(borrowersCsv, [header, '', multiLine, '  ', b2, b3!.replace(',JM,', ',ZZ,')].join('\r\n'));
    expect(refusal().errors).toEqual(['borrowers.csv:7: jurisdiction "ZZ" is not a known jurisdiction (TT, JM, BB, GY, US-XX or US-NY-NYC)']);
  });

  it('is idempotent: importing the same tape twice leaves the same rows', () => {
    writeTape(dir, goodTape());
    const first = importTape(store, dir);
    const snapshot = () => Object.fromEntries(TABLES.map((table) => [table, store.sqlite.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()]));
    const before = snapshot();
    const second = importTape(store, dir);
    expect(snapshot()).toEqual(before);
    expect(second).toEqual({ ...first, productsCreated: 0 });
  });

  it('accepts a later tape that refers to borrowers and loans already in the database', () => {
    writeTape(dir, goodTape());
    importTape(store, dir);
    const later = join(dir, 'later');
    writeTape(later, {
      borrowers: [],
      phones: [{ borrower_id: 'B3', phone: '876-881-2346', type: 'mobile', is_primary: true, sms_consent: true }],
      loans: [],
      installments: [{ account_number: 'L1', seq: 3, due_on: '2025-04-15', principal_due: '800', interest_due: '87.5', fees_due: '0' }],
      payments: [{ account_number: 'L3', paid_on: '2025-08-01', amount: '100', reference: 'PAY-3' }],
      contacts: [{ account_number: 'L3', at: '2025-08-02T09:00:00Z', channel: 'sms', direction: 'inbound', outcome: 'delivered' }],
    });
    expect(importTape(store, later)).toMatchObject({ phones: 1, installments: 1, payments: 1, contacts: 1 });
    expect(count('installments')).toBe(5);
    expect(count('payments')).toBe(3);
    expect(store.sqlite.prepare("SELECT b.external_id FROM contact_attempts c JOIN borrowers b ON b.id = c.borrower_id WHERE c.channel = 'sms'").get()).toEqual({ external_id: 'B3' });
  });
  it('reports its progress: each file read, then checked, then the rows written up to the last', () => {
    writeTape(dir, goodTape());
    const seen: TapeImportProgress[] = [];
    importTape(store, dir, { onProgress: (progress) => seen.push(progress) });
    const files = ['borrowers.csv', 'phones.csv', 'loans.csv', 'installments.csv', 'payments.csv', 'promises.csv', 'contacts.csv'];
    expect(seen.filter((p) => p.step === 'reading')).toEqual(files.map((file, done) => ({ step: 'reading', file, done, total: 7, unit: 'files' })));
    expect(seen.filter((p) => p.step === 'checking').map((p) => p.file)).toEqual(files);
    const writing = seen.filter((p) => p.step === 'writing');
    expect(seen.findIndex((p) => p.step === 'writing')).toBe(14);
    // 3 borrowers, 4 phones, 3 loans, 4 installments, 2 payments, 1 contact, 1 promise.
    expect(writing.every((p) => p.total === 18 && p.unit === 'rows')).toBe(true);
    expect(writing.map((p) => p.done)).toEqual([...writing.map((p) => p.done)].sort((a, b) => a - b));
    expect(writing.at(-1)).toMatchObject({ file: 'promises.csv', done: 18 });
  });

  it('reports no writing for a refused tape', () => {
    writeTape(dir, goodTape());
    writeFileSync(join(dir, 'installments.csv'), readFileSync(join(dir, 'installments.csv'), 'utf8').replace('2025-02-15', '2025-02-30'));
    const steps = new Set<string>();
    expect(() => importTape(store, dir, { onProgress: (progress) => steps.add(progress.step) })).toThrow(TapeError);
    expect([...steps]).toEqual(['reading', 'checking']);
  });
});
