import type { ComplianceRuleInput } from '../../src-shared/contract';
import type { Store } from '../store/open-store';
import { runCommand, type Actor } from '../store/run-command';
import { complianceRuleView } from './rule-views';

/**
 * Changes to compliance_rules, a configuration table: each is one command, audited and pushed to
 * the relay, which checks again that the actor holds `admin_settings` (row-rules.ts).
 */

export function saveComplianceRule(store: Store, actor: Actor, input: ComplianceRuleInput) {
  const { sqlite } = store;
  runCommand(store, actor, 'complianceAdmin.saveRule', input, () => {
    sqlite
      .prepare(`INSERT INTO compliance_rules (jurisdiction, preset, hours_start, hours_end, daily_cap, weekly_cap, cooling_off_minutes, counted_channels, is_active)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)
        ON CONFLICT(jurisdiction) DO UPDATE SET preset = excluded.preset, hours_start = excluded.hours_start, hours_end = excluded.hours_end, daily_cap = excluded.daily_cap,
          weekly_cap = excluded.weekly_cap, cooling_off_minutes = excluded.cooling_off_minutes, counted_channels = excluded.counted_channels, is_active = 1`)
      .run(input.jurisdiction, input.preset, input.hoursStart, input.hoursEnd, input.dailyCap, input.weeklyCap, input.coolingOffMinutes, JSON.stringify(input.countedChannels));
    return { value: null, audit: [{ type: 'compliance.rule_saved', entityType: 'compliance_rule', entityId: input.jurisdiction, payload: input }] };
  });
  return complianceRuleView(sqlite, input.jurisdiction);
}

/** Deletes the stored row, so the built-in preset (or, for a US state, the `US` row) applies again. */
export function resetComplianceRule(store: Store, actor: Actor, jurisdiction: string) {
  const { sqlite } = store;
  runCommand(store, actor, 'complianceAdmin.resetRule', { jurisdiction }, () => {
    const removed = sqlite.prepare('DELETE FROM compliance_rules WHERE jurisdiction = ?').run(jurisdiction).changes;
    return { value: null, audit: [{ type: 'compliance.rule_reset', entityType: 'compliance_rule', entityId: jurisdiction, payload: { jurisdiction, removed: removed > 0 } }] };
  });
  return complianceRuleView(sqlite, jurisdiction);
}
