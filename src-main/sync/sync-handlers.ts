import type { HandlerSlice } from '../ipc/handler-types';
import type { SyncManager } from './sync-manager';

type Slice = 'sync.status' | 'sync.rejections' | 'sync.setAside' | 'sync.now' | 'sync.configure' | 'sync.disconnect';

/** The sync indicator, the rejected-commands and set-aside rows lists, and the relay settings. */
export function syncHandlers(sync: SyncManager): HandlerSlice<Slice> {
  return {
    'sync.status': () => sync.status(),
    'sync.rejections': () => ({ rejections: sync.rejections() }),
    'sync.setAside': () => ({ rows: sync.setAsideRows() }),
    'sync.now': () => sync.syncNow(),
    'sync.configure': (input) => sync.configure(input),
    'sync.disconnect': () => sync.disconnect(),
  };
}
