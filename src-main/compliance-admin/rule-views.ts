import type Database from 'better-sqlite3';
import type { ComplianceRuleView } from '../../src-shared/contract';
import { appliesRegulationF, countsAcrossLoans, presetRule } from '../../src-shared/compliance/rules';
import { ruleFor } from '../compliance/contact-facts';

/** The jurisdictions the gate ever sees: every borrower's, every stored row's, and the US presets. */
function jurisdictions(sqlite: Database.Database): string[] {
  const codes = sqlite
    .prepare('SELECT jurisdiction FROM borrowers UNION SELECT jurisdiction FROM compliance_rules')
    .pluck()
    .all() as string[];
  return [...new Set([...codes, 'US', 'US-MA', 'US-NY-NYC'])].sort();
}

/** The rule the gate applies to one jurisdiction, saying whether a stored row or the built-in preset supplies it. */
export function complianceRuleView(sqlite: Database.Database, jurisdiction: string): ComplianceRuleView {
  const own = sqlite.prepare('SELECT 1 FROM compliance_rules WHERE jurisdiction = ? AND is_active = 1').get(jurisdiction) !== undefined;
  const stored = ruleFor(sqlite, jurisdiction);
  const rule = stored ?? presetRule(jurisdiction);
  return {
    ...rule,
    // A US state with no row of its own follows the stored `US` row: that row is what a reset here would leave.
    source: own ? 'stored' : 'preset',
    presetValues: presetRule(jurisdiction),
    regulationF: appliesRegulationF(rule.preset),
    countsAcrossLoans: countsAcrossLoans(rule.preset),
    borrowers: sqlite.prepare('SELECT count(*) FROM borrowers WHERE jurisdiction = ?').pluck().get(jurisdiction) as number,
  };
}

export function complianceRuleViews(sqlite: Database.Database): ComplianceRuleView[] {
  return jurisdictions(sqlite).map((code) => complianceRuleView(sqlite, code));
}
