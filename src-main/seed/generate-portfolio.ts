import { addDays, parseIsoDate, type IsoDate } from '../../src-shared/dates';
import { AppError } from '../../src-shared/errors';
import { seedId as stableId } from './ids';
import type { Store } from '../store/open-store';
import { writeContactHistory, writeStrategy } from './contacts';
import { writeExtras } from './extras';
import { PLACE_WEIGHTS } from './geography';
import { planLoan, type LoanPlan } from './loans';
import { seedOperations, type ProductCode } from './operations';
import { borrowerIdFor, seededFaker, writeBorrower, type BorrowerPlan, type SeedContext } from './people';
import { Rng } from './random';
import { deferIndexes, withBulkSettings } from './bulk-mode';
import { prepareInserts } from './statements';

export { DEMO_PASSWORD, DEMO_USERS, type DemoUser } from './demo-users';

export interface PortfolioOptions {
  loans: number;
  seed: number;
  asOf: IsoDate;
}

export interface PortfolioSummary {
  borrowers: number;
  loans: number;
  installments: number;
  payments: number;
  users: number;
  contacts: number;
}

const PRODUCT_MIX: readonly (readonly [ProductCode, number])[] = [
  ['personal_loan', 60],
  ['auto_loan', 25],
  ['sme_loan', 15],
];

export const accountNumberFor = (index: number): string => `RC-${String(index + 1).padStart(6, '0')}`;

function validate(options: PortfolioOptions): void {
  if (!Number.isSafeInteger(options.loans) || options.loans < 1) throw new AppError('validation', 'loans must be a positive whole number', 'loans');
  // The generator takes 32 bits of seed: larger values would silently repeat smaller ones.
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffff_ffff) {
    throw new AppError('validation', 'seed must be a whole number from 0 to 4294967295', 'seed');
  }
  if (!parseIsoDate(options.asOf)) throw new AppError('validation', `as-of must be an ISO date, got ${options.asOf}`, 'asOf');
}

/** The installment a reliable payer's autopay will take next, or null. */
function autopayFor(plan: LoanPlan | undefined, asOf: IsoDate): { nextDueOn: IsoDate; amount: number } | null {
  if (!plan || plan.status !== 'active' || (plan.profile !== 'on_time' && plan.profile !== 'early')) return null;
  const next = plan.schedule.find((installment) => installment.dueOn >= asOf);
  return next ? { nextDueOn: next.dueOn, amount: next.principal + next.interest } : null;
}

interface Counters {
  installments: number;
  payments: number;
  contacts: number;
}

function writeLoan(ctx: SeedContext, borrower: BorrowerPlan, borrowerIndex: number, loanIndex: number, plan: LoanPlan, counters: Counters): string {
  const { rng, insert } = ctx;
  const account = accountNumberFor(loanIndex);
  const loanId = stableId('loan', account);
  insert.loans([loanId, account, borrower.id, plan.product, plan.currency, plan.principal, plan.ratePct, plan.originatedOn, plan.subStatus, plan.riskGrade, plan.riskStatus, plan.status]);
  insert.loan_parties([stableId('loan_party', loanId, 'borrower', borrower.id), loanId, borrower.id, 'borrower', 'primary', null]);
  if (borrowerIndex > 0) {
    const guarantorChance = plan.product === 'sme_loan' ? 0.25 : 0.02;
    if (rng.chance(0.06)) {
      const other = borrowerIdFor(rng.int(0, borrowerIndex - 1));
      insert.loan_parties([stableId('loan_party', loanId, 'co_borrower', other), loanId, other, 'co_borrower', 'joint', null]);
    } else if (rng.chance(guarantorChance)) {
      const other = borrowerIdFor(rng.int(0, borrowerIndex - 1));
      const limited = rng.chance(0.5);
      insert.loan_parties([stableId('loan_party', loanId, 'guarantor', other), loanId, other, 'guarantor', limited ? 'limited' : 'full', limited ? Math.round(plan.principal / 200) * 100 : null]);
    }
  }
  for (const installment of plan.schedule) {
    insert.installments([loanId, installment.seq, installment.dueOn, installment.principal, installment.interest, 0]);
  }
  plan.payments.forEach((payment, index) => {
    const reference = `${account}-P${String(index + 1).padStart(3, '0')}`;
    insert.payments([loanId, payment.paidOn, payment.amount, reference, 'tape']);
  });
  counters.installments += plan.schedule.length;
  counters.payments += plan.payments.length;
  return loanId;
}

/**
 * Writes a deterministic demo portfolio into an empty store in one transaction: the demo users,
 * products, rules, queues and schedules, then `loans` loans with their borrowers, schedules,
 * payments and contact history as of `asOf`. Cases, flags and snapshots are the daily run's.
 * The same seed and as-of give byte-identical rows on any machine.
 */
export function generatePortfolio(store: Store, options: PortfolioOptions): PortfolioSummary {
  validate(options);
  const { sqlite } = store;
  const existing = sqlite.prepare('SELECT (SELECT count(*) FROM loans) + (SELECT count(*) FROM users) AS n').get() as { n: number };
  if (existing.n > 0) throw new AppError('conflict', `${store.path} already holds users or loans; seed an empty store`);

  const { asOf } = options;
  const rng = new Rng(options.seed);
  const faker = seededFaker(options.seed);
  const counters: Counters = { installments: 0, payments: 0, contacts: 0 };
  return withBulkSettings(sqlite, () =>
    sqlite.transaction((): PortfolioSummary => {
      const rebuildIndexes = deferIndexes(sqlite);
      const ctx: SeedContext = { rng, faker, insert: prepareInserts(sqlite), asOf };
      const { userIds, agentIds } = seedOperations(ctx.insert, asOf);
      let loanIndex = 0;
      let borrowerIndex = 0;
      let breachPlaced = false;
      while (loanIndex < options.loans) {
        const place = rng.weighted(PLACE_WEIGHTS);
        const count = Math.min(options.loans - loanIndex, rng.chance(0.1) ? 2 : 1);
        const plans: LoanPlan[] = [];
        for (let k = 0; k < count; k += 1) {
          const product = rng.weighted(PRODUCT_MIX);
          const plan = planLoan(rng, place, product, asOf, product === 'sme_loan' && !breachPlaced);
          breachPlaced ||= plan.riskStatus === 'BREACH';
          plans.push(plan);
        }
        const firstOrigination = plans.reduce((min, plan) => (plan.originatedOn < min ? plan.originatedOn : min), asOf);
        const createdOn = addDays(firstOrigination, -rng.int(3, 30));
        const borrower = writeBorrower(ctx, borrowerIndex, place, createdOn);
        const represented = writeExtras(ctx, {
          borrower,
          createdOn,
          hasSmeLoan: plans.some((plan) => plan.product === 'sme_loan'),
          autopay: autopayFor(plans[0], asOf),
        });
        const usedDays = new Set<number>();
        for (const plan of plans) {
          const loanId = writeLoan(ctx, borrower, borrowerIndex, loanIndex, plan, counters);
          counters.contacts += writeContactHistory(ctx, borrower, loanId, plan, usedDays, represented);
          writeStrategy(ctx, loanId, plan, agentIds);
          loanIndex += 1;
        }
        borrowerIndex += 1;
      }
      ctx.insert.finish();
      rebuildIndexes();
      return { borrowers: borrowerIndex, loans: loanIndex, installments: counters.installments, payments: counters.payments, users: userIds.length, contacts: counters.contacts };
    })(),
  );
}
