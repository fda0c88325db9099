import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../src-shared/contract';
import { useSeededDispatcher } from '../../tests-support/dispatcher';

const seeded = useSeededDispatcher(60);

const caseWhere = (condition: string) =>
  seeded.store.sqlite.prepare(`SELECT c.id, c.loan_id FROM cases c WHERE c.active = 1 AND ${condition} ORDER BY c.id LIMIT 1`).get() as { id: string; loan_id: string };

describe('cases.detail through the dispatcher', () => {
  it("gives the case's SLA timers as the daily run left them when nothing happened since, with its stage's allowances", async () => {
    // Contacts up to the run's as-of day only, none blocked: the run saw exactly what the screen sees.
    const { id } = caseWhere(`c.stage IS NOT NULL AND NOT EXISTS (SELECT 1 FROM contact_attempts a WHERE a.loan_id = c.loan_id
      AND (a.blocked = 1 OR a.at >= date((SELECT value FROM app_meta WHERE key = 'last_daily_run'), '+1 day')))`);
    const row = seeded.store.sqlite.prepare(`SELECT c.first_contact_due_at, c.next_follow_up_due_at, c.sla_breached, s.first_contact_hours, s.follow_up_hours
      FROM cases c JOIN sla_configs s ON s.stage = c.stage WHERE c.id = ?`).get(id) as Record<string, string | number | null>;
    const detail = (await seeded.t.ok(seeded.t.sessionAs('agent'), 'cases.detail', { caseId: id })) as CaseDetail;
    expect(detail.sla).toEqual({
      firstContactDueAt: row.first_contact_due_at,
      nextFollowUpDueAt: row.next_follow_up_due_at,
      breached: row.sla_breached === 1,
      firstContactHours: row.first_contact_hours,
      followUpHours: row.follow_up_hours,
    });
  });

  it('restarts the follow-up clock from a call logged since the run, and keeps the run\'s breach verdict', async () => {
    const agent = seeded.t.sessionAs('agent');
    const { id } = caseWhere(`c.stage IS NOT NULL AND c.sla_breached = 1 AND c.id NOT IN (SELECT case_id FROM activities)`);
    const logged = (await seeded.t.ok(agent, 'activities.log', { caseId: id, type: 'CALL', outcome: 'NO_ANSWER' })) as { at: string };
    const hours = seeded.store.sqlite.prepare('SELECT s.follow_up_hours FROM cases c JOIN sla_configs s ON s.stage = c.stage WHERE c.id = ?').pluck().get(id) as number;
    const detail = (await seeded.t.ok(agent, 'cases.detail', { caseId: id })) as CaseDetail;
    expect(detail.lastOutboundContactAt).toBe(logged.at);
    expect(detail.sla).toMatchObject({ firstContactDueAt: null, nextFollowUpDueAt: new Date(Date.parse(logged.at) + hours * 3_600_000).toISOString(), breached: true });
  });

  it("lists the loan's uncleared early-warning flags, worst first, with their details parsed", async () => {
    const { id, loan_id } = caseWhere(`(SELECT count(*) FROM early_warning_flags f WHERE f.loan_id = c.loan_id AND f.cleared_on IS NULL) >= 2`);
    const detail = (await seeded.t.ok(seeded.t.sessionAs('agent'), 'cases.detail', { caseId: id })) as CaseDetail;
    const open = seeded.store.sqlite.prepare('SELECT count(*) FROM early_warning_flags WHERE loan_id = ? AND cleared_on IS NULL').pluck().get(loan_id);
    expect(detail.warningFlags).toHaveLength(open as number);
    const rank = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
    const ranks = detail.warningFlags.map((flag) => rank.indexOf(flag.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(typeof detail.warningFlags[0]!.details).toBe('object');
  });

  it('shows an override of the next-best action with its reason and who chose it', async () => {
    const agent = seeded.t.sessionAs('agent');
    const { id } = caseWhere('c.nba_action IS NOT NULL');
    expect(((await seeded.t.ok(agent, 'cases.detail', { caseId: id })) as CaseDetail).nbaOverride).toBeNull();
    await seeded.t.ok(agent, 'cases.overrideNba', { caseId: id, action: 'send_demand_letter', reason: 'borrower asked for it in writing' });
    expect(((await seeded.t.ok(agent, 'cases.detail', { caseId: id })) as CaseDetail).nbaOverride).toEqual({
      action: 'send_demand_letter', reason: 'borrower asked for it in writing', byName: agent.user!.name,
    });
  });

  it('ignores a blocked attempt: a call the gate refused was never placed', async () => {
    const agent = seeded.t.sessionAs('agent');
    const { id } = caseWhere(`EXISTS (SELECT 1 FROM contact_attempts a WHERE a.loan_id = c.loan_id AND a.direction = 'outbound')`);
    const before = ((await seeded.t.ok(agent, 'cases.detail', { caseId: id })) as CaseDetail).lastOutboundContactAt;
    seeded.store.sqlite.prepare('UPDATE borrowers SET do_not_contact = 1 WHERE id = (SELECT l.borrower_id FROM cases c JOIN loans l ON l.id = c.loan_id WHERE c.id = ?)').run(id);
    expect(((await seeded.t.ok(agent, 'compliance.prepareCall', { caseId: id })) as { allowed: boolean }).allowed).toBe(false);
    const after = (await seeded.t.ok(agent, 'cases.detail', { caseId: id })) as CaseDetail;
    expect(after.lastOutboundContactAt).toBe(before);
  });

  it('refuses an unknown case and a caller who is not signed in', async () => {
    expect(await seeded.t.dispatch(seeded.t.sessionAs('agent'), 'cases.detail', { caseId: 'case_nope' })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'caseId' } });
    expect(await seeded.t.dispatch({ user: null }, 'cases.detail', { caseId: 'x' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});
