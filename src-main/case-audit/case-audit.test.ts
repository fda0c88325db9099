import { describe, expect, it } from 'vitest';
import { CASE_AUDIT_LIMIT, type CaseAuditTrail, type SettlementOfferView } from '../../src-shared/contract';
import { useSeededDispatcher } from '../../tests-support/dispatcher';
import { appendAudit } from '../store/audit-log';
import { CASE_TRAIL_SQL } from './case-audit-handlers';

const seeded = useSeededDispatcher(60);

interface Found { id: string; loan_id: string; borrower_id: string }
const casesWhere = (condition: string, count = 1) =>
  seeded.store.sqlite.prepare(`SELECT c.id, c.loan_id, l.borrower_id FROM cases c JOIN loans l ON l.id = c.loan_id
    WHERE c.active = 1 AND ${condition} ORDER BY c.id LIMIT ?`).all(count) as Found[];
const trailOf = async (caseId: string) => (await seeded.t.ok(seeded.t.sessionAs('agent'), 'cases.audit', { caseId })) as CaseAuditTrail;

describe('cases.audit through the dispatcher', () => {
  it("lists a settlement's creation, submission and approval newest first, each with who did it and what changed", async () => {
    const [found] = casesWhere('c.dpd > 90 AND c.balance_minor > 0');
    const agent = seeded.t.sessionAs('agent');
    const supervisor = seeded.t.sessionAs('supervisor');
    const offer = (await seeded.t.ok(agent, 'settlements.create', { caseId: found!.id, option: 'partial_settlement' })) as SettlementOfferView;
    await seeded.t.ok(agent, 'settlements.submit', { offerId: offer.id });
    await seeded.t.ok(supervisor, 'settlements.approve', { offerId: offer.id, note: 'within policy' });

    const trail = await trailOf(found!.id);
    expect(trail.currency).toBe(offer.currency);
    const ofOffer = trail.entries.filter((entry) => entry.entityId === offer.id);
    expect(ofOffer.map((entry) => entry.type)).toEqual(['settlement.approved', 'settlement.submitted', 'settlement.created']);
    expect(ofOffer[0]).toMatchObject({ entityType: 'settlement_offer', actorId: supervisor.user!.id, actorName: supervisor.user!.name, payload: { from: 'pending_approval', to: 'approved', note: 'within policy' } });
    expect(ofOffer[2]).toMatchObject({ actorName: agent.user!.name, payload: { amountMinor: offer.amountMinor, discountPct: 20 } });
    const seqs = trail.entries.map((entry) => entry.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(trail.truncated).toBe(false);
  });

  it("keeps another case's events out, and takes in a blocked call on this case and the borrower's own events", async () => {
    const [mine, other] = casesWhere('c.balance_minor > 0', 2) as [Found, Found];
    const agent = seeded.t.sessionAs('agent');
    await seeded.t.ok(agent, 'promises.create', { caseId: other.id, amountMinor: 12_345, dueOn: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10), graceDays: 3 });
    seeded.store.sqlite.prepare('UPDATE borrowers SET do_not_contact = 1 WHERE id = ?').run(mine.borrower_id);
    await seeded.t.ok(agent, 'compliance.prepareCall', { caseId: mine.id });
    seeded.store.sqlite.transaction(() => appendAudit(seeded.store.sqlite, { type: 'contact.consent_revoked', entityType: 'borrower', entityId: mine.borrower_id, actorId: 'system', at: new Date().toISOString(), payload: { channels: ['sms'] } }))();

    const trail = await trailOf(mine.id);
    expect(trail.entries[0]).toMatchObject({ type: 'contact.consent_revoked', actorId: 'system', actorName: null });
    expect(trail.entries[1]).toMatchObject({ type: 'contact.blocked', entityType: 'contact_attempt', actorName: agent.user!.name, payload: { caseId: mine.id, channel: 'voice' } });
    expect((trail.entries[1]!.payload as { reasons: string[] }).reasons).toContain('do_not_contact');
    expect(trail.entries.some((entry) => entry.type === 'promise.created')).toBe(false);
    expect((await trailOf(other.id)).entries[0]).toMatchObject({ type: 'promise.created', payload: { caseId: other.id, amountMinor: 12_345 } });
  });

  it(`returns the newest ${CASE_AUDIT_LIMIT} events of a longer trail and says it was cut`, async () => {
    const [found] = casesWhere('1');
    const at = new Date().toISOString();
    seeded.store.sqlite.transaction(() => {
      for (let index = 0; index <= CASE_AUDIT_LIMIT; index++) appendAudit(seeded.store.sqlite, { type: 'case.updated', entityType: 'case', entityId: found!.id, actorId: 'system', at, payload: { index } });
    })();
    const trail = await trailOf(found!.id);
    expect(trail.entries).toHaveLength(CASE_AUDIT_LIMIT);
    expect(trail.truncated).toBe(true);
    expect(trail.entries[0]!.payload).toEqual({ index: CASE_AUDIT_LIMIT });
  });

  it('reads the log through its entity index, never scanning it', () => {
    const plan = seeded.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${CASE_TRAIL_SQL}`).all({ caseId: 'x', loanId: 'y', borrowerId: 'z' }) as { detail: string }[];
    const details = plan.map((step) => step.detail).join('\n');
    expect(details).toMatch(/SEARCH a USING INDEX audit_entity_idx/);
    expect(details).not.toMatch(/SCAN a\b/);
  });

  it('answers not_found for a case that does not exist', async () => {
    expect(await seeded.t.dispatch(seeded.t.sessionAs('agent'), 'cases.audit', { caseId: 'no-such-case' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
