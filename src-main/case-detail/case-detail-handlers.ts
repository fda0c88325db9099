import type { CaseDetail, WarningFlagView } from '../../src-shared/contract';
import type { IsoDate } from '../../src-shared/dates';
import type { NbaAction, Stage } from '../../src-shared/domain/vocabulary';
import { slaTimers } from '../../src-shared/engine/case-timers';
import { requireCase } from '../case-work/require-case';
import type { HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';

interface TimerRecord {
  stage: Stage | null;
  opened_on: string;
  sla_breached: number;
  first_contact_hours: number | null;
  follow_up_hours: number | null;
  nba_override_action: NbaAction | null;
  nba_override_reason: string | null;
  override_by_name: string | null;
}

/** `cases.detail`: the case workspace's overview beyond the queue row (SLA timers, warnings, override). */
export function caseDetailHandlers(store: Store): HandlerSlice<'cases.detail'> {
  const { sqlite } = store;
  const timers = sqlite.prepare(`SELECT c.stage, c.opened_on, c.sla_breached, s.first_contact_hours, s.follow_up_hours,
      c.nba_override_action, c.nba_override_reason, u.name AS override_by_name
    FROM cases c LEFT JOIN sla_configs s ON s.stage = c.stage LEFT JOIN users u ON u.id = c.nba_override_by WHERE c.id = ?`);
  const flags = sqlite.prepare(`SELECT id, type, severity, details, raised_on AS raisedOn FROM early_warning_flags WHERE loan_id = ? AND cleared_on IS NULL
    ORDER BY CASE severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END, type`);
  const lastOutbound = sqlite.prepare(`SELECT max(at) FROM contact_attempts WHERE loan_id = ? AND direction = 'outbound' AND blocked = 0`).pluck();

  return {
    'cases.detail': ({ caseId }) => {
      const kase = requireCase(sqlite, caseId);
      const r = timers.get(caseId) as TimerRecord;
      const lastOutboundContactAt = (lastOutbound.get(kase.loan_id) as string | null) ?? null;
      // The run's own formula, over the contacts made since it ran: a call logged a minute ago restarts the follow-up clock on screen now.
      const configs = r.stage && r.first_contact_hours !== null && r.follow_up_hours !== null ? { [r.stage]: { firstContactHours: r.first_contact_hours, followUpHours: r.follow_up_hours } } : {};
      const live = slaTimers(r.stage, configs, r.opened_on as IsoDate, lastOutboundContactAt, r.opened_on as IsoDate);
      const warningFlags = (flags.all(kase.loan_id) as (Omit<WarningFlagView, 'details'> & { details: string })[]).map((flag) => ({ ...flag, details: JSON.parse(flag.details) as Record<string, unknown> }));
      const detail: CaseDetail = {
        caseId,
        sla: {
          firstContactDueAt: live.firstContactDueAt,
          nextFollowUpDueAt: live.nextFollowUpDueAt,
          breached: r.sla_breached === 1,
          firstContactHours: r.first_contact_hours,
          followUpHours: r.follow_up_hours,
        },
        warningFlags,
        nbaOverride: r.nba_override_action ? { action: r.nba_override_action, reason: r.nba_override_reason ?? '', byName: r.override_by_name } : null,
        lastOutboundContactAt,
      };
      return detail;
    },
  };
}
