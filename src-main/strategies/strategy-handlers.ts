import type { HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';

export function strategyHandlers(_store: Store): HandlerSlice<never> {
  return {};
}
