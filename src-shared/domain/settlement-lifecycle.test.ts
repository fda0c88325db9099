import { describe, expect, it } from 'vitest';
import { isoDate } from '../dates';
import { acceptedOfferSchedule, manualOfferRequiresApproval, nextSettlementStatus, SETTLEMENT_ACTIONS, type SettlementAction } from './settlement-lifecycle';
import { SETTLEMENT_STATUSES, type SettlementStatus } from './vocabulary';

type Expected = SettlementStatus | null;
const row = (submit: Expected, approve: Expected, reject: Expected, offer: Expected, accept: Expected, decline: Expected, expire: Expected) => ({ submit, approve, reject, offer, accept, decline, expire });

// Every (status, action) pair; null means refused. The two tables differ only in draft → offered.
const NEEDS_APPROVAL: Record<SettlementStatus, Record<SettlementAction, Expected>> = {
  draft: row('pending_approval', null, null, null, null, null, null),
  pending_approval: row(null, 'approved', 'rejected', null, null, null, null),
  approved: row(null, null, null, 'offered', null, null, null),
  rejected: row(null, null, null, null, null, null, null),
  offered: row(null, null, null, null, 'accepted', 'declined', 'expired'),
  accepted: row(null, null, null, null, null, null, null),
  declined: row(null, null, null, null, null, null, null),
  expired: row(null, null, null, null, null, null, null),
};
const NO_APPROVAL: typeof NEEDS_APPROVAL = { ...NEEDS_APPROVAL, draft: row('pending_approval', null, null, 'offered', null, null, null) };

const cases = (requiresApproval: boolean, table: typeof NEEDS_APPROVAL) =>
  SETTLEMENT_STATUSES.flatMap((status) => SETTLEMENT_ACTIONS.map((action) => [status, action, requiresApproval, table[status][action]] as const));

describe('settlement offer lifecycle', () => {
  it.each([...cases(true, NEEDS_APPROVAL), ...cases(false, NO_APPROVAL)])('%s + %s (approval %s) → %s', (status, action, requiresApproval, expected) => {
    const result = nextSettlementStatus(status, action, { requiresApproval });
    if (expected === null) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
    } else {
      expect(result).toEqual({ ok: true, status: expected });
    }
  });

  it('only moves forward: no action returns an offer to an earlier status', () => {
    for (const status of SETTLEMENT_STATUSES) {
      for (const action of SETTLEMENT_ACTIONS) {
        for (const requiresApproval of [true, false]) {
          const result = nextSettlementStatus(status, action, { requiresApproval });
          if (result.ok) expect(SETTLEMENT_STATUSES.indexOf(result.status)).toBeGreaterThan(SETTLEMENT_STATUSES.indexOf(status));
        }
      }
    }
  });

  it('says why an offer needing approval cannot be offered yet', () => {
    expect(nextSettlementStatus('draft', 'offer', { requiresApproval: true })).toEqual({ ok: false, reason: expect.stringContaining('approval') });
    expect(nextSettlementStatus('accepted', 'decline', { requiresApproval: false })).toEqual({ ok: false, reason: 'that is final' });
  });
});

describe('manual offer approval', () => {
  it.each([
    [{ discountPct: 10, installments: 1 }, 500_000, 95, false],
    [{ discountPct: 10, installments: 1 }, 500_000, 61, false],
    [{ discountPct: 10, installments: 1 }, 500_000, 60, true],
    [{ discountPct: 5, installments: 1 }, 500_000, 31, false],
    [{ discountPct: 5, installments: 1 }, 500_000, 30, true],
    [{ discountPct: 11, installments: 1 }, 50_000, 95, true],
    [{ discountPct: 0, installments: 12 }, 100_000, 10, false],
    [{ discountPct: 0, installments: 12 }, 100_001, 10, true],
    [{ discountPct: 0, installments: 11 }, 900_000, 10, false],
    [{ discountPct: 0, installments: 24 }, 100_001, 10, true],
  ])('%o on a balance of %i at DPD %i needs approval: %s', (terms, balance, dpd, expected) => {
    expect(manualOfferRequiresApproval(terms, balance, 100_000, dpd)).toBe(expected);
  });
});

describe('promises of an accepted offer', () => {
  const acceptedOn = isoDate('2026-01-01');

  it('a lump sum is due on the expiry, or a week after acceptance', () => {
    expect(acceptedOfferSchedule({ amountMinor: 80_000, installments: 1, expiresOn: isoDate('2026-01-15') }, acceptedOn)).toEqual([{ dueOn: '2026-01-15', amountMinor: 80_000 }]);
    expect(acceptedOfferSchedule({ amountMinor: 80_000, installments: 1, expiresOn: null }, acceptedOn)).toEqual([{ dueOn: '2026-01-08', amountMinor: 80_000 }]);
  });

  it('a plan is monthly from 30 days after acceptance, the remainder on the first, without month-end drift', () => {
    expect(acceptedOfferSchedule({ amountMinor: 100_000, installments: 3, expiresOn: null }, acceptedOn)).toEqual([
      { dueOn: '2026-01-31', amountMinor: 33_334 },
      { dueOn: '2026-02-28', amountMinor: 33_333 },
      { dueOn: '2026-03-31', amountMinor: 33_333 },
    ]);
  });
});
