import { addDays, addMonths, epochDay, type IsoDate } from '../../src-shared/dates';
import { loanStanding } from '../../src-shared/domain/standing';
import type { SubStatus } from '../../src-shared/domain/vocabulary';
import type { Place } from './geography';
import type { ProductCode } from './operations';
import type { Rng } from './random';

/** How a loan's borrower pays; the mix gives a delinquency of roughly a quarter of the book. */
export type Profile = 'on_time' | 'early' | 'late' | 'partial' | 'stopped' | 'paid_off';

const PROFILES: readonly (readonly [Profile, number])[] = [
  ['on_time', 50],
  ['early', 8],
  ['late', 11],
  ['partial', 8],
  ['stopped', 14],
  ['paid_off', 9],
];

export interface PlannedInstallment {
  seq: number;
  dueOn: IsoDate;
  principal: number;
  interest: number;
}

export interface PlannedPayment {
  paidOn: IsoDate;
  amount: number;
}

export interface LoanPlan {
  product: ProductCode;
  currency: string;
  principal: number;
  /** Annual rate as exact decimal text, e.g. "12.5". */
  ratePct: string;
  originatedOn: IsoDate;
  schedule: PlannedInstallment[];
  payments: PlannedPayment[];
  profile: Profile;
  subStatus: SubStatus | null;
  riskGrade: string;
  riskStatus: 'BREACH' | null;
  status: 'active' | 'paid_off';
  /** DPD at as-of under DESIGN §2's allocation (fees are 0, so oldest installment first). */
  dpd: number;
}

const USD_PRINCIPAL: Record<ProductCode, readonly [number, number]> = {
  personal_loan: [1_500, 30_000],
  auto_loan: [8_000, 55_000],
  sme_loan: [20_000, 250_000],
};
const TERMS: Record<ProductCode, readonly (readonly [number, number])[]> = {
  personal_loan: [[12, 3], [18, 2], [24, 3], [36, 3], [48, 1], [60, 1]],
  auto_loan: [[36, 2], [48, 3], [60, 3]],
  sme_loan: [[12, 2], [24, 3], [36, 3], [48, 1], [60, 1]],
};
/** Annual rate in tenths of a percent for grades A–E. */
const BASE_RATE_TENTHS: Record<ProductCode, readonly number[]> = {
  personal_loan: [89, 119, 149, 189, 239],
  auto_loan: [49, 69, 89, 119, 159],
  sme_loan: [69, 89, 119, 149, 189],
};
const GRADES = ['A', 'B', 'C', 'D', 'E'] as const;
const GRADE_WEIGHTS: Record<'good' | 'fair' | 'poor', readonly (readonly [number, number])[]> = {
  good: [[0, 35], [1, 35], [2, 20], [3, 8], [4, 2]],
  fair: [[0, 5], [1, 20], [2, 40], [3, 25], [4, 10]],
  poor: [[1, 5], [2, 25], [3, 40], [4, 30]],
};
/** Months without a payment for a stopped payer: every bucket up to 120+ occurs. */
const MONTHS_MISSED: readonly (readonly [number, number])[] = [
  [1, 32], [2, 20], [3, 14], [4, 10], [5, 6], [6, 5], [8, 5], [10, 4], [12, 2], [15, 2],
];

/** Equal monthly payments in whole minor units; the principal remainder goes on the last one. */
export function amortise(principal: number, rateTenths: number, months: number, originatedOn: IsoDate): PlannedInstallment[] {
  const monthlyRate = rateTenths / 12_000;
  let growth = 1;
  for (let k = 0; k < months; k += 1) growth *= 1 + monthlyRate; // no Math.pow: exact same bits everywhere
  const payment = monthlyRate === 0 ? Math.ceil(principal / months) : Math.round((principal * monthlyRate * growth) / (growth - 1));
  const schedule: PlannedInstallment[] = [];
  let outstanding = principal;
  for (let seq = 1; seq <= months; seq += 1) {
    const interest = Math.round(outstanding * monthlyRate);
    const principalPart = seq === months ? outstanding : Math.min(outstanding, payment - interest);
    outstanding -= principalPart;
    schedule.push({ seq, dueOn: addMonths(originatedOn, seq), principal: principalPart, interest });
  }
  return schedule;
}

/** DPD at `asOf` by the one rule the daily run uses (the seed's schedules are already in due order). */
export function dpdAt(schedule: readonly PlannedInstallment[], payments: readonly PlannedPayment[], asOf: IsoDate): number {
  const installments = schedule.map((i) => ({ seq: i.seq, dueDay: epochDay(i.dueOn), principalMinor: i.principal, interestMinor: i.interest, feesMinor: 0 }));
  return loanStanding(installments, payments.map((p) => ({ paidDay: epochDay(p.paidOn), amountMinor: p.amount })), asOf).dpd;
}

function localAmount(rng: Rng, place: Place, [min, max]: readonly [number, number]): number {
  const usd = rng.int(min / 100, max / 100) * 100;
  return Math.max(100, Math.round((usd * place.perUsd) / 100) * 100) * 100;
}

/** Payments of one loan by its profile, all dated on or before as-of and never beyond the total due. */
function planPayments(rng: Rng, profile: Profile, schedule: readonly PlannedInstallment[], asOf: IsoDate): PlannedPayment[] {
  const payments: PlannedPayment[] = [];
  let remaining = 0;
  for (const installment of schedule) remaining += installment.principal + installment.interest;
  const pay = (paidOn: IsoDate, amount: number): void => {
    const capped = Math.min(amount, remaining);
    if (capped <= 0 || paidOn > asOf) return;
    payments.push({ paidOn, amount: capped });
    remaining -= capped;
  };
  const pastDue = schedule.filter((installment) => installment.dueOn < asOf).length;
  const missed = profile === 'stopped' ? Math.min(rng.weighted(MONTHS_MISSED), pastDue) : 0;
  const payoffAt = profile === 'paid_off' && pastDue >= 2 ? rng.int(Math.max(1, pastDue - 8), pastDue - 1) : -1;
  const partialShare = rng.int(40, 85);
  // Some partial payers top up their arrears every few months; the others fall further behind.
  const catchUpEvery = rng.chance(0.55) ? rng.int(2, 5) : 0;
  let shortfall = 0;
  const horizon = addDays(asOf, 20);
  for (const [k, installment] of schedule.entries()) {
    if (installment.dueOn > horizon || remaining <= 0) break;
    const total = installment.principal + installment.interest;
    switch (profile) {
      case 'on_time':
      case 'paid_off':
        if (k === payoffAt) {
          pay(addDays(installment.dueOn, -rng.int(0, 10)), remaining);
          break;
        }
        pay(addDays(installment.dueOn, -rng.weighted([[0, 4], [1, 2], [2, 1], [3, 1], [5, 1]] as const)), total);
        break;
      case 'early':
        pay(addDays(installment.dueOn, -rng.int(5, 15)), total);
        if (k < pastDue && rng.chance(0.04)) pay(addDays(installment.dueOn, -rng.int(0, 4)), total * rng.int(2, 6));
        break;
      case 'late': {
        const lateBy = rng.weighted([[rng.int(2, 10), 50], [rng.int(11, 25), 35], [rng.int(26, 40), 15]] as const);
        pay(addDays(installment.dueOn, lateBy), total);
        break;
      }
      case 'partial': {
        const share = Math.min(85, Math.max(40, partialShare + rng.int(-5, 5)));
        const paidOn = addDays(installment.dueOn, rng.int(-3, 3));
        const amount = Math.round((total * share) / 100);
        shortfall += total - amount;
        const catchUp = catchUpEvery > 0 && (k + 1) % catchUpEvery === 0;
        pay(paidOn, catchUp ? amount + shortfall : amount);
        if (catchUp) shortfall = 0;
        break;
      }
      case 'stopped':
        if (k < pastDue - missed) pay(addDays(installment.dueOn, -rng.int(0, 3)), total);
        else if (k === pastDue - missed && rng.chance(0.3)) pay(addDays(installment.dueOn, rng.int(0, 5)), Math.round((total * rng.int(30, 70)) / 100));
        break;
    }
  }
  return payments.sort((a, b) => (a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : 0));
}

/** One loan of a borrower in `place`: terms, schedule and the payments its profile makes up to as-of. */
export function planLoan(rng: Rng, place: Place, product: ProductCode, asOf: IsoDate, forceBreach: boolean): LoanPlan {
  const profile = rng.weighted(PROFILES);
  const quality = profile === 'on_time' || profile === 'early' || profile === 'paid_off' ? 'good' : profile === 'late' ? 'fair' : 'poor';
  const grade = rng.weighted(GRADE_WEIGHTS[quality]);
  const rateTenths = (BASE_RATE_TENTHS[product][grade] as number) + rng.int(0, 20);
  const principal = localAmount(rng, place, USD_PRINCIPAL[product]);
  const months = rng.weighted(TERMS[product]);
  const originatedOn = addDays(addMonths(asOf, -rng.int(1, 36)), -rng.int(0, 27));
  const schedule = amortise(principal, rateTenths, months, originatedOn);
  const payments = planPayments(rng, profile, schedule, asOf);
  const roll = rng.int(0, 999);
  const subStatus: SubStatus | null = roll < 10 ? 'forbearance' : roll < 20 ? 'deferment' : roll < 30 ? 'bankruptcy' : roll < 40 ? 'dispute' : null;
  const breach = product === 'sme_loan' && (forceBreach || rng.chance(0.01));
  let paid = 0;
  for (const payment of payments) paid += payment.amount;
  let owed = 0;
  for (const installment of schedule) owed += installment.principal + installment.interest;
  return {
    product,
    currency: place.currency,
    principal,
    ratePct: `${Math.floor(rateTenths / 10)}.${rateTenths % 10}`,
    originatedOn,
    schedule,
    payments,
    profile,
    subStatus,
    riskGrade: GRADES[grade] as string,
    riskStatus: breach ? 'BREACH' : null,
    status: paid >= owed ? 'paid_off' : 'active',
    dpd: dpdAt(schedule, payments, asOf),
  };
}
