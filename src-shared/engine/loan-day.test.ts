import { describe, expect, it } from 'vitest';
import { epochDay, isoDate } from '../dates';
import { stableId } from '../ids';
import { evaluateLoanDay, type LoanDayFacts, type OpenCaseFacts } from './loan-day';

const day = (text: string) => epochDay(isoDate(text));
// Two installments of 1,000.00 due on March 1 and April 1; nothing paid.
const facts = (patch: Partial<LoanDayFacts> = {}): LoanDayFacts => ({
  loanId: 'loan_1',
  asOf: isoDate('2026-03-05'),
  originatedOn: isoDate('2026-02-01'),
  covenantBreach: false,
  subStatus: null,
  borrower: { doNotContact: false, vulnerable: false, hardship: false },
  installments: [
    { seq: 1, dueDay: day('2026-03-01'), principalMinor: 100_000, interestMinor: 0, feesMinor: 0 },
    { seq: 2, dueDay: day('2026-04-01'), principalMinor: 100_000, interestMinor: 0, feesMinor: 0 },
  ],
  payments: [],
  promises: [],
  openCase: null,
  lastOutboundContactAt: null,
  sla: {},
  dunningSteps: [],
  decidedDunningStepIds: new Set(),
  preDelinquencyRules: [],
  firedPreDelinquency: new Set(),
  feeSchedule: null,
  assessedFeeSeqs: new Set(),
  isNonAccrual: false,
  nonAccrualThresholdDpd: 90,
  referenceRate: 1,
  ...patch,
});
const open: OpenCaseFacts = { id: 'case_x', openedOn: isoDate('2026-03-04'), episodeStartedOn: isoDate('2026-03-02'), defaultType: 'payment_default', disputeFlag: false, vulnerabilityFlag: false, hardshipFlag: false };

describe('one loan, one day', () => {
  it('opens the episode case with an id hashed from the loan and the day arrears began', () => {
    const result = evaluateLoanDay(facts());
    expect(result.caseDay).toMatchObject({ id: stableId('case', 'loan_1', '2026-03-02'), opens: true, episodeStartedOn: '2026-03-02', severity: 'low', stage: 'early_1_30' });
  });

  it('counts a contact made after the arrears began but before the case opened as this episode', () => {
    const contacted = evaluateLoanDay(facts({ openCase: open, lastOutboundContactAt: '2026-03-03T14:00:00.000Z' }));
    expect(contacted.caseDay?.nba?.action).toBe('send_sms_reminder');
    const earlier = evaluateLoanDay(facts({ openCase: open, lastOutboundContactAt: '2026-02-20T14:00:00.000Z' }));
    expect(earlier.caseDay?.nba?.action).toBe('send_whatsapp_reminder');
  });

  it('closes a cured case, but not while a promise is pending, and never an infraction', () => {
    const paid = [{ paidDay: day('2026-03-04'), amountMinor: 100_000 }];
    expect(evaluateLoanDay(facts({ openCase: open, payments: paid })).closesCaseId).toBe('case_x');
    const promise = { id: 'p1', caseId: 'case_x', settlementOfferId: null, createdOn: isoDate('2026-03-04'), dueOn: isoDate('2026-03-20'), graceDays: 3, amountMinor: 50_000, status: 'pending' as const };
    expect(evaluateLoanDay(facts({ openCase: open, payments: [{ paidDay: day('2026-03-02'), amountMinor: 100_000 }], promises: [promise] }))).toMatchObject({ closesCaseId: null, caseDay: { id: 'case_x' } });
    expect(evaluateLoanDay(facts({ openCase: { ...open, defaultType: 'infraction' }, payments: paid })).closesCaseId).toBeNull();
  });

  it('assesses a configured late fee and counts it as due the same day', () => {
    const result = evaluateLoanDay(facts({ feeSchedule: { graceDays: 2, flatFeeMinor: 2_500, percentBps: 0, maxFeeMinor: null } }));
    expect(result.newFees).toEqual([{ seq: 1, amountMinor: 2_500, assessedOn: '2026-03-04' }]);
    expect(result.standing.amountPastDueMinor).toBe(102_500);
  });
});
