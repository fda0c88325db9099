import { describe, expect, it } from 'vitest';
import { newTextOptOut, restoredByReply } from '../../src-shared/domain/text-opt-outs';
import type { RowChange } from '../../src-shared/sync/protocol';
import { checkRowChange } from '../../src-shared/sync/row-rules';
import { writeSetProblem } from '../../src-shared/sync/write-sets';
import type { LedgerRow } from '../ledger/ledger-row';
import type { LoanAccount } from './loan-account';
import { submissionChanges } from './submission-rows';

const row = (tbl: string, id: string, data: Record<string, unknown>): LedgerRow => ({ tbl, id, partition: 'TT', version: 1, deleted: false, data: { id, ...data } });
const phone = (id: string, e164: string) => row('phones', id, { borrower_id: 'b1', e164, sms_consent: 1, opted_out_at: null });
const AT = '2026-12-01T10:00:00.000Z';

function account(textOptOuts: LedgerRow[]): LoanAccount {
  return {
    loan: row('loans', 'l1', { borrower_id: 'b1' }),
    borrower: row('borrowers', 'b1', { jurisdiction: 'TT' }),
    openCase: null,
    // Two rows share a number: one opt-out covers it.
    phones: [phone('ph1', '+18685550101'), phone('ph2', '+18685550102'), phone('ph3', '+18685550101')],
    textOptOuts,
    emails: [],
    liveOffers: [],
    balance: { currency: 'TTD', principalMinor: 0, interestMinor: 0, feesMinor: 0, balanceMinor: 0, amountPastDueMinor: 0, dpd: 0 },
  };
}

const optOutsIn = (changes: RowChange[]) => changes.filter((change): change is Extract<RowChange, { op: 'upsert' }> => change.tbl === 'text_opt_outs');

describe('the self-service opt-out of texts (issue 14, item 5)', () => {
  const input = { t: 'link-token-xx', nonce: '00000000-0000-4000-8000-000000000000', csrf: 'c'.repeat(20), channel: 'text' as const };

  it('opts the borrower out of every number they have, by number, with the submission as its source', () => {
    const changes = submissionChanges('optOut', input, account([]), 'self-service:optOut:n1', AT);
    expect(optOutsIn(changes).map((change) => change.data)).toEqual([
      expect.objectContaining({ borrower_id: 'b1', e164: '+18685550101', opted_out_at: AT, opt_out_via: 'self_service', opt_out_reference: 'self-service:optOut:n1', restored_at: null }),
      expect.objectContaining({ borrower_id: 'b1', e164: '+18685550102', opt_out_via: 'self_service' }),
    ]);
    // The relay takes every row it writes: the command's write-set and the table rules, as the system actor.
    for (const change of changes.filter((candidate) => candidate.op === 'upsert')) {
      const after = (change as Extract<RowChange, { op: 'upsert' }>).data;
      expect(writeSetProblem('selfService.optOut', { tbl: change.tbl, before: change.base, after })).toBeNull();
      expect(checkRowChange({ tbl: change.tbl, before: change.base, after, permissions: [] })).toBeNull();
    }
  });

  it('adds none for a number whose opt-out stands, and a new one for a number the borrower had restored', () => {
    const standing = newTextOptOut('b1', '+18685550101', '2026-11-01T00:00:00.000Z', { via: 'reply', word: 'STOP', reference: 'SM1' });
    const restored = restoredByReply(newTextOptOut('b1', '+18685550102', '2026-11-01T00:00:00.000Z', { via: 'reply', word: 'STOP', reference: 'SM2' }), { at: '2026-11-02T00:00:00.000Z', word: 'START', sid: 'SM3' });
    const changes = submissionChanges('optOut', input, account([row('text_opt_outs', standing.id, { ...standing }), row('text_opt_outs', restored.id, { ...restored })]), 'self-service:optOut:n2', AT);
    expect(optOutsIn(changes).map((change) => change.data.e164)).toEqual(['+18685550102']);
  });
});
