import { describe, expect, it } from 'vitest';
import type { CaseComplianceView } from '../../src-shared/contract';
import { COMPLIANCE_ATTEMPT_LIMIT } from '../../src-shared/contract';
import { presetRule } from '../../src-shared/compliance/rules';
import { useSeededDispatcher } from '../../tests-support/dispatcher';

const seeded = useSeededDispatcher(60);

interface Found { id: string; loan_id: string; borrower_id: string; jurisdiction: string }
const caseWhere = (condition: string) =>
  seeded.store.sqlite.prepare(`SELECT c.id, c.loan_id, b.id AS borrower_id, b.jurisdiction FROM cases c JOIN loans l ON l.id = c.loan_id JOIN borrowers b ON b.id = l.borrower_id
    WHERE c.active = 1 AND ${condition} ORDER BY c.id LIMIT 1`).get() as Found;
const compliance = async (caseId: string) => (await seeded.t.ok(seeded.t.sessionAs('agent'), 'cases.compliance', { caseId })) as CaseComplianceView;

describe('cases.compliance through the dispatcher', () => {
  it('shows a call refused for do-not-contact as the newest attempt, blocked with its reason, and counts it on the voice channel', async () => {
    const found = caseWhere('b.do_not_contact = 0');
    seeded.store.sqlite.prepare('UPDATE borrowers SET do_not_contact = 1 WHERE id = ?').run(found.borrower_id);
    const before = await compliance(found.id);
    const voiceBefore = before.tallies.find((tally) => tally.channel === 'voice')!;
    expect(((await seeded.t.ok(seeded.t.sessionAs('agent'), 'compliance.prepareCall', { caseId: found.id })) as { allowed: boolean }).allowed).toBe(false);

    const after = await compliance(found.id);
    expect(after.holds.doNotContact).toBe(true);
    expect(after.attempts[0]).toMatchObject({ channel: 'voice', direction: 'outbound', blocked: true, onThisLoan: true });
    expect(after.attempts[0]!.blockedReasons).toContain('do_not_contact');
    const voiceAfter = after.tallies.find((tally) => tally.channel === 'voice')!;
    expect(voiceAfter).toMatchObject({ blocked: voiceBefore.blocked + 1, outbound: voiceBefore.outbound, lastAt: after.attempts[0]!.at });
    expect(after.totalAttempts).toBe(before.totalAttempts + 1);
  });

  it("tallies every attempt of the borrower per channel, lists them newest first, and marks those on the borrower's other loans", async () => {
    const found = caseWhere('(SELECT count(*) FROM loans other WHERE other.borrower_id = b.id) > 1 AND EXISTS (SELECT 1 FROM contact_attempts a WHERE a.borrower_id = b.id)');
    const otherLoan = seeded.store.sqlite.prepare('SELECT id FROM loans WHERE borrower_id = ? AND id != ? LIMIT 1').pluck().get(found.borrower_id, found.loan_id) as string;
    seeded.store.sqlite.prepare(`INSERT INTO contact_attempts (id, borrower_id, loan_id, channel, direction, outcome, at, source, blocked) VALUES ('test-other-loan', ?, ?, 'sms', 'outbound', 'delivered', ?, 'twilio', 0)`)
      .run(found.borrower_id, otherLoan, new Date().toISOString());
    const view = await compliance(found.id);
    const stored = seeded.store.sqlite.prepare('SELECT count(*) FROM contact_attempts WHERE borrower_id = ?').pluck().get(found.borrower_id) as number;
    expect(view.totalAttempts).toBe(stored);
    expect(view.tallies.map((tally) => tally.channel)).toEqual(['sms', 'whatsapp', 'voice', 'email', 'letter']);
    expect(view.tallies.reduce((sum, tally) => sum + tally.outbound + tally.inbound + tally.blocked, 0)).toBe(stored);
    expect(view.attempts).toHaveLength(Math.min(stored, COMPLIANCE_ATTEMPT_LIMIT));
    const times = view.attempts.map((attempt) => attempt.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(view.attempts.find((attempt) => attempt.id === 'test-other-loan')).toMatchObject({ onThisLoan: false, blocked: false, blockedReasons: [] });
  });

  it("gives the jurisdiction's stored rule, and the built-in preset when no active row stands", async () => {
    const found = caseWhere(`b.jurisdiction = 'TT'`);
    const row = seeded.store.sqlite.prepare('SELECT * FROM compliance_rules WHERE jurisdiction = ?').get('TT') as { hours_start: string; hours_end: string; daily_cap: number; weekly_cap: number; cooling_off_minutes: number };
    expect((await compliance(found.id)).rule).toMatchObject({
      jurisdiction: 'TT', source: 'stored', preset: 'caribbean', hoursStart: row.hours_start, hoursEnd: row.hours_end,
      dailyCap: row.daily_cap, weeklyCap: row.weekly_cap, coolingOffMinutes: row.cooling_off_minutes, countsAcrossLoans: true, regulationF: false,
    });
    seeded.store.sqlite.prepare('UPDATE compliance_rules SET is_active = 0 WHERE jurisdiction = ?').run('TT');
    try {
      expect((await compliance(found.id)).rule).toEqual({ ...presetRule('TT'), source: 'preset', countsAcrossLoans: true, regulationF: false });
    } finally {
      seeded.store.sqlite.prepare('UPDATE compliance_rules SET is_active = 1 WHERE jurisdiction = ?').run('TT');
    }
  });

  it("shows an opted-out number, the borrower's consents and a supervisor's override with who granted it", async () => {
    const found = caseWhere(`EXISTS (SELECT 1 FROM phones p WHERE p.borrower_id = b.id) AND b.do_not_contact = 0`);
    seeded.store.sqlite.prepare('UPDATE borrowers SET do_not_contact = 1 WHERE id = ?').run(found.borrower_id);
    const optedOutAt = new Date().toISOString();
    seeded.store.sqlite.prepare('UPDATE phones SET opted_out_at = ? WHERE borrower_id = ?').run(optedOutAt, found.borrower_id);
    seeded.store.sqlite.prepare(`INSERT INTO consents (id, borrower_id, consent_type, granted_at, revoked_at) VALUES ('test-consent', ?, 'marketing', '2026-01-02T00:00:00Z', '2026-03-04T00:00:00Z')`).run(found.borrower_id);
    const supervisor = seeded.t.sessionAs('supervisor');
    await seeded.t.ok(supervisor, 'contacts.overrideDoNotContact', { caseId: found.id, reason: 'borrower asked us to call back about the plan' });
    const view = await compliance(found.id);
    expect(view.phones.length).toBeGreaterThan(0);
    expect(view.phones.every((phone) => phone.optedOutAt === optedOutAt)).toBe(true);
    expect(view.consents).toContainEqual({ type: 'marketing', grantedAt: '2026-01-02T00:00:00Z', revokedAt: '2026-03-04T00:00:00Z' });
    expect(view.overrides[0]).toMatchObject({ grantedByName: supervisor.user!.name, reason: 'borrower asked us to call back about the plan', usedAt: null });
  });

  it('answers not_found for a case that does not exist', async () => {
    const result = await seeded.t.dispatch(seeded.t.sessionAs('agent'), 'cases.compliance', { caseId: 'no-such-case' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
