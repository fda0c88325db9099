import { z } from 'zod';
import { parseIsoDate } from '../dates';
import { defineChannel } from './define-channel';

const id = z.string().min(1).max(64);
const isoDateText = z.string().refine((text) => parseIsoDate(text) !== null, 'must be a date written YYYY-MM-DD');

export interface StrategyRow {
  id: string;
  loanId: string;
  strategyType: 'SOFT_COLLECTION' | 'HARD_COLLECTION' | 'LEGAL';
  priorityLevel: number;
  contactFrequency: 'DAILY' | 'WEEKLY' | 'BIWEEKLY';
  nextContactOn: string | null;
  assignedTo: string | null;
  createdAt: string;
}

export interface AgencyRow {
  id: string;
  name: string;
  commissionType: 'flat_fee' | 'percentage';
  commissionRate: number;
}

export interface PlacementRow {
  id: string;
  agencyId: string;
  agencyName: string;
  caseId: string;
  placedOn: string;
  placedBalanceMinor: number;
  recalledOn: string | null;
  recallReason: string | null;
}

export const strategyChannels = {
  'strategies.create': defineChannel<StrategyRow>()({
    input: z
      .object({
        caseId: id,
        strategyType: z.enum(['SOFT_COLLECTION', 'HARD_COLLECTION', 'LEGAL']),
        priorityLevel: z.number().int().min(1).max(10),
        contactFrequency: z.enum(['DAILY', 'WEEKLY', 'BIWEEKLY']),
        nextContactOn: isoDateText.optional(),
        assignedTo: id.optional(),
      })
      .strict(),
    permission: 'create_strategy',
    kind: 'command',
  }),
  'strategies.list': defineChannel<StrategyRow[]>()({ input: z.object({ caseId: id }).strict(), permission: 'view_cases', kind: 'query' }),
  'agencies.list': defineChannel<AgencyRow[]>()({ input: z.object({}).strict(), permission: 'view_cases', kind: 'query' }),
  'agencies.placements': defineChannel<PlacementRow[]>()({ input: z.object({ caseId: id }).strict(), permission: 'view_cases', kind: 'query' }),
  'agencies.place': defineChannel<PlacementRow>()({ input: z.object({ caseId: id, agencyId: id }).strict(), permission: 'assign_cases', kind: 'command' }),
  'agencies.recall': defineChannel<PlacementRow>()({
    input: z.object({ placementId: id, reason: z.string().trim().min(3).max(1000) }).strict(),
    permission: 'assign_cases',
    kind: 'command',
  }),
};
