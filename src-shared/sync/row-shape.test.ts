import { describe, expect, it } from 'vitest';
import { REPLICA_TABLES } from './replica-schema';
import { foreignKeysOf, keyOf, replicaTable, rowShapeProblem } from './row-shape';

type Data = Record<string, unknown>;

/** Rows as a desktop's `SELECT *` gives them: every column, booleans as 0/1, JSON columns as text. */
const activity: Data = {
  id: 'act-1', case_id: 'case-1', loan_id: 'loan-1', type: 'CALL', direction: 'outbound', contact_method: 'phone', outcome: 'PTP', notes: null,
  next_action_on: null, produced_promise: 1, performed_by: 'u-agent', at: '2026-11-20T10:00:00.000Z',
};
const borrower: Data = {
  id: 'b-1', external_id: 'EXT-1', first_name: 'Ana', last_name: 'Rivera', date_of_birth: null, ssn_last_four: null, ssn_encrypted: null, employer: null,
  annual_income_minor: 4_200_000, annual_income_currency: 'TTD', language: 'en', communication_preferences: '{"channel":"sms"}', timezone: 'America/Port_of_Spain',
  jurisdiction: 'TT', do_not_contact: 1, vulnerable: 0, hardship: 0, portal_user_id: null, metadata: '{}', created_at: '2026-11-01T00:00:00.000Z',
};
const kase: Data = {
  id: 'case-1', loan_id: 'loan-1', episode_started_on: '2026-10-01', account_number: 'ACC-1', borrower_name: 'Ana Rivera', currency: 'TTD', status: 'open', active: 1,
  close_reason: null, default_type: 'payment_default', severity: 'medium', stage: 'mid_31_60', bucket: 'dpd_30_59', dpd: 35, amount_past_due_minor: 120_000,
  balance_minor: 900_000, priority: 'HIGH', priority_score: 71.25, priority_manual: 0, reason_code: 'PAST_DUE', dispute_flag: 0, vulnerability_flag: 0, hardship_flag: 0,
  assigned_agent_id: 'u-agent', queue_id: null, nba_action: 'call_now', nba_confidence: 0.8, nba_override_action: null, nba_override_reason: null, nba_override_by: null,
  first_contact_due_at: null, next_follow_up_due_at: null, sla_breached: 0, opened_on: '2026-10-01', closed_on: null, created_by: 'engine',
};
const installment: Data = { loan_id: 'loan-1', seq: 3, due_on: '2026-12-01', principal_due_minor: 50_000, interest_due_minor: 4_000, fees_due_minor: 0 };
const offer: Data = {
  id: 'so-1', case_id: 'case-1', type: 'partial_settlement', status: 'draft', balance_minor: 900_000, amount_minor: 600_000, discount_pct: 33, installments: 1, requires_approval: 1,
  history: '[{"status":"draft","by":"u-agent","at":"2026-11-20T10:00:00.000Z"}]', expires_on: null,
};

const without = (data: Data, column: string): Data => Object.fromEntries(Object.entries(data).filter(([name]) => name !== column));

describe('rowShapeProblem: whether a row image fits the replica schema', () => {
  it.each<[string, string, string, Data, string | null]>([
    ['a complete activity', 'activities', 'act-1', activity, null],
    ['a borrower with JSON text and 0/1 flags', 'borrowers', 'b-1', borrower, null],
    ['a case carrying its generated column', 'cases', 'case-1', kase, null],
    ['an offer whose history is JSON text', 'settlement_offers', 'so-1', offer, null],
    ['an offer whose history arrived as an array', 'settlement_offers', 'so-1', { ...offer, history: [{ status: 'draft' }] }, null],
    ['a composite key joined by a colon', 'installments', 'loan-1:3', installment, null],
    ['flags as true/false after a trip through JSON elsewhere', 'borrowers', 'b-1', { ...borrower, do_not_contact: true, vulnerable: false }, null],
    ['a real holding a whole number', 'cases', 'case-1', { ...kase, priority_score: 71 }, null],
    ['a defaulted NOT NULL column left out', 'activities', 'act-1', without(activity, 'produced_promise'), null],
    ['a nullable column left out', 'activities', 'act-1', without(activity, 'notes'), null],

    ['a table desktops do not sync', 'outbox', 'o-1', { id: 'o-1' }, 'outbox o-1: outbox is not a table desktops sync'],
    ['an unknown table', 'constructor', 'x', { id: 'x' }, 'constructor x: constructor is not a table desktops sync'],
    ['an id naming another row than its data', 'borrowers', 'b-forged', borrower, "borrowers b-forged: the change's id must be the row's key, but its data names b-1"],
    ['a composite id out of order', 'installments', '3:loan-1', installment, "installments 3:loan-1: the change's id must be the row's key, but its data names loan-1:3"],
    ['a NOT NULL column absent', 'activities', 'act-1', without(activity, 'loan_id'), 'activities act-1: column loan_id is required (NOT NULL) but absent'],
    ['a key column absent', 'activities', 'act-1', without(activity, 'id'), 'activities act-1: column id is required (NOT NULL) but absent'],
    ['a NOT NULL column null', 'activities', 'act-1', { ...activity, case_id: null }, 'activities act-1: column case_id is NOT NULL but null'],
    ['a defaulted NOT NULL column null', 'activities', 'act-1', { ...activity, produced_promise: null }, 'activities act-1: column produced_promise is NOT NULL but null'],
    ['an unknown column', 'activities', 'act-1', { ...activity, is_admin: 1 }, 'activities act-1: is_admin is not a column of activities'],
    ['a number in a text column', 'activities', 'act-1', { ...activity, notes: 42 }, 'activities act-1: column notes must be text, not 42'],
    ['an object in a text column', 'activities', 'act-1', { ...activity, notes: { html: '<b>' } }, 'activities act-1: column notes must be text, not an object'],
    ['a fraction in an integer column', 'cases', 'case-1', { ...kase, dpd: 3.5 }, 'cases case-1: column dpd must be a whole number, not 3.5'],
    ['a string in an integer column', 'cases', 'case-1', { ...kase, dpd: '35' }, 'cases case-1: column dpd must be a whole number, not "35"'],
    ['an unsafe integer', 'cases', 'case-1', { ...kase, balance_minor: 2 ** 60 }, `cases case-1: column balance_minor must be a whole number, not ${2 ** 60}`],
    ['a boolean that is neither 0 nor 1', 'borrowers', 'b-1', { ...borrower, do_not_contact: 2 }, 'borrowers b-1: column do_not_contact must be 0, 1, true or false, not 2'],
    ['a boolean as text', 'borrowers', 'b-1', { ...borrower, do_not_contact: 'yes' }, 'borrowers b-1: column do_not_contact must be 0, 1, true or false, not "yes"'],
    ['true in a plain integer column', 'cases', 'case-1', { ...kase, dpd: true }, 'cases case-1: column dpd must be a whole number, not true'],
    ['an infinite real', 'cases', 'case-1', { ...kase, priority_score: Infinity }, 'cases case-1: column priority_score must be a finite number, not Infinity'],
    ['a real as text', 'cases', 'case-1', { ...kase, nba_confidence: '0.8' }, 'cases case-1: column nba_confidence must be a finite number, not "0.8"'],
    ['JSON text that does not parse', 'borrowers', 'b-1', { ...borrower, metadata: '{oops' }, 'borrowers b-1: column metadata must be JSON text, and "{oops" does not parse'],
    ['a number in a JSON column', 'borrowers', 'b-1', { ...borrower, metadata: 7 }, 'borrowers b-1: column metadata must be JSON text, an object or an array, not 7'],
    ['a value outside the enum', 'activities', 'act-1', { ...activity, type: 'TELEPATHY' }, 'activities act-1: column type is "TELEPATHY", not one of CALL, SMS, EMAIL, VISIT, FIELD_VISIT, LEGAL_NOTICE, NOTE, LETTER, SKIP_TRACE, AGENCY_REFERRAL, WHATSAPP, OTHER'],
    ['a status outside its enum', 'cases', 'case-1', { ...kase, status: 'deleted' }, 'cases case-1: column status is "deleted", not one of open, in_progress, on_hold, legal, settled, closed, written_off'],
  ])('%s', (_case, tbl, id, data, expected) => {
    expect(rowShapeProblem(tbl, id, data)).toBe(expected);
  });

  it('lets a desktop leave out the columns of a newer build instead of refusing the row', () => {
    expect(rowShapeProblem('activities', 'act-1', { ...activity, sentiment: 'calm' }, { unknownColumns: 'ignore' })).toBeNull();
    expect(rowShapeProblem('activities', 'act-1', { ...without(activity, 'at'), sentiment: 'calm' }, { unknownColumns: 'ignore' })).toBe('activities act-1: column at is required (NOT NULL) but absent');
  });
});

describe('the replica schema helpers', () => {
  it('names each row by its key columns as the desktop does', () => {
    expect(keyOf(replicaTable('queue_members')!, { queue_id: 'q-1', user_id: 'u-1', position: 2 })).toBe('q-1:u-1');
    expect(keyOf(replicaTable('borrowers')!, borrower)).toBe('b-1');
  });

  it('lists every foreign key, single and composite, with the parent table', () => {
    expect(foreignKeysOf(replicaTable('fee_records')!)).toEqual([
      { columns: ['loan_id'], table: 'loans' },
      { columns: ['loan_id', 'installment_seq'], table: 'installments' },
    ]);
    expect(foreignKeysOf(replicaTable('activities')!).map((reference) => reference.table)).toEqual(['cases', 'loans', 'users']);
  });

  it('knows every table a reference names', () => {
    const names = new Set(REPLICA_TABLES.map((table) => table.name));
    for (const table of REPLICA_TABLES) for (const reference of foreignKeysOf(table)) expect(names.has(reference.table)).toBe(true);
  });
});
