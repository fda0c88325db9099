import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, epochDay, isoDate, type IsoDate } from '../../src-shared/dates';
import { assessLoan, type InstallmentDue, type PaymentMade } from '../../src-shared/domain/allocation';
import { bucketFor, severityFor, stageFor } from '../../src-shared/domain/classification';
import { findJurisdiction } from '../../src-shared/domain/jurisdictions';
import { BUCKETS, SEVERITIES, STAGES } from '../../src-shared/domain/vocabulary';
import { stableId } from '../../src-shared/ids';
import { verifyPassword } from '../session/passwords';
import { openStore, type Store } from '../store/open-store';
import { DEMO_PASSWORD, DEMO_USERS, generatePortfolio, type PortfolioSummary } from './generate-portfolio';
import { seedId } from './ids';
import { typeMatches } from './phones';

const AS_OF = isoDate('2026-11-20');
const LOANS = 600;
/** Rows of every table the seed writes, in a total order. */
const DUMPS: Record<string, string> = {
  users: 'id', borrowers: 'id', phones: 'id', text_opt_outs: 'id', emails: 'id', addresses: 'id', identities: 'id', consents: 'id',
  business_details: 'borrower_id', legal_representatives: 'id', payment_instruments: 'id', autopay_plans: 'id',
  products: 'code', loans: 'id', loan_parties: 'id', installments: 'loan_id, seq', payments: 'loan_id, reference', contact_attempts: 'id',
  strategies: 'id', compliance_rules: 'jurisdiction', sla_configs: 'stage', queues: 'id', queue_rules: 'id',
  queue_members: 'queue_id, position', collection_agencies: 'id', dunning_schedules: 'id', dunning_steps: 'id',
  pre_delinquency_rules: 'id', loan_search: 'rowid',
};

let dir: string;
let first: Store;
let again: Store;
let other: Store;
let summary: PortfolioSummary;

function seeded(name: string, seed: number): { store: Store; summary: PortfolioSummary } {
  const store = openStore(join(dir, `${name}.db`));
  return { store, summary: generatePortfolio(store, { loans: LOANS, seed, asOf: AS_OF }) };
}

const dump = (store: Store, table: string): unknown[] => store.sqlite.prepare(`SELECT * FROM ${table} ORDER BY ${DUMPS[table]}`).raw().all();
const all = <T>(store: Store, sql: string): T[] => store.sqlite.prepare(sql).all() as T[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'recourse-seed-'));
  ({ store: first, summary } = seeded('first', 1));
  again = seeded('again', 1).store;
  other = seeded('other', 2).store;
});

afterAll(() => {
  for (const store of [first, again, other]) store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('generatePortfolio', () => {
  it('summarises what it wrote', () => {
    const count = (table: string): number => (first.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(summary).toEqual({
      borrowers: count('borrowers'), loans: LOANS, installments: count('installments'), payments: count('payments'),
      users: DEMO_USERS.length, contacts: count('contact_attempts'),
    });
    expect(summary.borrowers).toBeLessThan(LOANS);
    for (const table of ['cases', 'early_warning_flags', 'dashboard_snapshots', 'bucket_events', 'audit_events']) expect(count(table)).toBe(0);
  });

  it('gives byte-identical rows for the same seed and as-of, and different rows for another seed', () => {
    for (const table of Object.keys(DUMPS)) expect(JSON.stringify(dump(again, table)), table).toBe(JSON.stringify(dump(first, table)));
    for (const table of ['borrowers', 'loans', 'installments', 'payments']) expect(JSON.stringify(dump(other, table))).not.toBe(JSON.stringify(dump(first, table)));
  });

  it('leaves the schema and connection settings as it found them, with every reference intact', () => {
    const fresh = openStore(join(dir, 'fresh.db'));
    const schema = (store: Store): unknown[] => all(store, `SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name`);
    expect(schema(first)).toEqual(schema(fresh));
    for (const pragma of ['foreign_keys', 'journal_mode', 'cache_size']) {
      expect(first.sqlite.pragma(pragma, { simple: true }), pragma).toBe(fresh.sqlite.pragma(pragma, { simple: true }));
    }
    fresh.close();
    expect(first.sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(first.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('refuses a store that already holds a portfolio, and bad options', () => {
    expect(() => generatePortfolio(first, { loans: 1, seed: 1, asOf: AS_OF })).toThrow(/already holds/);
    const fresh = openStore(join(dir, 'options.db'));
    expect(() => generatePortfolio(fresh, { loans: 0, seed: 1, asOf: AS_OF })).toThrow(/loans/);
    expect(() => generatePortfolio(fresh, { loans: 5, seed: 2 ** 32, asOf: AS_OF })).toThrow(/seed/);
    expect(() => generatePortfolio(fresh, { loans: 5, seed: 1, asOf: isoDate('2026-11-20').replace('11', '13') as IsoDate })).toThrow(/as-of/);
    expect((fresh.sqlite.prepare('SELECT count(*) FROM users').pluck().get() as number)).toBe(0);
    fresh.close();
  });

  it('seeds beside another open connection, staying in WAL', () => {
    const path = join(dir, 'shared.db');
    const store = openStore(path);
    const reader = new Database(path, { readonly: true });
    expect(reader.prepare('SELECT count(*) FROM loans').pluck().get()).toBe(0);
    expect(generatePortfolio(store, { loans: 40, seed: 3, asOf: AS_OF }).loans).toBe(40);
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(reader.prepare('SELECT count(*) FROM loans').pluck().get()).toBe(40);
    reader.close();
    store.close();
  });

  it('creates the demo users with the demo password', () => {
    const users = all<{ id: string; email: string; role: string; password_hash: string }>(first, 'SELECT * FROM users ORDER BY email');
    expect(users.map((user) => [user.email, user.role]).sort()).toEqual(DEMO_USERS.map((user) => [user.email, user.role]).sort());
    for (const user of users) {
      expect(user.id).toBe(stableId('user', user.email));
      expect(verifyPassword(DEMO_PASSWORD, user.password_hash)).toBe(true);
    }
  });

  it('spreads borrowers over US states and the Caribbean with their time zones', () => {
    const borrowers = all<{ jurisdiction: string; timezone: string | null; ssn_last_four: string | null }>(first, 'SELECT jurisdiction, timezone, ssn_last_four FROM borrowers');
    const codes = new Set(borrowers.map((borrower) => borrower.jurisdiction));
    for (const code of ['TT', 'JM', 'BB', 'GY', 'US-MA', 'US-NY-NYC', 'US-NY', 'US-CA', 'US-TX']) expect(codes, code).toContain(code);
    const us = borrowers.filter((borrower) => borrower.jurisdiction.startsWith('US-'));
    expect(us.length / borrowers.length).toBeGreaterThan(0.45);
    expect(us.length / borrowers.length).toBeLessThan(0.65);
    for (const borrower of borrowers) {
      if (borrower.timezone !== null) expect(borrower.timezone).toBe(findJurisdiction(borrower.jurisdiction)?.zones[0]);
      expect(borrower.ssn_last_four === null).toBe(!borrower.jurisdiction.startsWith('US-'));
    }
    const unknownZone = borrowers.filter((borrower) => borrower.timezone === null).length;
    expect(unknownZone).toBeGreaterThan(0);
    expect(unknownZone / borrowers.length).toBeLessThan(0.08);
  });

  it('writes only valid E.164 numbers whose recorded type libphonenumber agrees with', () => {
    const phones = all<{ e164: string; type: string; jurisdiction: string }>(first, 'SELECT p.e164, p.type, b.jurisdiction FROM phones p JOIN borrowers b ON b.id = p.borrower_id');
    const others = all<{ e164: string }>(first, 'SELECT phone_e164 AS e164 FROM legal_representatives UNION ALL SELECT phone_e164 FROM collection_agencies');
    expect(phones.length).toBeGreaterThan(summary.borrowers);
    for (const { e164, type, jurisdiction } of phones) {
      const parsed = parsePhoneNumberFromString(e164);
      expect(isValidPhoneNumber(e164), e164).toBe(true);
      expect(parsed?.number, e164).toBe(e164);
      expect(parsed?.country, e164).toBe(findJurisdiction(jurisdiction)?.country);
      expect(typeMatches(type, parsed?.getType()), `${e164} ${type} ${parsed?.getType()}`).toBe(true);
      if (!jurisdiction.startsWith('US-')) expect(parsed?.getType(), e164).toBe(type === 'mobile' ? 'MOBILE' : 'FIXED_LINE');
    }
    for (const { e164 } of others) expect(isValidPhoneNumber(e164), e164).toBe(true);
  });

  it('records each seeded STOP as the borrower’s opt-out of the number, standing, as the phone row marks it', () => {
    const marked = all<{ borrower_id: string; e164: string; opted_out_at: string }>(first, 'SELECT borrower_id, e164, opted_out_at FROM phones WHERE opted_out_at IS NOT NULL ORDER BY borrower_id, e164');
    expect(marked.length).toBeGreaterThan(0);
    expect(all(first, `SELECT borrower_id, e164, opted_out_at FROM text_opt_outs WHERE opt_out_via = 'reply' AND opt_out_word = 'STOP' AND restored_at IS NULL ORDER BY borrower_id, e164`)).toEqual(marked);
  });

  it('amortises every loan over 12–60 monthly installments that repay the principal exactly', () => {
    const wrong = all(first, `
      SELECT l.account_number FROM loans l JOIN installments i ON i.loan_id = l.id GROUP BY l.id
      HAVING sum(i.principal_due_minor) != l.principal_minor OR count(*) NOT BETWEEN 12 AND 60 OR min(i.seq) != 1 OR max(i.seq) != count(*)
        OR min(i.principal_due_minor) < 0 OR min(i.interest_due_minor) < 0 OR max(i.fees_due_minor) != 0`);
    expect(wrong).toEqual([]);
    const loans = all<{ id: string; originated_on: string; currency: string; jurisdiction: string }>(first, 'SELECT l.id, l.originated_on, l.currency, b.jurisdiction FROM loans l JOIN borrowers b ON b.id = l.borrower_id');
    const currency: Record<string, string> = { TT: 'TTD', JM: 'JMD', BB: 'BBD', GY: 'GYD' };
    const due = first.sqlite.prepare('SELECT seq, due_on FROM installments WHERE loan_id = ?');
    for (const loan of loans) {
      expect(loan.currency).toBe(currency[loan.jurisdiction] ?? 'USD');
      expect(loan.originated_on >= addMonths(AS_OF, -37) && loan.originated_on < AS_OF).toBe(true);
      for (const row of due.all(loan.id) as { seq: number; due_on: string }[]) expect(row.due_on).toBe(addMonths(isoDate(loan.originated_on), row.seq));
    }
    expect(new Set(all<{ n: string }>(first, 'SELECT account_number AS n FROM loans').map((row) => row.n)).has('RC-000001')).toBe(true);
  });

  it('reaches every bucket, stage and severity at as-of with about a quarter of the book delinquent', () => {
    const loans = all<{ id: string }>(first, 'SELECT id FROM loans');
    const installmentRows = first.sqlite.prepare('SELECT seq, due_on, principal_due_minor, interest_due_minor, fees_due_minor FROM installments WHERE loan_id = ?');
    const paymentRows = first.sqlite.prepare('SELECT paid_on, amount_minor FROM payments WHERE loan_id = ?');
    type InstallmentRow = { seq: number; due_on: IsoDate; principal_due_minor: number; interest_due_minor: number; fees_due_minor: number };
    const installmentsOf = (loanId: string): InstallmentDue[] =>
      (installmentRows.all(loanId) as InstallmentRow[]).map((row) => ({
        seq: row.seq, dueDay: epochDay(row.due_on), principalMinor: row.principal_due_minor, interestMinor: row.interest_due_minor, feesMinor: row.fees_due_minor,
      }));
    const paymentsOf = (loanId: string): PaymentMade[] =>
      (paymentRows.all(loanId) as { paid_on: IsoDate; amount_minor: number }[]).map((row) => ({ paidDay: epochDay(row.paid_on), amountMinor: row.amount_minor }));
    const buckets = new Set<string>();
    const stages = new Set<string>();
    const severities = new Set<string>();
    let delinquent = 0;
    for (const loan of loans) {
      const paid = paymentsOf(loan.id);
      for (const payment of paid) expect(payment.paidDay <= epochDay(AS_OF) && payment.amountMinor > 0).toBe(true);
      const { dpd } = assessLoan(installmentsOf(loan.id), paid, AS_OF);
      buckets.add(bucketFor(dpd));
      stages.add(String(stageFor(dpd)));
      severities.add(String(severityFor(dpd, false)));
      if (dpd > 0) delinquent += 1;
    }
    expect([...buckets].sort()).toEqual([...BUCKETS].sort());
    for (const stage of STAGES) expect(stages).toContain(stage);
    for (const severity of SEVERITIES) expect(severities).toContain(severity);
    expect(delinquent / loans.length).toBeGreaterThan(0.2);
    expect(delinquent / loans.length).toBeLessThan(0.3);
    const subStatuses = new Set(all<{ s: string }>(first, 'SELECT DISTINCT sub_status AS s FROM loans WHERE sub_status IS NOT NULL').map((row) => row.s));
    expect(subStatuses.size).toBeGreaterThan(1);
    expect(all(first, "SELECT id FROM loans WHERE risk_status = 'BREACH' AND product_code = 'sme_loan'").length).toBeGreaterThan(0);
  });

  it('records recent outbound contact history on delinquent loans only', () => {
    const contacts = all<{ loan_id: string; at: string; direction: string; channel: string; outcome: string }>(first, 'SELECT * FROM contact_attempts');
    expect(contacts.length).toBeGreaterThan(0);
    const channels = new Set(contacts.map((contact) => contact.channel));
    for (const channel of ['voice', 'sms', 'whatsapp', 'email']) expect(channels).toContain(channel);
    const paid = first.sqlite.prepare('SELECT coalesce(sum(amount_minor), 0) AS n FROM payments WHERE loan_id = ?');
    const pastDue = first.sqlite.prepare('SELECT coalesce(sum(principal_due_minor + interest_due_minor), 0) AS n FROM installments WHERE loan_id = ? AND due_on < ?');
    for (const contact of contacts) {
      expect(contact.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
      expect(contact.at.slice(0, 10) >= addDays(AS_OF, -30) && contact.at.slice(0, 10) < AS_OF).toBe(true);
      expect(contact.direction).toBe('outbound');
      expect(contact.channel === 'voice' ? ['attempt', 'voicemail', 'conversation'] : ['delivered']).toContain(contact.outcome);
      const owed = (pastDue.get(contact.loan_id, AS_OF) as { n: number }).n;
      expect((paid.get(contact.loan_id) as { n: number }).n).toBeLessThan(owed);
    }
  });

  it('configures compliance, SLA, queues, dunning and agencies', () => {
    const rules = all<{ jurisdiction: string; preset: string; hours_start: string; hours_end: string; daily_cap: number | null; weekly_cap: number | null; cooling_off_minutes: number | null; counted_channels: string }>(first, 'SELECT * FROM compliance_rules');
    const byCode = new Map(rules.map((rule) => [rule.jurisdiction, rule]));
    for (const code of ['TT', 'JM', 'BB', 'GY']) {
      expect(byCode.get(code)).toMatchObject({ preset: 'caribbean', hours_start: '08:00', hours_end: '20:00', daily_cap: 3, weekly_cap: 10, cooling_off_minutes: 240 });
    }
    expect(byCode.get('US')).toMatchObject({ preset: 'US', hours_start: '08:00', hours_end: '21:00', daily_cap: null, counted_channels: '["voice"]' });
    expect(JSON.parse(byCode.get('US-MA')?.counted_channels ?? '[]')).toEqual(['voice', 'sms', 'whatsapp']);
    expect(JSON.parse(byCode.get('US-NY-NYC')?.counted_channels ?? '[]')).toContain('email');
    expect(all(first, 'SELECT stage, first_contact_hours, follow_up_hours FROM sla_configs ORDER BY first_contact_hours DESC')).toEqual([
      { stage: 'early_1_30', first_contact_hours: 24, follow_up_hours: 72 },
      { stage: 'mid_31_60', first_contact_hours: 12, follow_up_hours: 48 },
      { stage: 'late_61_90', first_contact_hours: 8, follow_up_hours: 24 },
      { stage: 'severe_90_plus', first_contact_hours: 4, follow_up_hours: 24 },
    ]);
    expect(all(first, 'SELECT q.name FROM queues q JOIN queue_rules r ON r.queue_id = q.id JOIN queue_members m ON m.queue_id = q.id GROUP BY q.id').length).toBe(5);
    const steps = all(first, 'SELECT dpd_trigger, channel, template_name, escalate FROM dunning_steps ORDER BY dpd_trigger');
    expect(steps).toEqual([
      { dpd_trigger: 1, channel: 'sms', template_name: 'sms_payment_default', escalate: 0 },
      { dpd_trigger: 4, channel: 'voice', template_name: 'voice_payment_default', escalate: 0 },
      { dpd_trigger: 8, channel: 'email', template_name: 'email_payment_default', escalate: 0 },
      { dpd_trigger: 31, channel: 'letter', template_name: 'letter_escalation', escalate: 1 },
    ]);
    expect(all(first, 'SELECT code FROM products p JOIN dunning_schedules d ON d.id = p.dunning_schedule_id').length).toBe(3);
    expect(all(first, 'SELECT days_before, action FROM pre_delinquency_rules ORDER BY days_before DESC')).toEqual([
      { days_before: 3, action: 'send_message' },
      { days_before: 1, action: 'create_task' },
    ]);
    expect(all(first, 'SELECT id FROM collection_agencies').length).toBe(2);
  });

  it('keeps the loan search index filled', () => {
    const phone = all<{ e164: string; account_number: string }>(first, 'SELECT p.e164, l.account_number FROM phones p JOIN loans l ON l.borrower_id = p.borrower_id LIMIT 1')[0];
    const hits = all<{ account_number: string }>(first, `SELECT account_number FROM loan_search WHERE phones MATCH '"${phone?.e164.slice(-7)}"'`);
    expect(hits.map((hit) => hit.account_number)).toContain(phone?.account_number);
  });
});

describe('seed helpers', () => {
  it('computes exactly the ids stableId computes', () => {
    for (const parts of [['installment', 'RC-000001', 1], ['payment', 'RC-123456', 'RC-123456-P012'], ['borrower', 'BR-000001']] as const) {
      const [kind, ...rest] = parts;
      expect(seedId(kind, ...rest)).toBe(stableId(kind, ...rest));
    }
  });

});
