import { z } from 'zod';
import { CONTACT_REASONS } from '../compliance/types';
import { RULE_PRESETS, type JurisdictionRule } from '../compliance/rules';
import { CHANNELS, type Channel } from '../domain/vocabulary';
import { defineChannel } from './define-channel';

/**
 * The Compliance screen: the contact rules per jurisdiction (admins change them, supervisors read
 * them), a search for the case to check, and the report of contacts the gate refused.
 */

const clock = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'is a time as HH:MM');
const minutesOfDay = (value: string) => Number(value.slice(0, 2)) * 60 + Number(value.slice(3, 5));
const cap = z.number().int().min(1).max(100).nullable();
const jurisdictionCode = z.string().regex(/^[A-Z]{2}(?:-[A-Z]{2,3}){0,2}$/, 'is a jurisdiction code such as TT or US-NY-NYC');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'is a date as YYYY-MM-DD');

/** Only what `JurisdictionRule` models; the preset decides which statutory 7-day limits apply on top. */
export const ComplianceRuleInput = z
  .object({
    jurisdiction: jurisdictionCode,
    preset: z.enum(RULE_PRESETS),
    hoursStart: clock,
    hoursEnd: clock,
    dailyCap: cap,
    weeklyCap: cap,
    coolingOffMinutes: z.number().int().min(1).max(7 * 24 * 60).nullable(),
    countedChannels: z.array(z.enum(CHANNELS)).min(1).max(CHANNELS.length).refine((list) => new Set(list).size === list.length, 'lists a channel twice'),
  })
  .strict()
  .superRefine((rule, ctx) => {
    // Equal start and end mean the whole day (rules.ts); an end before the start would wrap past midnight, which the gate does not model.
    if (rule.hoursStart !== rule.hoursEnd && minutesOfDay(rule.hoursEnd) < minutesOfDay(rule.hoursStart)) ctx.addIssue({ code: 'custom', path: ['hoursEnd'], message: 'must not be before the start' });
    if (rule.hoursStart === '24:00') ctx.addIssue({ code: 'custom', path: ['hoursStart'], message: 'must be before 24:00' });
    if (rule.dailyCap !== null && rule.weeklyCap !== null && rule.weeklyCap < rule.dailyCap) ctx.addIssue({ code: 'custom', path: ['weeklyCap'], message: 'must not be below the daily cap' });
  });
export type ComplianceRuleInput = z.infer<typeof ComplianceRuleInput>;

export interface ComplianceRuleView extends JurisdictionRule {
  /** `stored`: a row of compliance_rules; `preset`: none, so the built-in values apply. */
  source: 'stored' | 'preset';
  /** The built-in values, for "reset to preset". */
  presetValues: JurisdictionRule;
  regulationF: boolean;
  countsAcrossLoans: boolean;
  borrowers: number;
}

export interface ComplianceCaseHit {
  caseId: string;
  accountNumber: string;
  borrowerName: string;
  jurisdiction: string;
  timezone: string | null;
}

export const BLOCKED_LIST_LIMIT = 500;

export interface BlockedAttemptView {
  id: string;
  at: string;
  channel: Channel;
  accountNumber: string;
  borrowerName: string;
  jurisdiction: string;
  reasons: string[];
}

export interface BlockedContactsReport {
  from: string;
  to: string;
  total: number;
  /** One row per reason and channel; an attempt with two reasons counts under both. */
  groups: { reason: string; channel: Channel; count: number }[];
  /** Newest first, at most `BLOCKED_LIST_LIMIT`. */
  attempts: BlockedAttemptView[];
}

export const BlockedReportInput = z
  .object({ from: isoDate, to: isoDate, reason: z.enum(CONTACT_REASONS).nullable().default(null), channel: z.enum(CHANNELS).nullable().default(null) })
  .strict()
  .refine((range) => range.from <= range.to, { path: ['to'], message: 'must not be before the start' });

export const complianceAdminChannels = {
  'complianceAdmin.rules': defineChannel<ComplianceRuleView[]>()({ input: z.object({}).strict(), permission: 'view_dashboard', kind: 'query' }),
  'complianceAdmin.saveRule': defineChannel<ComplianceRuleView>()({ input: ComplianceRuleInput, permission: 'admin_settings', kind: 'command' }),
  /** Removes the stored row, so the built-in preset applies again. */
  'complianceAdmin.resetRule': defineChannel<ComplianceRuleView>()({ input: z.object({ jurisdiction: jurisdictionCode }).strict(), permission: 'admin_settings', kind: 'command' }),
  /** Cases whose account number starts with the text typed (the checker's and history's picker). */
  'complianceAdmin.findCases': defineChannel<ComplianceCaseHit[]>()({ input: z.object({ accountNumber: z.string().trim().min(1).max(40) }).strict(), permission: 'view_dashboard', kind: 'query' }),
  'complianceAdmin.blockedReport': defineChannel<BlockedContactsReport>()({ input: BlockedReportInput, permission: 'view_dashboard', kind: 'query' }),
  'complianceAdmin.blockedCsv': defineChannel<{ filename: string; csv: string; rows: number }>()({ input: BlockedReportInput, permission: 'view_dashboard', kind: 'query' }),
};
