import { epochDay, fromEpochDay, type IsoDate } from '../dates';
import { scaleMinor, type Minor } from '../money';
import { assessLoan, inDueOrder, type InstallmentDue, type PaymentMade } from './allocation';

/** A product's late-fee terms (seed 002 "Fee Management"). */
export interface FeeSchedule {
  /** Days after the due date on which a payment still avoids the fee. */
  graceDays: number;
  flatFeeMinor: Minor;
  /** Basis points of the installment's amount due, added to the flat fee. */
  percentBps: number;
  /** Upper bound on one fee; null when uncapped. */
  maxFeeMinor: Minor | null;
}

export interface LateFeesInput {
  /** The schedule; `feesMinor` already includes the fee records assessed so far. */
  installments: readonly InstallmentDue[];
  payments: readonly PaymentMade[];
  asOf: IsoDate;
  /** Null while the product has no fee schedule: an imported tape configures none (DESIGN §2). */
  schedule: FeeSchedule | null;
  /** Installments that already carry a late fee record: a fee is charged once per installment. */
  alreadyAssessedSeqs: ReadonlySet<number>;
}

export interface LateFeeToAssess {
  seq: number;
  amountMinor: Minor;
  /** The assessment date (due + grace + 1), never the run date, so a skipped day changes nothing. */
  assessedOn: IsoDate;
}

/** The fee for one installment: flat plus percent (half up), capped when the schedule caps it. */
export function lateFeeAmount(schedule: FeeSchedule, amountDueMinor: Minor): Minor {
  const uncapped = schedule.flatFeeMinor + scaleMinor(amountDueMinor, schedule.percentBps, 10_000);
  return schedule.maxFeeMinor === null ? uncapped : Math.min(uncapped, schedule.maxFeeMinor);
}

/**
 * The late fee records the daily run should create (DESIGN §2, seed 002). An installment is late
 * when, on its assessment date `due + graceDays + 1`, the payments dated on or before that date
 * (allocated oldest first: fees, interest, principal) have not paid it in full. Judging each
 * installment on its own assessment date rather than on `asOf` makes the result independent of
 * which days the run happened to execute, and a later payment cannot undo a fee that was earned.
 * Installments are judged in due order, each new fee joining its installment's fees before the
 * next is judged, so the allocation sees exactly what a day-by-day run would have seen.
 */
export function lateFeesToAssess(input: LateFeesInput): LateFeeToAssess[] {
  const { schedule, payments, alreadyAssessedSeqs } = input;
  if (!schedule) return [];
  const asOfDay = epochDay(input.asOf);
  // Copies, because fees found in this call are added to them before later installments are judged.
  const working = inDueOrder(input.installments).map((installment) => ({ ...installment }));
  const fees: LateFeeToAssess[] = [];
  working.forEach((installment, index) => {
    if (alreadyAssessedSeqs.has(installment.seq)) return;
    const assessmentDay = installment.dueDay + schedule.graceDays + 1;
    if (assessmentDay > asOfDay) return;
    const assessedOn = fromEpochDay(assessmentDay);
    // `working` is already in due order, so positions line up with it index for index.
    const position = assessLoan(working, payments, assessedOn).installments[index]!;
    if (position.unpaidMinor <= 0) return;
    const amountDue = installment.principalMinor + installment.interestMinor + installment.feesMinor;
    const amountMinor = lateFeeAmount(schedule, amountDue);
    if (amountMinor <= 0) return;
    installment.feesMinor += amountMinor;
    fees.push({ seq: installment.seq, amountMinor, assessedOn });
  });
  return fees;
}
