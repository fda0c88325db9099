import { z } from 'zod';
import { NBA_ACTIONS, PRIORITIES, REASON_CODES, SEVERITIES } from '../domain/vocabulary';
import { parseIsoDate } from '../dates';
import { defineChannel } from './define-channel';

const id = z.string().min(1).max(64);
const reason = z.string().trim().min(3, 'give a reason of at least 3 characters').max(1000);
const isoDateText = z.string().refine((text) => parseIsoDate(text) !== null, 'must be a date written YYYY-MM-DD');

/** Statuses a person may set; closed/settled/written_off come from their own commands. */
export const EDITABLE_CASE_STATUSES = ['open', 'in_progress', 'on_hold', 'legal'] as const;

const newCase = z
  .object({
    accountNumber: z.string().trim().min(1).max(64),
    priority: z.enum(PRIORITIES),
    severity: z.enum(SEVERITIES),
    reasonCode: z.enum(REASON_CODES),
    assignedAgentId: id.optional(),
    openedOn: isoDateText.optional(),
    defaultType: z.enum(['payment_default', 'infraction']).default('payment_default'),
  })
  .strict();
export type NewCase = z.input<typeof newCase>;

export const caseWorkChannels = {
  'cases.update': defineChannel<{ caseId: string }>()({
    input: z
      .object({
        caseId: id,
        status: z.enum(EDITABLE_CASE_STATUSES).optional(),
        priority: z.enum(PRIORITIES).optional(),
        reasonCode: z.enum(REASON_CODES).optional(),
        flags: z.object({ dispute: z.boolean().optional(), vulnerability: z.boolean().optional(), hardship: z.boolean().optional() }).strict().optional(),
      })
      .strict()
      .refine((u) => u.status !== undefined || u.priority !== undefined || u.reasonCode !== undefined || u.flags !== undefined, { message: 'nothing to change', path: ['caseId'] }),
    permission: 'update_case',
    kind: 'command',
  }),
  'cases.overrideNba': defineChannel<{ caseId: string }>()({
    input: z.object({ caseId: id, action: z.enum(NBA_ACTIONS), reason }).strict(),
    permission: 'update_case',
    kind: 'command',
  }),
  'cases.create': defineChannel<{ caseId: string }>()({ input: newCase, permission: 'create_case', kind: 'command' }),
  'cases.createBatch': defineChannel<{ caseIds: string[] }>()({
    input: z.object({ cases: z.array(newCase).min(1).max(200) }).strict(),
    permission: 'create_case',
    kind: 'command',
  }),
  'cases.close': defineChannel<{ caseId: string }>()({
    input: z.object({ caseId: id, reason }).strict(),
    permission: 'update_case',
    kind: 'command',
  }),
  'cases.writeOff': defineChannel<{ caseId: string }>()({
    input: z.object({ caseId: id, reason }).strict(),
    permission: 'approve_settlement',
    kind: 'command',
  }),
  'contacts.overrideDoNotContact': defineChannel<{ overrideId: string; expiresAt: string }>()({
    input: z.object({ caseId: id, reason }).strict(),
    permission: 'override_do_not_contact',
    kind: 'command',
  }),
};
