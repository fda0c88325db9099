import { describe, expect, it } from 'vitest';
import { isoDate } from '../../src-shared/dates';
import type { LedgerData } from '../db/schema';
import { deriveEvents } from './derive-events';

const AS_OF = isoDate('2026-11-21');

const kase = (changes: LedgerData = {}): LedgerData => ({
  id: 'c1', loan_id: 'l1', account_number: 'ACC-1', borrower_name: 'Ana Rivera', currency: 'USD', status: 'open', close_reason: null, stage: 'early_1_30',
  bucket: 'dpd_1_29', dpd: 27, amount_past_due_minor: 123450, balance_minor: 900000, opened_on: '2026-10-25', closed_on: null, ...changes,
});
const promise = (changes: LedgerData = {}): LedgerData => ({
  id: 'p1', case_id: 'c1', loan_id: 'l1', created_on: '2026-11-01', due_on: '2026-11-15', amount_minor: 50000, grace_days: 3, status: 'pending', status_changed_on: null, ...changes,
});
const offer = (changes: LedgerData = {}): LedgerData => ({
  id: 's1', case_id: 'c1', type: 'partial_settlement', status: 'offered', balance_minor: 900000, amount_minor: 600000, discount_pct: 33, installments: 1,
  requires_approval: 1, history: JSON.stringify([{ status: 'draft', by: 'u1', at: '2026-11-18T10:00:00.000Z' }]), expires_on: '2026-12-01', ...changes,
});
const attempt = (changes: LedgerData = {}): LedgerData => ({
  id: 'ca1', borrower_id: 'b1', loan_id: 'l1', channel: 'sms', direction: 'outbound', outcome: 'attempt', at: '2026-11-21T15:00:00.000Z', source: 'activity',
  blocked: 1, blocked_reasons: '["do_not_contact","outside_hours"]', ...changes,
});

const types = (tbl: string, before: LedgerData | null, after: LedgerData | null) => deriveEvents(tbl, before, after, AS_OF).map((event) => event.type);

describe('deriveEvents: cases', () => {
  it.each([
    ['a new open case', null, kase(), ['case.opened']],
    ['a new case already closed (a bootstrap of history)', null, kase({ status: 'closed', close_reason: 'paid' }), []],
    ['the bucket moving up', kase(), kase({ bucket: 'dpd_30_59', dpd: 31 }), ['delinquency.changed']],
    ['dpd and amounts moving within the bucket', kase(), kase({ dpd: 28, amount_past_due_minor: 130000 }), []],
    ['a cure: closed, back to current', kase(), kase({ status: 'closed', close_reason: 'cured', bucket: 'current', dpd: 0, closed_on: '2026-11-21' }), ['delinquency.changed', 'case.closed']],
    ['settled', kase({ status: 'legal' }), kase({ status: 'settled', close_reason: 'settled' }), ['case.closed']],
    ['written off', kase(), kase({ status: 'written_off', close_reason: 'written_off' }), ['case.closed']],
    ['a closed case written again', kase({ status: 'closed' }), kase({ status: 'closed', balance_minor: 0 }), []],
    ['on hold', kase(), kase({ status: 'on_hold' }), []],
    ['a deletion', kase(), null, []],
  ])('%s', (_, before, after, expected) => {
    expect(types('cases', before, after)).toEqual(expected);
  });

  it('says what a lender needs about a bucket change, and nothing about the borrower', () => {
    const [event] = deriveEvents('cases', kase(), kase({ bucket: 'dpd_30_59', dpd: 31, amount_past_due_minor: 150000 }), AS_OF);
    expect(event).toEqual({
      type: 'delinquency.changed',
      data: { caseId: 'c1', loanId: 'l1', accountNumber: 'ACC-1', currency: 'USD', previousBucket: 'dpd_1_29', bucket: 'dpd_30_59', dpd: 31, amountPastDueMinor: 150000, balanceMinor: 900000, asOf: '2026-11-21' },
    });
    expect(JSON.stringify(event)).not.toContain('Rivera');
  });

  it('describes an opening and a closing', () => {
    expect(deriveEvents('cases', null, kase(), AS_OF)[0]?.data).toEqual({
      caseId: 'c1', loanId: 'l1', accountNumber: 'ACC-1', currency: 'USD', status: 'open', bucket: 'dpd_1_29', stage: 'early_1_30', dpd: 27, amountPastDueMinor: 123450, balanceMinor: 900000, openedOn: '2026-10-25',
    });
    const closed = deriveEvents('cases', kase(), kase({ status: 'closed', close_reason: 'cured', bucket: 'current', closed_on: '2026-11-21', balance_minor: 0 }), AS_OF);
    expect(closed[1]?.data).toEqual({ caseId: 'c1', loanId: 'l1', accountNumber: 'ACC-1', currency: 'USD', previousStatus: 'open', status: 'closed', closeReason: 'cured', closedOn: '2026-11-21', balanceMinor: 0 });
  });

  it('reads a malformed field as null instead of failing the write', () => {
    expect(deriveEvents('cases', kase(), kase({ bucket: 'dpd_30_59', dpd: 'thirty-one', loan_id: undefined }), AS_OF)[0]?.data).toMatchObject({ dpd: null, loanId: null, bucket: 'dpd_30_59' });
  });
});

describe('deriveEvents: promises', () => {
  it.each([
    ['kept', promise(), promise({ status: 'kept', status_changed_on: '2026-11-15' }), ['promise.kept']],
    ['broken', promise(), promise({ status: 'broken', status_changed_on: '2026-11-19' }), ['promise.broken']],
    ['partially kept', promise(), promise({ status: 'partially_kept' }), []],
    ['cancelled', promise(), promise({ status: 'cancelled' }), []],
    ['a new promise', null, promise(), []],
    ['a new promise already kept (a bootstrap of history)', null, promise({ status: 'kept' }), []],
    ['a kept promise written again', promise({ status: 'kept' }), promise({ status: 'kept', case_id: 'c2' }), []],
  ])('%s', (_, before, after, expected) => {
    expect(types('promises', before, after)).toEqual(expected);
  });

  it('describes the outcome', () => {
    expect(deriveEvents('promises', promise(), promise({ status: 'broken', status_changed_on: '2026-11-19' }), AS_OF)[0]?.data).toEqual({
      promiseId: 'p1', caseId: 'c1', loanId: 'l1', previousStatus: 'pending', status: 'broken', amountMinor: 50000, dueOn: '2026-11-15', statusChangedOn: '2026-11-19',
    });
  });
});

describe('deriveEvents: settlement offers', () => {
  const accepted = offer({
    status: 'accepted',
    history: JSON.stringify([{ status: 'offered', by: 'u1', at: '2026-11-19T10:00:00.000Z' }, { status: 'accepted', by: 'u1', at: '2026-11-20T16:30:00.000Z', note: 'borrower agreed by phone' }]),
  });
  it.each([
    ['accepted', offer(), accepted, ['settlement.accepted']],
    ['declined', offer(), offer({ status: 'declined' }), []],
    ['approved', offer({ status: 'pending_approval' }), offer({ status: 'approved' }), []],
    ['an accepted offer written again', accepted, { ...accepted, expires_on: null }, []],
    ['a new offer already accepted', null, accepted, []],
  ])('%s', (_, before, after, expected) => {
    expect(types('settlement_offers', before, after)).toEqual(expected);
  });

  it('describes the terms and when they were accepted, without the history’s notes', () => {
    const [event] = deriveEvents('settlement_offers', offer(), accepted, AS_OF);
    expect(event?.data).toEqual({
      settlementOfferId: 's1', caseId: 'c1', offerType: 'partial_settlement', amountMinor: 600000, balanceMinor: 900000, discountPct: 33, installments: 1, expiresOn: '2026-12-01', acceptedAt: '2026-11-20T16:30:00.000Z',
    });
    expect(JSON.stringify(event)).not.toContain('phone');
  });

  it('reads a history pushed as an array too', () => {
    expect(deriveEvents('settlement_offers', offer(), offer({ status: 'accepted', history: [{ status: 'accepted', by: 'u1', at: '2026-11-20T09:00:00.000Z' }] }), AS_OF)[0]?.data.acceptedAt).toBe('2026-11-20T09:00:00.000Z');
  });
});

describe('deriveEvents: contact attempts', () => {
  it.each([
    ['a new blocked attempt', null, attempt(), ['contact.blocked']],
    ['a new blocked attempt pushed with a boolean', null, attempt({ blocked: true }), ['contact.blocked']],
    ['a new attempt that went out', null, attempt({ blocked: 0, blocked_reasons: null }), []],
    ['a blocked attempt written again', attempt(), attempt({ outcome: 'failed' }), []],
  ])('%s', (_, before, after, expected) => {
    expect(types('contact_attempts', before, after)).toEqual(expected);
  });

  it('carries the reasons, parsed from the JSON column', () => {
    expect(deriveEvents('contact_attempts', null, attempt(), AS_OF)[0]?.data).toEqual({
      contactAttemptId: 'ca1', borrowerId: 'b1', loanId: 'l1', channel: 'sms', direction: 'outbound', source: 'activity', at: '2026-11-21T15:00:00.000Z', reasons: ['do_not_contact', 'outside_hours'],
    });
    expect(deriveEvents('contact_attempts', null, attempt({ blocked_reasons: 'not json' }), AS_OF)[0]?.data.reasons).toEqual([]);
  });
});

describe('deriveEvents: other tables', () => {
  it.each(['messages', 'activities', 'loans', 'users'])('%s mean nothing', (tbl) => {
    expect(types(tbl, null, { id: 'x', status: 'accepted', blocked: 1, bucket: 'dpd_30_59' })).toEqual([]);
    expect(types(tbl, { id: 'x', bucket: 'current' }, { id: 'x', bucket: 'dpd_30_59', status: 'closed' })).toEqual([]);
  });
});
