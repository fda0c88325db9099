import type Database from 'better-sqlite3';

/**
 * The dashboard's figures recomputed for the test the plain way: every row read into memory and
 * counted in loops, straight from DESIGN §2's definitions. Bucket and balance on a past day are
 * derived from the installments, fees and payments themselves (not from bucket events), so the
 * dashboard's shortcuts are checked against first principles.
 */
export interface Period {
  from: string;
  to: string;
  startOn: string;
  businessDate: string;
  monthStart: string;
  currency: string | null;
}

type Amounts = Record<string, number>;
const ratio = (numerator: number, denominator: number) => ({ numerator, denominator, rate: denominator === 0 ? null : numerator / denominator });
const add = (amounts: Amounts, currency: string, amount: number) => void (amounts[currency] = (amounts[currency] ?? 0) + amount);
const BUCKETS = ['current', 'dpd_1_29', 'dpd_30_59', 'dpd_60_89', 'dpd_90_119', 'dpd_120_plus'];
const STAGES = ['early_1_30', 'mid_31_60', 'late_61_90', 'severe_90_plus'];

function bucketOf(dpd: number): string {
  if (dpd === 0) return 'current';
  if (dpd < 30) return 'dpd_1_29';
  if (dpd < 60) return 'dpd_30_59';
  if (dpd < 90) return 'dpd_60_89';
  if (dpd < 120) return 'dpd_90_119';
  return 'dpd_120_plus';
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

interface Loan { id: string; currency: string; status: string }
interface Installment { loan_id: string; seq: number; due_on: string; due: number }
interface Fee { loan_id: string; installment_seq: number; amount_minor: number; assessed_on: string }
interface Payment { loan_id: string; paid_on: string; amount_minor: number }
interface Case { id: string; loan_id: string; currency: string; active: number; stage: string | null; bucket: string; amount_past_due_minor: number; balance_minor: number; assigned_agent_id: string | null; opened_on: string; closed_on: string | null }

/** DPD and balance at the end of `day`: payments to date paid into installments oldest first, fees assessed to date due with their installment. */
function standingOn(installments: Installment[], fees: Fee[], payments: Payment[], day: string): { dpd: number; balance: number } {
  let available = payments.filter((p) => p.paid_on <= day).reduce((sum, p) => sum + p.amount_minor, 0);
  let dpd = 0;
  let balance = 0;
  for (const installment of [...installments].sort((a, b) => a.seq - b.seq)) {
    const due = installment.due + fees.filter((f) => f.installment_seq === installment.seq && f.assessed_on <= day).reduce((sum, f) => sum + f.amount_minor, 0);
    const paid = Math.min(available, due);
    available -= paid;
    balance += due - paid;
    if (due > paid && installment.due_on < day && dpd === 0) dpd = dayNumber(day) - dayNumber(installment.due_on);
  }
  return { dpd, balance };
}

export function independentFigures(db: Database.Database, period: Period) {
  const all = <T>(sql: string) => db.prepare(sql).all() as T[];
  const inCurrency = (currency: string) => period.currency === null || currency === period.currency;
  const loans = all<Loan>('SELECT id, currency, status FROM loans').filter((l) => inCurrency(l.currency));
  const loanById = new Map(loans.map((l) => [l.id, l]));
  const ofLoan = <T extends { loan_id: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) if (loanById.has(row.loan_id)) map.set(row.loan_id, [...(map.get(row.loan_id) ?? []), row]);
    return map;
  };
  const installments = ofLoan(all<Installment>('SELECT loan_id, seq, due_on, principal_due_minor + interest_due_minor + fees_due_minor AS due FROM installments'));
  const fees = ofLoan(all<Fee>('SELECT loan_id, installment_seq, amount_minor, assessed_on FROM fee_records'));
  const paymentRows = all<Payment>('SELECT loan_id, paid_on, amount_minor FROM payments').filter((p) => loanById.has(p.loan_id));
  const payments = ofLoan(paymentRows);
  const cases = all<Case>('SELECT id, loan_id, currency, active, stage, bucket, amount_past_due_minor, balance_minor, assigned_agent_id, opened_on, closed_on FROM cases').filter((c) => inCurrency(c.currency));
  const promises = all<{ loan_id: string; created_on: string; due_on: string; status: string; created_by: string | null }>('SELECT loan_id, created_on, due_on, status, created_by FROM promises').filter((p) => loanById.has(p.loan_id));
  const attempts = all<{ loan_id: string; channel: string; direction: string; outcome: string; at: string; blocked: number }>('SELECT loan_id, channel, direction, outcome, at, blocked FROM contact_attempts').filter((a) => loanById.has(a.loan_id));
  const activities = all<{ loan_id: string; type: string; direction: string; outcome: string | null; at: string; performed_by: string | null }>('SELECT loan_id, type, direction, outcome, at, performed_by FROM activities').filter((a) => loanById.has(a.loan_id));
  const users = all<{ id: string; name: string }>('SELECT id, name FROM users');
  const onDay = (at: string, from: string, to: string) => at.slice(0, 10) >= from && at.slice(0, 10) <= to;

  const active = cases.filter((c) => c.active === 1);
  const arrearsByStage = Object.fromEntries(STAGES.map((stage) => {
    const inStage = active.filter((c) => c.stage === stage);
    const pastDue: Amounts = {};
    for (const c of inStage) add(pastDue, c.currency, c.amount_past_due_minor);
    return [stage, { accounts: inStage.length, pastDue }];
  }));
  const aging = Object.fromEntries(BUCKETS.slice(1).map((bucket) => {
    const pastDue: Amounts = {};
    const balance: Amounts = {};
    const inBucket = active.filter((c) => c.bucket === bucket);
    for (const c of inBucket) {
      add(pastDue, c.currency, c.amount_past_due_minor);
      add(balance, c.currency, c.balance_minor);
    }
    return [bucket, { accounts: inBucket.length, pastDue, balance }];
  }));

  const caseOpenOn = (loanId: string, day: string) => cases.find((c) => c.loan_id === loanId && c.opened_on <= day && (c.closed_on === null || c.closed_on >= day));
  const collectedBetween = (from: string, to: string, agentId?: string) => {
    const amounts: Amounts = {};
    for (const p of paymentRows) {
      if (p.paid_on < from || p.paid_on > to) continue;
      const kase = caseOpenOn(p.loan_id, p.paid_on);
      if (kase && (agentId === undefined || kase.assigned_agent_id === agentId)) add(amounts, loanById.get(p.loan_id)!.currency, p.amount_minor);
    }
    return amounts;
  };
  const keptRateOf = (rows: typeof promises) => {
    const fellDue = rows.filter((p) => p.due_on >= period.from && p.due_on <= period.to && ['kept', 'broken', 'partially_kept'].includes(p.status));
    return ratio(fellDue.filter((p) => p.status === 'kept').length, fellDue.length);
  };
  const calls = attempts.filter((a) => a.channel === 'voice' && a.direction === 'outbound' && a.blocked === 0 && onDay(a.at, period.from, period.to));

  // Where each active loan stood at the start and at the end, from its own rows.
  const transitions: string[] = [];
  const tally: Record<string, number> = {};
  const balances: Record<string, { then: Record<string, number>; now: Record<string, number> }> = {};
  let delinquentAtStart = 0;
  let cured = 0;
  for (const loan of loans.filter((l) => l.status === 'active')) {
    const rows = [installments.get(loan.id) ?? [], fees.get(loan.id) ?? [], payments.get(loan.id) ?? []] as const;
    const start = standingOn(...rows, period.startOn);
    const end = standingOn(...rows, period.to);
    const [from, to] = [bucketOf(start.dpd), bucketOf(end.dpd)];
    tally[`${from}>${to}`] = (tally[`${from}>${to}`] ?? 0) + 1;
    const book = (balances[loan.currency] ??= { then: Object.fromEntries(BUCKETS.map((b) => [b, 0])), now: Object.fromEntries(BUCKETS.map((b) => [b, 0])) });
    book.then[from]! += start.balance;
    book.now[to]! += end.balance;
    if (from !== 'current') {
      delinquentAtStart += 1;
      if (to === 'current') cured += 1;
    }
  }
  for (const [key, count] of Object.entries(tally)) transitions.push(`${key}:${count}`);
  const rollRates = Object.fromEntries(Object.entries(balances).map(([currency, book]) => [currency, BUCKETS.slice(0, -1).map((bucket, i) => ratio(book.now[BUCKETS[i + 1]!]!, book.then[bucket]!))]));

  const REMOTE = ['CALL', 'SMS', 'WHATSAPP', 'EMAIL', 'LETTER', 'LEGAL_NOTICE'];
  const SPOKE = ['PTP', 'REFUSED', 'PAID', 'PARTIAL_PAYMENT', 'DISPUTE'];
  const agents = users
    .map((user) => {
      const work = activities.filter((a) => a.performed_by === user.id && a.direction === 'outbound' && REMOTE.includes(a.type) && onDay(a.at, period.from, period.to));
      return {
        agentId: user.id,
        name: user.name,
        cases: active.filter((c) => c.assigned_agent_id === user.id).length,
        contacts: work.length,
        rightPartyContacts: work.filter((a) => a.type === 'CALL' && a.outcome !== null && SPOKE.includes(a.outcome)).length,
        promises: promises.filter((p) => p.created_by === user.id && p.created_on >= period.from && p.created_on <= period.to).length,
        keptRate: keptRateOf(promises.filter((p) => p.created_by === user.id)),
        collected: collectedBetween(period.from, period.to, user.id),
      };
    })
    .filter((a) => a.cases + a.contacts + a.promises > 0)
    .sort((a, b) => a.name.localeCompare(b.name));

  return {
    arrearsByStage,
    accountsInArrears: active.filter((c) => c.stage !== null).length,
    collectedToday: collectedBetween(period.businessDate, period.businessDate),
    collectedMonthToDate: collectedBetween(period.monthStart, period.businessDate),
    collectedInPeriod: collectedBetween(period.from, period.to),
    promiseKeptRate: keptRateOf(promises),
    rightPartyContactRate: ratio(calls.filter((a) => a.outcome === 'conversation').length, calls.length),
    contactsToday: attempts.filter((a) => a.direction === 'outbound' && a.blocked === 0 && a.at.slice(0, 10) === period.businessDate).length,
    cureRate: ratio(cured, delinquentAtStart),
    aging,
    transitions: transitions.sort(),
    rollRates,
    agents,
  };
}
