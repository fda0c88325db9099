import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTape } from '../../tests-support/tape-builder';
import { tempStore } from '../../tests-support/temp-store';
import { isoDate } from '../../src-shared/dates';
import { describeCase } from '../cli/describe-case';
import { importTape } from '../tape/import-tape';
import { writeTape } from '../tape/write-tape';
import { runDaily } from './daily-run';

// Installments fall due on the 1st of each month from 2026-02-01; each is 1,060.00 (+ fees when set).
let temp: ReturnType<typeof tempStore>;
beforeAll(() => {
  temp = tempStore();
  writeTape(join(temp.dir, 'tape'), buildTape([
    { account: 'NEVER' },
    { account: 'FEES', feesDue: '25.00', payments: [{ paidOn: '2026-02-01', amount: '85.00' }] },
    { account: 'LATE-PAY', payments: [{ paidOn: '2026-03-10', amount: '1060.00' }] },
    { account: 'PREPAID', payments: [{ paidOn: '2026-01-15', amount: '3180.00' }] },
    { account: 'PARTIAL', payments: [{ paidOn: '2026-02-01', amount: '500.00' }, { paidOn: '2026-03-01', amount: '500.00' }, { paidOn: '2026-04-01', amount: '500.00' }] },
    { account: 'BREACH', riskStatus: 'BREACH', payments: [{ paidOn: '2026-01-20', amount: '6360.00' }] },
    { account: 'PROMISED', promises: [{ createdOn: '2026-02-05', dueOn: '2026-02-10', amount: '1060.00' }], payments: [{ paidOn: '2026-02-09', amount: '1060.00' }] },
    { account: 'BROKEN', promises: [{ createdOn: '2026-02-05', dueOn: '2026-02-10', amount: '1060.00' }] },
    { account: 'DNC', doNotContact: true },
  ]));
  importTape(temp.store, join(temp.dir, 'tape'));
});
afterAll(() => temp.cleanup());

const on = (asOf: string) => runDaily(temp.store, isoDate(asOf));
const view = (account: string) => describeCase(temp.store, account);

describe('the daily run on a tape, date by date', () => {
  it('keeps a never-paying loan moving through DPD, bucket, stage, severity and next-best action', () => {
    const expected = [
      ['2026-02-01', 0, 'current', null, null, null],
      ['2026-02-02', 1, 'dpd_1_29', 'early_1_30', 'low', 'send_whatsapp_reminder'],
      ['2026-02-08', 7, 'dpd_1_29', 'early_1_30', 'low', 'send_whatsapp_reminder'],
      ['2026-02-09', 8, 'dpd_1_29', 'early_1_30', 'medium', 'call_now'],
      ['2026-03-04', 31, 'dpd_30_59', 'mid_31_60', 'high', 'call_now'],
      ['2026-04-03', 61, 'dpd_60_89', 'late_61_90', 'critical', 'send_demand_letter'],
      ['2026-05-03', 91, 'dpd_90_119', 'severe_90_plus', 'critical', 'escalate_legal'],
    ] as const;
    for (const [asOf, dpd, bucket, stage, severity, action] of expected) {
      on(asOf);
      const c = view('NEVER');
      expect([asOf, c.dpd, c.bucket, c.stage, c.severity, c.nba?.action ?? null]).toEqual([asOf, dpd, bucket, stage, severity, action]);
    }
    expect(view('NEVER').flags.map((f) => [f.type, f.severity])).toEqual([['HIGH_DPD', 'CRITICAL']]);
    // Four installments (February to May 1st) are past due on May 3rd.
    expect(view('NEVER').amount_past_due).toBe(4 * 106_000);
  });

  it('pays fees before interest and principal', () => {
    const c = describeCase(temp.store, 'FEES', isoDate('2026-02-02'));
    expect([c.dpd, c.amount_past_due]).toEqual([1, 108_500 - 8_500]);
  });

  it('ignores payments dated after the as-of date', () => {
    expect(describeCase(temp.store, 'LATE-PAY', isoDate('2026-03-09')).dpd).toBe(36);
    expect(describeCase(temp.store, 'LATE-PAY', isoDate('2026-03-10')).dpd).toBe(9);
  });

  it('lets a prepayment carry later installments without any arrears', () => {
    const c = describeCase(temp.store, 'PREPAID', isoDate('2026-04-15'));
    expect([c.dpd, c.balance]).toEqual([0, 3 * 106_000]);
    expect(describeCase(temp.store, 'PREPAID', isoDate('2026-05-15')).dpd).toBe(14);
  });

  it('flags a chronic partial payer', () => {
    const c = describeCase(temp.store, 'PARTIAL', isoDate('2026-04-15'));
    expect(c.flags.find((f) => f.type === 'REPEATED_PARTIAL_PAYMENTS')).toMatchObject({ severity: 'MEDIUM', details: { total_partial_payments: 3 } });
    // 500 of 1,060 in each of the three periods: an average ratio of 0.4717, below 0.50.
    expect(c.flags.find((f) => f.type === 'REDUCED_CASHFLOWS')).toMatchObject({ severity: 'HIGH', details: { trend: 'STABLE', avg_payment_ratio: 0.4717 } });
  });

  it('opens a covenant-breach default at DPD 0 with high severity and no next-best action', () => {
    const row = temp.store.sqlite.prepare(`SELECT default_type, severity, nba_action, c.status FROM cases c JOIN loans l ON l.id = c.loan_id WHERE l.account_number = 'BREACH'`).get();
    expect(row).toEqual({ default_type: 'covenant_breach', severity: 'high', nba_action: null, status: 'open' });
  });

  it('judges promises and counts broken ones toward escalation', () => {
    expect(view('PROMISED').promises).toEqual([{ due_on: '2026-02-10', amount: 106_000, status: 'kept' }]);
    expect(view('BROKEN').promises).toEqual([{ due_on: '2026-02-10', amount: 106_000, status: 'broken' }]);
  });

  it('holds a do-not-contact borrower', () => {
    expect(view('DNC').nba).toEqual({ action: 'hold_do_not_contact', confidence: 1 });
  });

  it('offers settlement options from the balance and DPD', () => {
    const c = view('NEVER');
    expect(c.dpd).toBe(91);
    expect(c.settlement_options.map((o) => [o.type, o.amount, o.discount_pct, o.installments, o.requires_approval])).toEqual([
      ['full_payment', 636_000, 0, 1, false],
      ['partial_settlement', 508_800, 20, 1, true],
      ['short_plan_3', 636_000, 0, 3, false],
      ['short_plan_6', 636_000, 0, 6, false],
      ['long_plan_12', 636_000, 0, 12, true],
    ]);
  });
});
