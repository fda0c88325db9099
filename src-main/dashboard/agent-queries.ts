import type Database from 'better-sqlite3';
import type { AgentPerformance } from '../../src-shared/contract/dashboard';
import type { IsoDate } from '../../src-shared/dates';
import { contactOfActivity, type ContactDirection } from '../../src-shared/domain/contact-outcome';
import { collected, promiseKeptRate } from '../../src-shared/domain/kpis';
import type { ActivityOutcome, ActivityType, PromiseStatus } from '../../src-shared/domain/vocabulary';
import type { CollectedGroup } from './collected-query';
import { fromRecord } from './currency-amounts';
import { CURRENCY_FILTER } from './kpi-queries';
import { dayAfter, type DashboardPeriod } from './period';

/**
 * The agent performance table. Each measure is one grouped query keyed by the agent: cases
 * assigned now, activities and promises the agent recorded in the period, and payments in the
 * period on loans whose case (the one open on the payment's date) the agent holds now.
 */
export function agentQuery(sqlite: Database.Database) {
  // Agents, and any supervisor who holds cases or logged work, so no figure goes unattributed.
  const people = sqlite.prepare(`SELECT id, name FROM users WHERE active = 1 AND role = 'agent'
                                   OR id IN (SELECT assigned_agent_id FROM cases WHERE active = 1) OR id IN (SELECT performed_by FROM activities WHERE at >= @from AND at < @until)
                                 ORDER BY name`);
  const cases = sqlite.prepare(`SELECT assigned_agent_id AS agentId, count(*) AS count FROM cases l WHERE active = 1 AND assigned_agent_id IS NOT NULL AND ${CURRENCY_FILTER} GROUP BY 1`);
  const activities = sqlite.prepare(`SELECT a.performed_by AS agentId, a.type, a.direction, a.outcome, count(*) AS count FROM activities a JOIN loans l ON l.id = a.loan_id
                                     WHERE a.performed_by IS NOT NULL AND a.at >= @from AND a.at < @until AND ${CURRENCY_FILTER} GROUP BY 1, 2, 3, 4`);
  const promisesTaken = sqlite.prepare(`SELECT p.created_by AS agentId, count(*) AS count FROM promises p JOIN loans l ON l.id = p.loan_id
                                        WHERE p.created_by IS NOT NULL AND p.created_on >= @from AND p.created_on <= @to AND ${CURRENCY_FILTER} GROUP BY 1`);
  const promisesDue = sqlite.prepare(`SELECT p.created_by AS agentId, p.due_on AS dueOn, p.status, count(*) AS count FROM promises p JOIN loans l ON l.id = p.loan_id
                                      WHERE p.created_by IS NOT NULL AND p.due_on >= @from AND p.due_on <= @to AND ${CURRENCY_FILTER} GROUP BY 1, 2, 3`);

  return (period: DashboardPeriod, currency: string | null, paid: readonly CollectedGroup[]): AgentPerformance[] => {
    const range = { from: period.from, to: period.to, until: dayAfter(period.to), currency };
    const caseCounts = new Map((cases.all({ currency }) as { agentId: string; count: number }[]).map((row) => [row.agentId, row.count]));
    const taken = new Map((promisesTaken.all(range) as { agentId: string; count: number }[]).map((row) => [row.agentId, row.count]));
    const work = activities.all(range) as { agentId: string; type: ActivityType; direction: ContactDirection; outcome: ActivityOutcome | null; count: number }[];
    const due = promisesDue.all(range) as { agentId: string; dueOn: IsoDate; status: PromiseStatus; count: number }[];
    return (people.all(range) as { id: string; name: string }[]).map(({ id, name }) => {
      let contacts = 0;
      let rightPartyContacts = 0;
      for (const row of work.filter((w) => w.agentId === id)) {
        const contact = contactOfActivity(row);
        if (contact === null || contact.direction !== 'outbound') continue;
        contacts += row.count;
        if (contact.channel === 'voice' && contact.outcome === 'conversation') rightPartyContacts += row.count;
      }
      return {
        agentId: id,
        name,
        cases: caseCounts.get(id) ?? 0,
        contacts,
        rightPartyContacts,
        promises: taken.get(id) ?? 0,
        keptRate: promiseKeptRate(due.filter((row) => row.agentId === id), period.from, period.to),
        collected: fromRecord(collected(paid.filter((row) => row.agentId === id), period.from, period.to)),
      };
    });
  };
}
