import type { HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';
import { createActivityLogReader } from './activity-log';
import { logActivityHandler } from './log-activity';
import { promiseHandlers } from './promise-handlers';
import { taskHandlers } from './task-handlers';

type ActivityChannel = 'activities.log' | 'activities.list' | 'promises.create' | 'promises.cancel' | 'promises.list' | 'tasks.dueToday' | 'tasks.complete';

/** Activities, promises to pay and follow-up tasks: the record of working a case. */
export function activityHandlers(store: Store): HandlerSlice<ActivityChannel> {
  return {
    ...logActivityHandler(store),
    'activities.list': createActivityLogReader(store),
    ...promiseHandlers(store),
    ...taskHandlers(store),
  };
}
