import type { CaseSummary } from '../../src-shared/contract';
import { AppError } from '../../src-shared/errors';
import { stableId } from '../../src-shared/ids';
import type { HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';
import { runCommand } from '../store/run-command';
import { createQueueReader } from './query-queue';
import { createQueueSelection } from './queue-selection';
import { CASE_ROW_COLUMNS, CASE_ROW_JOINS, toQueueRow, type CaseRowRecord } from './queue-rows';

type SummaryRecord = CaseRowRecord & {
  reason_code: CaseSummary['reasonCode'];
  nba_confidence: number | null;
  episode_started_on: CaseSummary['episodeStartedOn'];
  closed_on: CaseSummary['closedOn'];
  as_of: CaseSummary['asOf'];
  borrower_id: string;
  language: string;
  timezone: string | null;
  jurisdiction: string;
  do_not_contact: number;
  ssn_last_four: string | null;
  primary_phone: string | null;
  email: string | null;
  product_code: string;
  principal_minor: number;
  interest_rate_pct: string;
  originated_on: CaseSummary['loan']['originatedOn'];
  sub_status: string | null;
  risk_grade: string | null;
};

type Slice = 'cases.queue' | 'cases.get' | 'cases.assign' | 'cases.queueIds' | 'cases.exportCsv' | 'cases.nextForMe';

export function caseHandlers(store: Store): HandlerSlice<Slice> {
  const readQueue = createQueueReader(store.sqlite);
  const selection = createQueueSelection(store.sqlite);
  // "Next account": my active cases in priority order, ties by rowid as the queue breaks them.
  const myTopCase = store.sqlite.prepare('SELECT id FROM cases WHERE active = 1 AND assigned_agent_id = ? ORDER BY priority_score DESC, rowid DESC LIMIT 1').pluck();
  const myCaseAfter = store.sqlite
    .prepare(`SELECT c.id FROM cases c, (SELECT priority_score AS s, rowid AS r FROM cases WHERE id = @after) a
      WHERE c.active = 1 AND c.assigned_agent_id = @me AND (c.priority_score < a.s OR (c.priority_score = a.s AND c.rowid < a.r))
      ORDER BY c.priority_score DESC, c.rowid DESC LIMIT 1`)
    .pluck();
  const caseById = store.sqlite.prepare(`
    SELECT ${CASE_ROW_COLUMNS}, c.reason_code, c.nba_confidence, c.episode_started_on, c.closed_on, (SELECT value FROM app_meta WHERE key = 'last_daily_run') AS as_of,
      b.id AS borrower_id, b.language, b.timezone, b.jurisdiction, b.do_not_contact, b.ssn_last_four,
      (SELECT p.e164 FROM phones p WHERE p.borrower_id = b.id AND p.is_active = 1 ORDER BY p.is_primary DESC, p.id LIMIT 1) AS primary_phone,
      (SELECT e.email FROM emails e WHERE e.borrower_id = b.id AND e.is_active = 1 ORDER BY e.is_primary DESC, e.id LIMIT 1) AS email,
      l.product_code, l.principal_minor, l.interest_rate_pct, l.originated_on, l.sub_status, l.risk_grade
    FROM cases c ${CASE_ROW_JOINS} JOIN loans l ON l.id = c.loan_id JOIN borrowers b ON b.id = l.borrower_id
    WHERE c.id = ?`);
  const agentExists = store.sqlite.prepare(`SELECT 1 FROM users WHERE id = ? AND active = 1 AND role IN ('agent', 'supervisor')`);
  const caseAssignee = store.sqlite.prepare('SELECT assigned_agent_id FROM cases WHERE id = ?');
  const setAssignee = store.sqlite.prepare('UPDATE cases SET assigned_agent_id = ? WHERE id = ?');
  const recordAssignment = store.sqlite.prepare('INSERT INTO case_assignments (id, case_id, agent_id, assigned_by, assigned_at) VALUES (?, ?, ?, ?, ?)');

  return {
    'cases.queue': (query) => readQueue(query),
    'cases.queueIds': (query) => selection.ids(query),
    'cases.exportCsv': (query) => {
      const { csv, rows } = selection.csv(query);
      const asOf = (store.sqlite.prepare(`SELECT value FROM app_meta WHERE key = 'last_daily_run'`).pluck().get() as string | undefined) ?? new Date().toISOString().slice(0, 10);
      return { filename: `recourse-queue-${asOf}.csv`, csv, rows };
    },
    'cases.nextForMe': ({ afterCaseId }, { actor }) => {
      const next = afterCaseId === undefined ? myTopCase.get(actor!.id) : myCaseAfter.get({ after: afterCaseId, me: actor!.id });
      return { caseId: (next as string | undefined) ?? null };
    },
    'cases.get': ({ caseId }) => {
      const r = caseById.get(caseId) as SummaryRecord | undefined;
      if (!r) throw new AppError('not_found', `no case ${caseId}`, 'caseId');
      const summary: CaseSummary = {
        ...toQueueRow(r),
        reasonCode: r.reason_code,
        nbaConfidence: r.nba_confidence,
        episodeStartedOn: r.episode_started_on,
        closedOn: r.closed_on,
        asOf: r.as_of,
        borrower: {
          id: r.borrower_id,
          language: r.language,
          timezone: r.timezone,
          jurisdiction: r.jurisdiction,
          doNotContact: Boolean(r.do_not_contact),
          ssnLastFour: r.ssn_last_four,
          primaryPhone: r.primary_phone,
          email: r.email,
        },
        loan: {
          productCode: r.product_code,
          principalMinor: r.principal_minor,
          interestRatePct: r.interest_rate_pct,
          originatedOn: r.originated_on,
          subStatus: r.sub_status,
          riskGrade: r.risk_grade,
        },
      };
      return summary;
    },
    'cases.assign': ({ caseIds, agentId }, { actor, broadcast }) => {
      if (agentId !== null && !agentExists.get(agentId)) throw new AppError('validation', `no active agent or supervisor ${agentId}`, 'agentId');
      const unique = [...new Set(caseIds)];
      const updated = runCommand(store, actor!, 'cases.assign', { caseIds: unique, agentId }, (at) => {
        const audit = [];
        for (const caseId of unique) {
          const current = caseAssignee.get(caseId) as { assigned_agent_id: string | null } | undefined;
          if (!current) throw new AppError('not_found', `no case ${caseId}; nothing was assigned`, 'caseIds');
          if (current.assigned_agent_id === agentId) continue;
          setAssignee.run(agentId, caseId);
          recordAssignment.run(stableId('assignment', caseId, at, agentId ?? 'none'), caseId, agentId, actor!.id, at);
          audit.push({ type: 'case.assigned', entityType: 'case', entityId: caseId, payload: { from: current.assigned_agent_id, to: agentId } });
        }
        return { value: audit.length, audit };
      });
      if (updated > 0) broadcast('cases.changed', { caseIds: unique });
      return { updated };
    },
  };
}
