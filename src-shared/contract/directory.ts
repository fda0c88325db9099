import { z } from 'zod';
import type { UserSummary } from './session';
import { defineChannel } from './define-channel';

export interface QueueSummary {
  id: string;
  name: string;
  priority: number;
}

export const directoryChannels = {
  'directory.agents': defineChannel<UserSummary[]>()({ input: z.object({}).strict(), permission: 'view_cases', kind: 'query' }),
  'directory.queues': defineChannel<QueueSummary[]>()({ input: z.object({}).strict(), permission: 'view_cases', kind: 'query' }),
};
