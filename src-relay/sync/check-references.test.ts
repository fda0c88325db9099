import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRelayDatabase } from '../db/open-database';
import type { RelayDatabase } from '../db/relay-database';
import { seedRows } from '../test-support/ledger-fixtures';
import { caseFamily, replicaRow } from '../../tests-support/replica-rows';
import { BACKENDS, type ScratchDatabase } from '../test-support/scratch-databases';
import { referenceProblem, rowsProblem } from './check-references';

type Data = Record<string, unknown>;

const FAMILY = caseFamily('refs');
const activity = (id: string, data: Data = {}) => ({
  tbl: 'activities',
  id,
  data: replicaRow('activities', { id, case_id: FAMILY.ids.kase, loan_id: FAMILY.ids.loan, type: 'NOTE', at: '2026-11-20T10:00:00.000Z', ...data }),
});
const installment = replicaRow('installments', { loan_id: FAMILY.ids.loan, seq: 1, due_on: '2026-12-01' });
const feeRecord = (seq: number) => ({ tbl: 'fee_records', id: `fee-${seq}`, data: replicaRow('fee_records', { id: `fee-${seq}`, loan_id: FAMILY.ids.loan, installment_seq: seq, amount_minor: 500, assessed_on: '2026-12-05' }) });

describe.each(BACKENDS)('references of rows about to enter the ledger, on $name', ({ scratch }) => {
  let database: ScratchDatabase;
  let ledger: RelayDatabase;
  const check = (writes: Parameters<typeof referenceProblem>[1]) => ledger.db.transaction((tx) => referenceProblem(tx, writes));

  beforeAll(async () => {
    database = await scratch();
    ledger = await openRelayDatabase(database.target);
    await seedRows(ledger.db, [
      ...FAMILY.rows.map((row) => ({ ...row, partition: 'TT' })),
      { tbl: 'installments', id: `${FAMILY.ids.loan}:1`, partition: 'TT', data: installment },
      { tbl: 'users', id: 'u-gone', partition: '*', data: { id: 'u-gone' }, deleted: true },
    ]);
  });
  afterAll(async () => {
    await ledger?.close();
    await database?.drop();
  });

  it.each<[string, () => Parameters<typeof referenceProblem>[1], string | null]>([
    ['parents the ledger holds', () => [activity('a-1')], null],
    ['a parent written by the same change, in any order', () => [activity('a-2', { case_id: 'c-new' }), { tbl: 'cases', id: 'c-new', data: { ...FAMILY.kase, id: 'c-new' } }], null],
    ['a foreign key left null', () => [activity('a-3', { performed_by: null })], null],
    ['a parent nobody has', () => [activity('a-4', { case_id: 'c-missing' })], 'activities a-4: column case_id names cases c-missing, which is not in the ledger'],
    ['a parent the ledger deleted', () => [activity('a-5', { performed_by: 'u-gone' })], 'activities a-5: column performed_by names users u-gone, which is not in the ledger'],
    ['the first write naming a missing parent', () => [activity('a-6'), activity('a-7', { loan_id: 'l-x' }), activity('a-8', { case_id: 'c-x' })], 'activities a-7: column loan_id names loans l-x, which is not in the ledger'],
    ['a composite key the ledger holds', () => [feeRecord(1)], null],
    ['a composite key nobody has', () => [feeRecord(2)], `fee_records fee-2: columns loan_id, installment_seq name installments ${FAMILY.ids.loan}:2, which is not in the ledger`],
    ['deleting a row other rows may name', () => [{ tbl: 'cases', id: FAMILY.ids.kase, data: FAMILY.kase, deleted: true }], `cases ${FAMILY.ids.kase}: activities, case_assignments, contact_overrides, letters, messages, promises, recovery_actions, settlement_offers, tasks rows name cases rows, so one is never deleted`],
    ['deleting a queue membership, which nothing names', () => [{ tbl: 'queue_members', id: 'q-1:u-1', data: { queue_id: 'q-1', user_id: 'u-1', position: 1 }, deleted: true }], null],
  ])('%s', async (_case, writes, expected) => {
    expect(await check(writes())).toBe(expected);
  });

  it('refuses a bootstrap page for a row that would break a replica before looking up references', async () => {
    const { loan_id: _loan, ...withoutLoan } = activity('a-9').data;
    expect(await ledger.db.transaction((tx) => rowsProblem(tx, [{ tbl: 'activities', id: 'a-9', data: withoutLoan }]))).toBe('activities a-9: column loan_id is required (NOT NULL) but absent');
    expect(await ledger.db.transaction((tx) => rowsProblem(tx, [activity('a-10')]))).toBeNull();
  });
});
