import type { QueueSummary, UserSummary } from '../../src-shared/contract';
import type { HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';

export function directoryHandlers(store: Store): HandlerSlice<'directory.agents' | 'directory.queues'> {
  const agents = store.sqlite.prepare(`SELECT id, name, email, role FROM users WHERE active = 1 AND role IN ('agent', 'supervisor') ORDER BY name`);
  const queues = store.sqlite.prepare('SELECT id, name, priority FROM queues WHERE is_active = 1 ORDER BY priority, name');
  return {
    'directory.agents': () => agents.all() as UserSummary[],
    'directory.queues': () => queues.all() as QueueSummary[],
  };
}
