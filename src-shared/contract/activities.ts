import { z } from 'zod';
import { parseIsoDate, type IsoDate, type UtcInstant } from '../dates';
import { CONTACT_DIRECTIONS, type ActivityContact, type ContactDirection } from '../domain/contact-outcome';
import { DEFAULT_GRACE_DAYS } from '../domain/promise-evaluation';
import { ACTIVITY_OUTCOMES, ACTIVITY_TYPES, type ActivityOutcome, type ActivityType, type PromiseStatus } from '../domain/vocabulary';
import type { Minor } from '../money';
import { defineChannel } from './define-channel';

const id = z.string().min(1).max(64);
const isoDateText = z.string().refine((text) => parseIsoDate(text) !== null, 'must be a date written YYYY-MM-DD');
/** Follow-ups and promises look forward: a date before today (UTC) is a typing mistake, not a plan. */
const futureDate = isoDateText.refine((text) => text >= new Date().toISOString().slice(0, 10), 'must not be before today');

const promiseTerms = {
  amountMinor: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  dueOn: futureDate,
  graceDays: z.number().int().min(0).max(30).default(DEFAULT_GRACE_DAYS),
};

export const logActivitySchema = z
  .object({
    caseId: id,
    type: z.enum(ACTIVITY_TYPES),
    direction: z.enum(CONTACT_DIRECTIONS).default('outbound'),
    contactMethod: z.string().trim().max(100).optional(),
    outcome: z.enum(ACTIVITY_OUTCOMES).optional(),
    notes: z.string().trim().max(4000).optional(),
    nextActionOn: futureDate.optional(),
    promise: z.object(promiseTerms).strict().optional(),
  })
  .strict()
  // A promise to pay is what the PTP outcome means, so one never comes without the other.
  .refine((a) => a.outcome !== 'PTP' || a.promise !== undefined, { message: 'a PTP outcome needs the promise: amount and due date', path: ['promise'] })
  .refine((a) => a.promise === undefined || a.outcome === 'PTP', { message: 'a promise is recorded with the outcome PTP', path: ['outcome'] });
export type LogActivity = z.input<typeof logActivitySchema>;

export const activityLogQuerySchema = z
  .object({
    caseId: id.optional(),
    type: z.enum(ACTIVITY_TYPES).optional(),
    outcome: z.enum(ACTIVITY_OUTCOMES).optional(),
    performedBy: id.optional(),
    /** Inclusive UTC dates of the activity's time. */
    from: isoDateText.optional(),
    to: isoDateText.optional(),
    page: z.number().int().min(0).max(100_000).default(0),
    pageSize: z.number().int().min(1).max(200).default(50),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
export type ActivityLogQuery = z.input<typeof activityLogQuerySchema>;

export interface Activity {
  id: string;
  caseId: string;
  loanId: string;
  type: ActivityType;
  direction: ContactDirection;
  contactMethod: string | null;
  outcome: ActivityOutcome | null;
  notes: string | null;
  nextActionOn: IsoDate | null;
  producedPromise: boolean;
  performedBy: string | null;
  at: UtcInstant;
}

/** What logging wrote besides the activity, so the screen can show it without another call. */
export interface LoggedActivity extends Activity {
  contact: ActivityContact | null;
  promiseId: string | null;
  taskId: string | null;
}

export interface ActivityLogRow extends Activity {
  performerName: string | null;
  accountNumber: string;
  borrowerName: string;
}

export interface ActivityLogPage {
  rows: ActivityLogRow[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PromiseToPay {
  id: string;
  caseId: string | null;
  loanId: string;
  createdOn: IsoDate;
  dueOn: IsoDate;
  amountMinor: Minor;
  currency: string;
  graceDays: number;
  status: PromiseStatus;
  createdBy: string | null;
  statusChangedOn: IsoDate | null;
}

export interface DueTask {
  id: string;
  caseId: string | null;
  loanId: string;
  dueOn: IsoDate;
  title: string;
  source: 'activity' | 'pre_delinquency' | 'strategy' | 'manual';
  accountNumber: string;
  borrowerName: string;
  caseStatus: string | null;
}

export interface DueTaskList {
  /** The oldest first, at most `TASK_LIST_LIMIT`; `total` says how many are due. */
  rows: DueTask[];
  total: number;
}
export const TASK_LIST_LIMIT = 500;

export const activityChannels = {
  'activities.log': defineChannel<LoggedActivity>()({ input: logActivitySchema, permission: 'log_activity', kind: 'command' }),
  'activities.list': defineChannel<ActivityLogPage>()({ input: activityLogQuerySchema, permission: 'view_cases', kind: 'query' }),
  'promises.create': defineChannel<PromiseToPay>()({
    input: z.object({ caseId: id, ...promiseTerms }).strict(),
    permission: 'log_activity',
    kind: 'command',
  }),
  'promises.cancel': defineChannel<PromiseToPay>()({
    input: z.object({ promiseId: id, reason: z.string().trim().min(3, 'give a reason of at least 3 characters').max(1000) }).strict(),
    permission: 'update_case',
    kind: 'command',
  }),
  'promises.list': defineChannel<PromiseToPay[]>()({ input: z.object({ caseId: id }).strict(), permission: 'view_cases', kind: 'query' }),
  'tasks.dueToday': defineChannel<DueTaskList>()({
    input: z.object({ date: isoDateText.optional() }).strict(),
    permission: 'view_cases',
    kind: 'query',
  }),
  'tasks.complete': defineChannel<{ taskId: string; doneAt: UtcInstant }>()({
    input: z.object({ taskId: id }).strict(),
    permission: 'log_activity',
    kind: 'command',
  }),
};
