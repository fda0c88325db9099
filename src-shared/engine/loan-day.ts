import { addDays, epochDay, fromEpochDay, type IsoDate } from '../dates';
import type { InstallmentDue, PaymentMade } from '../domain/allocation';
import { bucketFor, severityFor, stageFor } from '../domain/classification';
import { earlyWarningFlags, type EarlyWarningFlag } from '../domain/early-warning';
import { lateFeesToAssess, type FeeSchedule, type LateFeeToAssess } from '../domain/late-fees';
import { nextBestAction, type NextBestAction } from '../domain/next-best-action';
import { nonAccrualChange, type NonAccrualChange } from '../domain/non-accrual';
import { priorityScore, referenceBalanceMinor } from '../domain/priority';
import { evaluatePromise, type PromiseTerms } from '../domain/promise-evaluation';
import { loanStanding, type LoanStanding } from '../domain/standing';
import type { Bucket, DefaultType, PromiseStatus, Severity, Stage, SubStatus } from '../domain/vocabulary';
import { stableId } from '../ids';
import { slaTimers, type SlaConfigs, type SlaTimers } from './case-timers';
import { planDunning, preDelinquencyDue, type DunningDecision, type DunningStep, type PreDelinquencyRule } from './dunning-plan';

export interface LoanPromise extends PromiseTerms {
  id: string;
  caseId: string | null;
  /** Set when the promise is one payment of an accepted settlement. */
  settlementOfferId: string | null;
}

export interface OpenCaseFacts {
  id: string;
  openedOn: IsoDate;
  episodeStartedOn: IsoDate;
  defaultType: DefaultType;
  disputeFlag: boolean;
  vulnerabilityFlag: boolean;
  hardshipFlag: boolean;
}

/** Everything the daily run knows about one loan: read by the store, judged here. */
export interface LoanDayFacts {
  loanId: string;
  asOf: IsoDate;
  originatedOn: IsoDate;
  covenantBreach: boolean;
  subStatus: SubStatus | null;
  borrower: { doNotContact: boolean; vulnerable: boolean; hardship: boolean };
  /** In due order, assessed fee records included in `feesMinor`. */
  installments: readonly InstallmentDue[];
  payments: readonly PaymentMade[];
  promises: readonly LoanPromise[];
  openCase: OpenCaseFacts | null;
  /** The latest outbound contact with the borrower about this loan up to the end of as-of (ISO instant). */
  lastOutboundContactAt: string | null;
  sla: SlaConfigs;
  /** The dunning schedule of the loan's program, and the steps its open case has already decided. */
  dunningSteps: readonly DunningStep[];
  decidedDunningStepIds: ReadonlySet<string>;
  preDelinquencyRules: readonly PreDelinquencyRule[];
  /** `preDelinquencyKey(rule, seq)` of the reminders already fired for this loan. */
  firedPreDelinquency: ReadonlySet<string>;
  /** The product's late-fee schedule for the loan's currency; null: no late fees. */
  feeSchedule: FeeSchedule | null;
  assessedFeeSeqs: ReadonlySet<number>;
  isNonAccrual: boolean;
  nonAccrualThresholdDpd: number;
  /** USD per unit of the loan's currency, for ranking by exposure across currencies. */
  referenceRate: number;
}

export interface CaseDay {
  id: string;
  /** Whether the day opens this case (a new episode). */
  opens: boolean;
  episodeStartedOn: IsoDate;
  defaultType: DefaultType;
  severity: Severity | null;
  stage: Stage | null;
  bucket: Bucket;
  nba: NextBestAction | null;
  score: number;
  sla: SlaTimers;
  flags: { dispute: boolean; vulnerability: boolean; hardship: boolean };
  dunning: DunningDecision[];
}

export interface LoanDay {
  standing: LoanStanding;
  bucket: Bucket;
  /** Promises whose status this day changes. */
  promiseChanges: { id: string; status: PromiseStatus }[];
  flags: EarlyWarningFlag[];
  /** The episode's case after the day, or null when there is none. */
  caseDay: CaseDay | null;
  /** The open case the day closes as cured. */
  closesCaseId: string | null;
  preDelinquency: ReturnType<typeof preDelinquencyDue>;
  newFees: LateFeeToAssess[];
  nonAccrual: NonAccrualChange;
}

/**
 * One loan's daily run as a pure function (DESIGN §2 "Determinism"): standing and bucket,
 * promise statuses, early-warning flags, and the episode's case with its severity, stage,
 * next-best action, SLA timers and priority score. Both stores call this and only do I/O.
 */
export function evaluateLoanDay(given: LoanDayFacts): LoanDay {
  const { asOf } = given;
  const newFees = lateFeesToAssess({ installments: given.installments, payments: given.payments, asOf, schedule: given.feeSchedule, alreadyAssessedSeqs: given.assessedFeeSeqs });
  // Fees assessed today are due from today: everything below sees them.
  const facts = newFees.length === 0 ? given : { ...given, installments: withFees(given.installments, newFees) };
  const standing = loanStanding(facts.installments, facts.payments, asOf);
  const nonAccrual = nonAccrualChange({ dpd: standing.dpd, thresholdDpd: facts.nonAccrualThresholdDpd, isNonAccrual: facts.isNonAccrual, installments: facts.installments, payments: facts.payments, asOf });
  const bucket = bucketFor(standing.dpd);
  const promiseChanges: LoanDay['promiseChanges'] = [];
  const statuses = new Map<string, PromiseStatus>();
  for (const promise of facts.promises) {
    const status = evaluatePromise(promise, facts.payments, asOf);
    statuses.set(promise.id, status);
    if (status !== promise.status) promiseChanges.push({ id: promise.id, status });
  }
  const asOfDay = epochDay(asOf);
  const next = facts.installments.find((installment) => installment.dueDay >= asOfDay);
  const flags = earlyWarningFlags({
    originatedOn: facts.originatedOn,
    installments: facts.installments,
    payments: facts.payments,
    asOf,
    dpd: standing.dpd,
    amountPastDueMinor: standing.amountPastDueMinor,
    nextDueOn: next ? fromEpochDay(next.dueDay) : null,
  });

  const preDelinquency = preDelinquencyDue({
    rules: facts.preDelinquencyRules,
    installments: facts.installments,
    payments: facts.payments,
    asOf,
    firedKeys: facts.firedPreDelinquency,
  });
  const inDefault = standing.dpd > 0 || facts.covenantBreach;
  const open = facts.openCase;
  const caseId = open?.id ?? (inDefault ? stableId('case', facts.loanId, standing.oldestPastDueOn ? addDays(standing.oldestPastDueOn, 1) : asOf) : null);
  const episodePromises = facts.promises.filter((p) => p.caseId === caseId || (p.caseId === null && caseId !== null));
  const pendingInEpisode = episodePromises.some((p) => statuses.get(p.id) === 'pending');
  // An infraction is opened by hand for something other than arrears, so curing arrears does not close it.
  const cured = open !== null && !inDefault && !pendingInEpisode && open.defaultType !== 'infraction';
  if (!caseId || cured) {
    return { standing, bucket, promiseChanges, flags, caseDay: null, closesCaseId: cured ? open.id : null, preDelinquency, newFees, nonAccrual };
  }

  const episodeStartedOn = open ? open.episodeStartedOn : standing.oldestPastDueOn ? addDays(standing.oldestPastDueOn, 1) : asOf;
  const openedOn = open?.openedOn ?? asOf;
  const caseFlags = {
    dispute: (open?.disputeFlag ?? false) || facts.subStatus === 'dispute',
    vulnerability: (open?.vulnerabilityFlag ?? false) || facts.borrower.vulnerable,
    hardship: (open?.hardshipFlag ?? false) || facts.borrower.hardship,
  };
  const brokenInEpisode = episodePromises.filter((p) => statuses.get(p.id) === 'broken').length;
  const planPromises = episodePromises.filter((p) => p.settlementOfferId !== null);
  const planBeingKept = planPromises.some((p) => statuses.get(p.id) === 'pending') && !planPromises.some((p) => statuses.get(p.id) === 'broken');
  const stage = stageFor(standing.dpd);
  const sla = slaTimers(stage, facts.sla, openedOn, facts.lastOutboundContactAt, asOf);
  const nba = nextBestAction({
    dpd: standing.dpd,
    doNotContact: facts.borrower.doNotContact,
    activeDispute: caseFlags.dispute,
    bankruptcy: facts.subStatus === 'bankruptcy',
    vulnerable: caseFlags.vulnerability,
    hardship: caseFlags.hardship,
    // The episode began when the arrears did, which may be before the case was opened.
    contactedInEpisode: facts.lastOutboundContactAt !== null && facts.lastOutboundContactAt >= `${episodeStartedOn}T00:00:00.000Z`,
    brokenPromisesInEpisode: brokenInEpisode,
  });
  return {
    standing,
    bucket,
    promiseChanges,
    flags,
    closesCaseId: null,
    preDelinquency,
    newFees,
    nonAccrual,
    caseDay: {
      id: caseId,
      opens: open === null,
      episodeStartedOn,
      defaultType: open ? open.defaultType : standing.dpd > 0 ? 'payment_default' : 'covenant_breach',
      severity: severityFor(standing.dpd, facts.covenantBreach),
      stage,
      bucket,
      nba,
      score: priorityScore({ dpd: standing.dpd, referenceBalanceMinor: referenceBalanceMinor(standing.balanceMinor, facts.referenceRate), brokenPromises: brokenInEpisode, slaBreached: sla.breached }),
      sla,
      flags: caseFlags,
      dunning: planDunning({
        steps: facts.dunningSteps,
        dpd: standing.dpd,
        decidedStepIds: open ? facts.decidedDunningStepIds : new Set(),
        subStatus: facts.subStatus,
        doNotContact: facts.borrower.doNotContact,
        planBeingKept,
      }),
    },
  };
}

function withFees(installments: readonly InstallmentDue[], fees: readonly LateFeeToAssess[]): InstallmentDue[] {
  const bySeq = new Map(fees.map((fee) => [fee.seq, fee.amountMinor]));
  return installments.map((installment) => (bySeq.has(installment.seq) ? { ...installment, feesMinor: installment.feesMinor + bySeq.get(installment.seq)! } : installment));
}
