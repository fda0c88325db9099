import { activityHandlers } from '../activities/activity-handlers';
import { alertHandlers } from '../alerts/alert-handlers';
import { approvalHandlers } from '../approvals/approval-handlers';
import { caseAuditHandlers } from '../case-audit/case-audit-handlers';
import { caseComplianceHandlers } from '../case-compliance/case-compliance-handlers';
import { complianceAdminHandlers } from '../compliance-admin/compliance-admin-handlers';
import { borrowerHandlers } from '../borrowers/borrower-handlers';
import { caseDetailHandlers } from '../case-detail/case-detail-handlers';
import { caseWorkHandlers } from '../case-work/case-work-handlers';
import { caseHandlers } from '../cases/case-handlers';
import { dashboardHandlers } from '../dashboard/dashboard-handlers';
import { directoryHandlers } from '../directory/directory-handlers';
import { communicationHandlers } from '../communications/communication-handlers';
import type { Communications } from '../communications/communications';
import { letterHandlers } from '../letters/letter-handlers';
import { recoveryHandlers } from '../recovery/recovery-handlers';
import { selfServiceHandlers } from '../self-service/self-service-handlers';
import { sessionHandlers } from '../session/session-handlers';
import { settlementHandlers } from '../settlements/settlement-handlers';
import { settingsHandlers } from '../settings/settings-handlers';
import { strategyHandlers } from '../strategies/strategy-handlers';
import type { Store } from '../store/open-store';
import { tapeHandlers } from '../tape/tape-handlers';
import type { Handlers } from './handler-types';
import { syncHandlers } from '../sync/sync-handlers';
import type { SyncManager } from '../sync/sync-manager';

/**
 * Every channel's handler, composed from each domain's slice; the compiler checks none is missing.
 * `communications` and `sync` are the process's own, shared with its scheduler and shell.
 */
export function createHandlers(
  store: Store,
  { communications, sync, chooseFolder }: { communications: Communications; sync: SyncManager; chooseFolder?: (title: string) => Promise<string | null> },
): Handlers {
  return {
    ...sessionHandlers(store, sync.relayForSignIn),
    ...caseHandlers(store),
    ...caseDetailHandlers(store),
    ...caseComplianceHandlers(store),
    ...complianceAdminHandlers(store),
    ...caseAuditHandlers(store),
    ...borrowerHandlers(store),
    ...directoryHandlers(store),
    ...caseWorkHandlers(store),
    ...activityHandlers(store),
    ...alertHandlers(store),
    ...settlementHandlers(store),
    ...dashboardHandlers(store),
    ...approvalHandlers(store, () => sync.status().state),
    ...strategyHandlers(store),
    ...recoveryHandlers(store, communications.recovery),
    ...communicationHandlers(store, communications),
    ...letterHandlers(store, communications.recovery),
    ...syncHandlers(sync),
    ...selfServiceHandlers(store, sync),
    ...settingsHandlers(store),
    ...tapeHandlers(store, () => sync.status().state, chooseFolder),
  };
}
