import type { HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';

export function settlementHandlers(_store: Store): HandlerSlice<never> {
  return {};
}
