import { describe, expect, it } from 'vitest';
import { jsonEqual, mergeRow, type MergeResult, type RowData, type RowEdit } from './merge-row';

const kase: RowData = { id: 'c1', status: 'open', dpd: 5, assigned_to: 'u1', notes: null };

describe('mergeRow', () => {
  const rows: [string, RowData | null, RowEdit, MergeResult][] = [
    ['a created row onto nothing is the created row', null, { op: 'upsert', base: null, data: kase }, { ok: true, after: kase }],
    ['a created row onto an existing one is refused', kase, { op: 'upsert', base: null, data: kase }, { ok: false, reason: 'it was created here, but already exists in the ledger' }],
    ['an update of a row the ledger lacks is refused', null, { op: 'upsert', base: kase, data: { ...kase, dpd: 6 } }, { ok: false, reason: 'it was changed here, but is not in the ledger' }],
    ['an update lays its changed column over the server row', { ...kase, assigned_to: 'u2' }, { op: 'upsert', base: kase, data: { ...kase, dpd: 6 } }, { ok: true, after: { ...kase, assigned_to: 'u2', dpd: 6 } }],
    ['a column the command did not change keeps the server value, even if the desktop copy is stale', { ...kase, status: 'in_progress' }, { op: 'upsert', base: kase, data: kase }, { ok: true, after: { ...kase, status: 'in_progress' } }],
    ['the command wins a column both changed', { ...kase, dpd: 7 }, { op: 'upsert', base: kase, data: { ...kase, dpd: 6 } }, { ok: true, after: { ...kase, dpd: 6 } }],
    ['a column set to null is a change', kase, { op: 'upsert', base: kase, data: { ...kase, assigned_to: null } }, { ok: true, after: { ...kase, assigned_to: null } }],
    ['a new column is added', kase, { op: 'upsert', base: kase, data: { ...kase, extra: 1 } }, { ok: true, after: { ...kase, extra: 1 } }],
    ['a column the command dropped is dropped', kase, { op: 'upsert', base: kase, data: { id: 'c1', status: 'open', dpd: 5, assigned_to: 'u1' } }, { ok: true, after: { id: 'c1', status: 'open', dpd: 5, assigned_to: 'u1' } }],
    ['a JSON column reordered by jsonb is no change', { ...kase, meta: { b: 2, a: 1 } }, { op: 'upsert', base: { ...kase, meta: { a: 1, b: 2 } }, data: { ...kase, meta: { a: 1, b: 2 } } }, { ok: true, after: { ...kase, meta: { b: 2, a: 1 } } }],
    ['a delete of an absent row leaves nothing', null, { op: 'delete', base: kase }, { ok: true, after: null }],
    ['a delete of a present row removes it', kase, { op: 'delete', base: kase }, { ok: true, after: null }],
  ];
  it.each(rows)('%s', (_name, server, edit, expected) => {
    expect(mergeRow(server, edit)).toEqual(expected);
  });

  it('does not change the server row it was given', () => {
    const server = { ...kase };
    mergeRow(server, { op: 'upsert', base: kase, data: { ...kase, dpd: 9 } });
    expect(server).toEqual(kase);
  });
});

describe('jsonEqual', () => {
  it.each([
    [1, 1, true],
    [1, '1', false],
    [null, null, true],
    [null, undefined, false],
    [{ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }, true],
    [[1, 2], [2, 1], false],
    [{ a: 1 }, { a: 1, b: undefined }, true],
    [{ a: 1 }, { a: 1, b: null }, false],
    [[], {}, false],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(jsonEqual(a, b)).toBe(expected);
  });
});
