import type { ComplianceCaseHit } from '../../src-shared/contract';
import type { HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';
import { blockedContactsCsv, blockedContactsReport } from './blocked-report';
import { resetComplianceRule, saveComplianceRule } from './rule-commands';
import { complianceRuleViews } from './rule-views';

type Slice = 'complianceAdmin.rules' | 'complianceAdmin.saveRule' | 'complianceAdmin.resetRule' | 'complianceAdmin.findCases' | 'complianceAdmin.blockedReport' | 'complianceAdmin.blockedCsv';

/** The Compliance screen: rules per jurisdiction (changes for admins), the case picker and the blocked-contacts report. */
export function complianceAdminHandlers(store: Store): HandlerSlice<Slice> {
  const { sqlite } = store;
  const findCases = sqlite.prepare(`SELECT c.id AS caseId, c.account_number AS accountNumber, c.borrower_name AS borrowerName, b.jurisdiction, b.timezone
    FROM cases c JOIN loans l ON l.id = c.loan_id JOIN borrowers b ON b.id = l.borrower_id
    WHERE c.account_number LIKE ? ESCAPE '\\' ORDER BY c.active DESC, c.account_number LIMIT 20`);
  return {
    'complianceAdmin.rules': () => complianceRuleViews(sqlite),
    'complianceAdmin.saveRule': (input, { actor }) => saveComplianceRule(store, actor!, input),
    'complianceAdmin.resetRule': (input, { actor }) => resetComplianceRule(store, actor!, input.jurisdiction),
    'complianceAdmin.findCases': ({ accountNumber }) => findCases.all(`${accountNumber.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) as ComplianceCaseHit[],
    'complianceAdmin.blockedReport': (input) => blockedContactsReport(sqlite, input),
    'complianceAdmin.blockedCsv': (input) => blockedContactsCsv(sqlite, input),
  };
}
