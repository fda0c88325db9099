import { describe, expect, it } from 'vitest';
import { EVERYONE, mayReach, ownerOf, regionOfJurisdiction } from './partitions';

describe('partitions', () => {
  it('puts every US state and New York City in one US region, and each Caribbean country in its own', () => {
    expect(['US-MA', 'US-NY-NYC', 'US', 'TT', 'jm'].map(regionOfJurisdiction)).toEqual(['US', 'US', 'US', 'TT', 'JM']);
  });

  it('finds a row owner by its most direct link', () => {
    expect(ownerOf('borrowers', { id: 'b1', jurisdiction: 'US-MA' })).toEqual({ region: 'US' });
    // A guarantor may live abroad: the party row is the loan's.
    expect(ownerOf('loan_parties', { loan_id: 'l1', borrower_id: 'b2' })).toEqual({ tbl: 'loans', id: 'l1' });
    expect(ownerOf('installments', { loan_id: 'l1', seq: 1 })).toEqual({ tbl: 'loans', id: 'l1' });
    expect(ownerOf('activities', { case_id: 'c1' })).toEqual({ tbl: 'cases', id: 'c1' });
    expect(ownerOf('users', { id: 'u1', role: 'agent' })).toBeNull();
    expect(ownerOf('tasks', { case_id: null, loan_id: 'l9' })).toEqual({ tbl: 'loans', id: 'l9' });
  });

  it('lets a regional device reach its regions and everyone’s rows only; an all-regions device reaches all', () => {
    expect(mayReach(['TT'], 'TT')).toBe(true);
    expect(mayReach(['TT'], EVERYONE)).toBe(true);
    expect(mayReach(['TT'], 'JM')).toBe(false);
    expect(mayReach([EVERYONE], 'JM')).toBe(true);
  });
});
