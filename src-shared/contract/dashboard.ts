import { z } from 'zod';
import { parseIsoDate, type IsoDate } from '../dates';
import type { Ratio } from '../domain/kpis';
import type { Bucket, Stage } from '../domain/vocabulary';
import type { Minor } from '../money';
import { defineChannel } from './define-channel';

const isoDateText = z.string().refine((text) => parseIsoDate(text) !== null, 'must be a date written YYYY-MM-DD');

/** Amounts are listed per currency and never added across currencies. */
export interface CurrencyAmount {
  currency: string;
  amountMinor: Minor;
}

export interface StageArrears {
  stage: Stage;
  accounts: number;
  pastDue: CurrencyAmount[];
}

export interface AgingBucket {
  bucket: Bucket;
  /** Active cases in the bucket: what the queue shows when filtered to it. */
  accounts: number;
  pastDue: CurrencyAmount[];
  balance: CurrencyAmount[];
}

export interface TrendPoint {
  on: IsoDate;
  accountsInArrears: number;
  /** Null in a one-currency view: snapshots do not split the open-case count by currency. */
  openCases: number | null;
  pastDue: CurrencyAmount[];
}

export interface RollMatrixRow {
  from: Bucket;
  accounts: number;
  to: { bucket: Bucket; accounts: number; share: number | null }[];
}

/** DESIGN §2's roll rates b → b+1 on balances, for one currency. */
export interface CurrencyRollRates {
  currency: string;
  rates: { from: Bucket; to: Bucket; ratio: Ratio }[];
}

export interface AgentPerformance {
  agentId: string;
  name: string;
  /** Active cases assigned to the agent now. */
  cases: number;
  /** Outbound remote contacts the agent logged in the period (calls, texts, emails, letters). */
  contacts: number;
  /** Outbound calls in the period where the agent spoke with the borrower. */
  rightPartyContacts: number;
  /** Promises the agent took in the period. */
  promises: number;
  /** The agent's promises that fell due in the period, kept ÷ fell due. */
  keptRate: Ratio;
  /** Payments in the period on loans whose case is assigned to the agent now. */
  collected: CurrencyAmount[];
}

export interface DashboardSummary {
  /** The date of the last daily run: "today" for every figure. */
  businessDate: IsoDate;
  /** The period asked for, `to` no later than the business date. */
  from: IsoDate;
  to: IsoDate;
  /**
   * The day whose end is the period's start for roll and cure rates: the day before `from`, or the
   * first day with history when the portfolio's history starts later.
   */
  startOn: IsoDate;
  currency: string | null;
  /** Every currency of the portfolio, for the currency picker. */
  currencies: string[];
  kpis: {
    arrearsByStage: StageArrears[];
    accountsInArrears: number;
    pastDue: CurrencyAmount[];
    collectedToday: CurrencyAmount[];
    collectedMonthToDate: CurrencyAmount[];
    collectedInPeriod: CurrencyAmount[];
    promiseKeptRate: Ratio;
    cureRate: Ratio;
    rightPartyContactRate: Ratio;
    /** Outbound contact attempts on the business date that the gate let through. */
    contactsToday: number;
  };
  aging: AgingBucket[];
  /** The daily snapshots of the 30 days up to `to`. */
  trend: TrendPoint[];
  roll: { matrix: RollMatrixRow[]; rates: CurrencyRollRates[] };
  agents: AgentPerformance[];
}

export const dashboardQuerySchema = z
  .object({
    /** Absent: the first day of the business date's month. */
    from: isoDateText.optional(),
    /** Absent: the business date. */
    to: isoDateText.optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'a currency is a three-letter ISO code').optional(),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
export type DashboardQuery = z.input<typeof dashboardQuerySchema>;

export const dashboardChannels = {
  'dashboard.summary': defineChannel<DashboardSummary>()({ input: dashboardQuerySchema, permission: 'view_dashboard', kind: 'query' }),
};
