import { z } from 'zod';
import { CHANNELS, STAGES, SUB_STATUSES, type Channel, type Stage, type SubStatus } from '../domain/vocabulary';
import { defineChannel } from './define-channel';

/**
 * The configuration tables an administrator edits on the Settings screen (queues and their
 * assignment rules, dunning schedules, SLA timers, late-fee schedules). Supervisors read them;
 * only `admin_settings` changes them, here and at the relay.
 */

const id = z.string().min(1).max(64);
const count = z.number().int().min(0);
const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** A template name as the files are named (`sms_payment_reminder`). */
const templateName = z.string().regex(/^[a-z0-9]+(?:_[a-z0-9]+)*$/, 'is not a template name');

/** A null bound matches anything (seed 002); a range's lower bound may not pass its upper. */
export const QueueRuleInput = z
  .object({
    id: id.optional(),
    dpdMin: count.max(10_000).nullable(),
    dpdMax: count.max(10_000).nullable(),
    balanceMinMinor: minor.nullable(),
    balanceMaxMinor: minor.nullable(),
    productCode: z.string().trim().min(1).max(32).nullable(),
    riskGrade: z.string().trim().min(1).max(8).nullable(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    if (rule.dpdMin !== null && rule.dpdMax !== null && rule.dpdMin > rule.dpdMax) ctx.addIssue({ code: 'custom', path: ['dpdMax'], message: 'must not be below the minimum days past due' });
    if (rule.balanceMinMinor !== null && rule.balanceMaxMinor !== null && rule.balanceMinMinor > rule.balanceMaxMinor) {
      ctx.addIssue({ code: 'custom', path: ['balanceMaxMinor'], message: 'must not be below the minimum balance' });
    }
  });
export type QueueRuleInput = z.infer<typeof QueueRuleInput>;

export const QueueInput = z
  .object({
    /** Absent: a new queue. */
    id: id.optional(),
    name: z.string().trim().min(1).max(80),
    priority: count.max(1000),
    isActive: z.boolean(),
    /** Collectors in round-robin order. */
    memberIds: z.array(id).max(200).refine((ids) => new Set(ids).size === ids.length, 'lists a collector twice'),
    defaultCollectorId: id.nullable(),
    rules: z.array(QueueRuleInput).max(50),
  })
  .strict()
  .refine((queue) => queue.defaultCollectorId === null || queue.memberIds.includes(queue.defaultCollectorId), { path: ['defaultCollectorId'], message: 'must be one of the queue’s collectors' });
export type QueueInput = z.infer<typeof QueueInput>;

export const DunningStepInput = z
  .object({
    id: id.optional(),
    dpdTrigger: z.number().int().min(-60).max(3650),
    channel: z.enum(CHANNELS),
    templateName,
    suppressDuring: z.array(z.enum(SUB_STATUSES)).max(SUB_STATUSES.length),
    escalate: z.boolean(),
  })
  .strict()
  .refine((step) => step.templateName.split('_')[0] === step.channel, { path: ['templateName'], message: 'must be a template of the step’s channel' });

export const DunningScheduleInput = z
  .object({
    id: id.optional(),
    name: z.string().trim().min(1).max(80),
    /** The schedule products without one of their own follow; making one default unmarks the other. */
    isDefault: z.boolean(),
    steps: z.array(DunningStepInput).min(1).max(60),
  })
  .strict()
  .superRefine((schedule, ctx) => {
    const seen = new Set<string>();
    schedule.steps.forEach((step, index) => {
      const key = `${step.dpdTrigger}:${step.channel}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['steps', index, 'dpdTrigger'], message: `repeats the day ${step.dpdTrigger} ${step.channel} step` });
      seen.add(key);
    });
  });
export type DunningScheduleInput = z.infer<typeof DunningScheduleInput>;

export const SlaConfigInput = z
  .object({
    stage: z.enum(STAGES),
    firstContactHours: z.number().int().min(1).max(24 * 60),
    followUpHours: z.number().int().min(1).max(24 * 60),
  })
  .strict();
export type SlaConfigInput = z.infer<typeof SlaConfigInput>;

export const FeeScheduleInput = z
  .object({
    id: id.optional(),
    productCode: z.string().trim().min(1).max(32),
    currency: z.string().regex(/^[A-Z]{3}$/, 'is an ISO 4217 code such as TTD'),
    graceDays: count.max(365),
    flatFeeMinor: minor,
    /** Percent of the installment due, in basis points (500 = 5%). */
    percentBps: count.max(10_000),
    maxFeeMinor: minor.nullable(),
  })
  .strict()
  .superRefine((fee, ctx) => {
    if (fee.flatFeeMinor === 0 && fee.percentBps === 0) ctx.addIssue({ code: 'custom', path: ['flatFeeMinor'], message: 'a schedule charges a flat fee, a percentage or both' });
    if (fee.maxFeeMinor !== null && fee.maxFeeMinor < fee.flatFeeMinor) ctx.addIssue({ code: 'custom', path: ['maxFeeMinor'], message: 'must not be below the flat fee' });
  });
export type FeeScheduleInput = z.infer<typeof FeeScheduleInput>;

export interface QueueView {
  id: string;
  name: string;
  priority: number;
  isActive: boolean;
  defaultCollectorId: string | null;
  memberIds: string[];
  rules: (QueueRuleInput & { id: string })[];
  /** Open cases in the queue now. */
  openCases: number;
}

export interface DunningStepView {
  id: string;
  dpdTrigger: number;
  channel: Channel;
  templateName: string;
  suppressDuring: SubStatus[];
  escalate: boolean;
}

export interface DunningScheduleView {
  id: string;
  name: string;
  isDefault: boolean;
  steps: DunningStepView[];
  /** Products that follow this schedule. */
  productCodes: string[];
}

export interface SlaConfigView {
  stage: Stage;
  firstContactHours: number;
  followUpHours: number;
}

export interface FeeScheduleView {
  id: string;
  productCode: string;
  currency: string;
  graceDays: number;
  flatFeeMinor: number;
  percentBps: number;
  maxFeeMinor: number | null;
}

export interface ProductView {
  code: string;
  name: string;
  kind: string;
  dunningScheduleId: string | null;
}

export interface SettingsConfiguration {
  queues: QueueView[];
  dunningSchedules: DunningScheduleView[];
  slaConfigs: SlaConfigView[];
  feeSchedules: FeeScheduleView[];
  products: ProductView[];
  /** Active collectors that queues may rotate through. */
  collectors: { id: string; name: string }[];
}

const empty = z.object({}).strict();

export const settingsConfigurationChannels = {
  'settings.configuration': defineChannel<SettingsConfiguration>()({ input: empty, permission: 'view_dashboard', kind: 'query' }),
  'settings.saveQueue': defineChannel<QueueView>()({ input: QueueInput, permission: 'admin_settings', kind: 'command' }),
  'settings.saveDunningSchedule': defineChannel<DunningScheduleView>()({ input: DunningScheduleInput, permission: 'admin_settings', kind: 'command' }),
  'settings.saveSlaConfigs': defineChannel<SlaConfigView[]>()({
    input: z.object({ configs: z.array(SlaConfigInput).min(1).max(STAGES.length) }).strict(),
    permission: 'admin_settings',
    kind: 'command',
  }),
  'settings.saveFeeSchedule': defineChannel<FeeScheduleView>()({ input: FeeScheduleInput, permission: 'admin_settings', kind: 'command' }),
};
