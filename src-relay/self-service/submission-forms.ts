import { z } from 'zod';
import { settlementOptions } from '../../src-shared/domain/settlement';

/** The four things a borrower can do, each its own form, command name and confirmation. */
export const SUBMISSION_KINDS = ['plan', 'dispute', 'preferences', 'optOut'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];

export const COMMAND_OF: Readonly<Record<SubmissionKind, string>> = {
  plan: 'selfService.requestPlan',
  dispute: 'selfService.dispute',
  preferences: 'selfService.preferences',
  optOut: 'selfService.optOut',
};

export const DISPUTE_CATEGORIES = ['amount_incorrect', 'payment_not_applied', 'fees_charges', 'not_my_debt', 'identity_theft', 'other'] as const;
export type DisputeCategory = (typeof DISPUTE_CATEGORIES)[number];

export const PREFERRED_CHANNELS = ['sms', 'whatsapp', 'voice', 'email', 'mail'] as const;
export const OPT_OUT_CHANNELS = ['text', 'email'] as const;
export type OptOutChannel = (typeof OPT_OUT_CHANNELS)[number];

/** Every option type of the calculator; which of them a borrower may pick is decided on the ledger's figures. */
const PLAN_TYPES = ['full_payment', 'partial_settlement', 'short_plan_3', 'short_plan_6', 'long_plan_12'] as const satisfies readonly ReturnType<typeof settlementOptions>[number]['type'][];

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time_format');

/** Fields every form carries: the link, the nonce it was drawn with and its CSRF token. */
const envelope = { t: z.string().min(10).max(600), nonce: z.uuid(), csrf: z.string().min(20).max(100) };

export const SUBMISSION_SCHEMAS = {
  plan: z.object({ ...envelope, option: z.enum(PLAN_TYPES, 'choose_option') }).strict(),
  dispute: z
    .object({
      ...envelope,
      category: z.enum(DISPUTE_CATEGORIES, 'choose_category'),
      description: z.string().trim().min(10, 'describe_more').max(2000, 'describe_less'),
    })
    .strict(),
  preferences: z
    .object({ ...envelope, channel: z.enum(PREFERRED_CHANNELS, 'choose_channel'), hoursStart: time, hoursEnd: time })
    .strict()
    .refine((form) => form.hoursStart < form.hoursEnd, { message: 'hours_order', path: ['hoursEnd'] }),
  optOut: z.object({ ...envelope, channel: z.enum(OPT_OUT_CHANNELS, 'choose_channel') }).strict(),
} satisfies Record<SubmissionKind, z.ZodType>;

export type SubmissionInput<K extends SubmissionKind> = z.infer<(typeof SUBMISSION_SCHEMAS)[K]>;
