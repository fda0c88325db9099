import { activityHandlers } from '../activities/activity-handlers';
import { caseWorkHandlers } from '../case-work/case-work-handlers';
import { caseHandlers } from '../cases/case-handlers';
import { directoryHandlers } from '../directory/directory-handlers';
import { recoveryHandlers } from '../recovery/recovery-handlers';
import type { RecoveryService } from '../recovery/recovery-service';
import { sessionHandlers } from '../session/session-handlers';
import { settlementHandlers } from '../settlements/settlement-handlers';
import { strategyHandlers } from '../strategies/strategy-handlers';
import type { Store } from '../store/open-store';
import type { Handlers } from './handler-types';

/**
 * Every channel's handler, composed from each domain's slice; the compiler checks none is missing.
 * `recovery` is the process's one recovery service, shared with its scheduler (sandbox when absent).
 */
export function createHandlers(store: Store, services: { recovery?: RecoveryService } = {}): Handlers {
  return {
    ...sessionHandlers(store),
    ...caseHandlers(store),
    ...directoryHandlers(store),
    ...caseWorkHandlers(store),
    ...activityHandlers(store),
    ...settlementHandlers(store),
    ...strategyHandlers(store),
    ...recoveryHandlers(store, { service: services.recovery }),
  };
}
