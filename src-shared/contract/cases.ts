import { z } from 'zod';
import type { Minor } from '../money';
import type { IsoDate } from '../dates';
import {
  BUCKETS,
  CASE_STATUSES,
  DEFAULT_TYPES,
  PRIORITIES,
  SEVERITIES,
  STAGES,
  type Bucket,
  type CaseStatus,
  type DefaultType,
  type NbaAction,
  type Priority,
  type ReasonCode,
  type Severity,
  type Stage,
} from '../domain/vocabulary';
import { defineChannel } from './define-channel';

export const QUEUE_SORT_FIELDS = ['priority', 'dpd', 'balance', 'opened', 'name'] as const;
export type QueueSortField = (typeof QUEUE_SORT_FIELDS)[number];
export const CASE_FLAGS = ['dispute', 'vulnerability', 'hardship'] as const;
export type CaseFlag = (typeof CASE_FLAGS)[number];

const id = z.string().min(1).max(64);
const nonNegativeInt = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const queueFilterFields = {
  /** Name, account number or phone digits; two characters at least. */
  search: z.string().trim().max(100).optional(),
  /** Empty or absent: the active statuses (open, in progress, on hold, legal). */
  statuses: z.array(z.enum(CASE_STATUSES)).max(CASE_STATUSES.length).optional(),
  stages: z.array(z.enum(STAGES)).max(STAGES.length).optional(),
  buckets: z.array(z.enum(BUCKETS)).max(BUCKETS.length).optional(),
  severities: z.array(z.enum(SEVERITIES)).max(SEVERITIES.length).optional(),
  /** Seed 000's default types: payment default, covenant breach, infraction. */
  defaultTypes: z.array(z.enum(DEFAULT_TYPES)).max(DEFAULT_TYPES.length).optional(),
  priorities: z.array(z.enum(PRIORITIES)).max(PRIORITIES.length).optional(),
  flags: z.array(z.enum(CASE_FLAGS)).max(CASE_FLAGS.length).optional(),
  queueId: id.optional(),
  /** An agent's id, or "unassigned". */
  agentId: id.optional(),
  dpdMin: nonNegativeInt.optional(),
  dpdMax: nonNegativeInt.optional(),
  balanceMinMinor: nonNegativeInt.optional(),
  balanceMaxMinor: nonNegativeInt.optional(),
  sort: z.enum(QUEUE_SORT_FIELDS).default('priority'),
  direction: z.enum(['asc', 'desc']).default('desc'),
};

/** The range and search checks shared by a page of the queue and by everything it matches. */
function checkFilters(q: { dpdMin?: number; dpdMax?: number; balanceMinMinor?: number; balanceMaxMinor?: number; search?: string }, ctx: z.RefinementCtx): void {
  if (q.dpdMin !== undefined && q.dpdMax !== undefined && q.dpdMin > q.dpdMax) ctx.addIssue({ code: 'custom', message: 'dpdMin must not exceed dpdMax', path: ['dpdMin'] });
  if (q.balanceMinMinor !== undefined && q.balanceMaxMinor !== undefined && q.balanceMinMinor > q.balanceMaxMinor) {
    ctx.addIssue({ code: 'custom', message: 'balanceMinMinor must not exceed balanceMaxMinor', path: ['balanceMinMinor'] });
  }
  if (q.search !== undefined && q.search.length === 1) ctx.addIssue({ code: 'custom', message: 'search needs at least 2 characters', path: ['search'] });
}

export const queueQuerySchema = z
  .object({
    ...queueFilterFields,
    page: z.number().int().min(0).max(100_000).default(0),
    pageSize: z.number().int().min(1).max(200).default(50),
  })
  .strict()
  .superRefine(checkFilters);
/** Every case the queue's filters match, in its order: for CSV export and bulk selection. */
export const queueSelectionSchema = z.object(queueFilterFields).strict().superRefine(checkFilters);
export type QueueSelection = z.input<typeof queueSelectionSchema>;

/** Bulk selection stops here: a supervisor reassigns a queue's worth, not the book. */
export const MAX_SELECTED_CASES = 10_000;
/** Export stops here: the largest portfolio Recourse is built for. */
export const MAX_EXPORTED_CASES = 200_000;

export type QueueQuery = z.input<typeof queueQuerySchema>;

export interface QueueRow {
  caseId: string;
  loanId: string;
  accountNumber: string;
  borrowerName: string;
  currency: string;
  status: CaseStatus;
  defaultType: DefaultType;
  dpd: number;
  amountPastDueMinor: Minor;
  balanceMinor: Minor;
  bucket: Bucket;
  stage: Stage | null;
  severity: Severity | null;
  priority: Priority;
  priorityScore: number;
  flags: CaseFlag[];
  assignedAgentId: string | null;
  assignedAgentName: string | null;
  queueId: string | null;
  queueName: string | null;
  nbaAction: NbaAction | null;
  openedOn: IsoDate;
}

export interface QueuePage {
  rows: QueueRow[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CaseSummary extends QueueRow {
  reasonCode: ReasonCode;
  nbaConfidence: number | null;
  episodeStartedOn: IsoDate;
  closedOn: IsoDate | null;
  asOf: IsoDate;
  borrower: {
    id: string;
    language: string;
    timezone: string | null;
    jurisdiction: string;
    doNotContact: boolean;
    ssnLastFour: string | null;
    primaryPhone: string | null;
    email: string | null;
  };
  loan: {
    productCode: string;
    principalMinor: Minor;
    interestRatePct: string;
    originatedOn: IsoDate;
    subStatus: string | null;
    riskGrade: string | null;
  };
}

export const caseChannels = {
  'cases.queue': defineChannel<QueuePage>()({ input: queueQuerySchema, permission: 'view_cases', kind: 'query' }),
  'cases.get': defineChannel<CaseSummary>()({ input: z.object({ caseId: id }).strict(), permission: 'view_cases', kind: 'query' }),
  /** Ids of the cases the filters match, in queue order, up to MAX_SELECTED_CASES. */
  'cases.queueIds': defineChannel<{ caseIds: string[]; total: number }>()({ input: queueSelectionSchema, permission: 'assign_cases', kind: 'query' }),
  'cases.exportCsv': defineChannel<{ filename: string; csv: string; rows: number }>()({ input: queueSelectionSchema, permission: 'view_cases', kind: 'query' }),
  /** The highest-priority active case assigned to the signed-in user, after `afterCaseId` in that order if given. */
  'cases.nextForMe': defineChannel<{ caseId: string | null }>()({ input: z.object({ afterCaseId: id.optional() }).strict(), permission: 'view_cases', kind: 'query' }),
  'cases.assign': defineChannel<{ updated: number }>()({
    input: z.object({ caseIds: z.array(id).min(1).max(1000), agentId: id.nullable() }).strict(),
    permission: 'assign_cases',
    kind: 'command',
  }),
};
