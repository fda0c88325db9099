import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SettlementOfferView, SettlementOptionsView } from '../../src-shared/contract';
import { isoDate } from '../../src-shared/dates';
import { stableId } from '../../src-shared/ids';
import { testDispatcher } from '../../tests-support/dispatcher';
import { seededStore, tableCounts } from '../../tests-support/temp-store';
import type { Session } from '../ipc/handler-types';
import type { Store } from '../store/open-store';
import { settleAcceptedOffers } from './settle-accepted';

// Commands date acceptance from the wall clock; pin it so promise due dates are exact.
const NOW = '2026-11-21T10:00:00.000Z';
const TODAY = isoDate('2026-11-21');

let temp: ReturnType<typeof seededStore>;
let store: Store;
let api: ReturnType<typeof testDispatcher>;
let agent: Session;
let supervisor: Session;
/** Active cases past 90 DPD, one per test so they do not interfere. */
let severe: { id: string; balance_minor: number; loan_id: string }[];

const ok = <T>(session: Session, channel: string, payload: unknown) => api.ok(session, channel, payload) as Promise<T>;
const auditOf = (offerId: string) =>
  store.sqlite.prepare(`SELECT type, actor_id FROM audit_events WHERE entity_type = 'settlement_offer' AND entity_id = ? ORDER BY seq`).all(offerId) as { type: string; actor_id: string }[];

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(NOW));
  temp = seededStore(60);
  store = temp.store;
  api = testDispatcher(store);
  agent = api.sessionAs('agent');
  supervisor = api.sessionAs('supervisor');
  severe = store.sqlite.prepare('SELECT id, balance_minor, loan_id FROM cases WHERE active = 1 AND dpd > 90 AND balance_minor > 0 ORDER BY balance_minor % 6 = 0, id').all() as typeof severe;
  expect(severe.length).toBeGreaterThanOrEqual(4);
});
afterAll(() => {
  temp?.cleanup();
  vi.useRealTimers();
});

describe('settlement options', () => {
  it('offers a 20% partial settlement needing approval past 90 DPD', async () => {
    const view = await ok<SettlementOptionsView>(agent, 'settlements.options', { caseId: severe[0]!.id });
    expect(view).toMatchObject({ maxDiscountPct: 20, longPlanThresholdMinor: 100_000, balanceMinor: severe[0]!.balance_minor });
    expect(view.options.find((o) => o.type === 'partial_settlement')).toMatchObject({ discountPct: 20, installments: 1, requiresApproval: true });
  });

  it('reads a per-currency long-plan threshold from app_meta', async () => {
    const { id, balance_minor, currency } = store.sqlite.prepare('SELECT id, balance_minor, currency FROM cases WHERE id = ?').get(severe[0]!.id) as { id: string; balance_minor: number; currency: string };
    store.sqlite.prepare('INSERT INTO app_meta (key, value) VALUES (?, ?)').run(`long_plan_threshold_minor:${currency}`, String(balance_minor));
    const view = await ok<SettlementOptionsView>(agent, 'settlements.options', { caseId: id });
    store.sqlite.prepare('DELETE FROM app_meta WHERE key = ?').run(`long_plan_threshold_minor:${currency}`);
    expect(view.longPlanThresholdMinor).toBe(balance_minor);
    expect(view.options.find((o) => o.type === 'long_plan_12')!.requiresApproval).toBe(false);
  });

  it('answers not_found for a missing case', async () => {
    expect(await api.dispatch(agent, 'settlements.options', { caseId: 'case_missing' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('the settlement lifecycle through the dispatcher', () => {
  let offer: SettlementOfferView;

  it('takes a 20% partial settlement from draft to accepted, with approval, promise and audit trail', async () => {
    const caseId = severe[0]!.id;
    offer = await ok(agent, 'settlements.create', { caseId, option: 'partial_settlement' });
    expect(offer).toMatchObject({ status: 'draft', discountPct: 20, requiresApproval: true, balanceMinor: severe[0]!.balance_minor });
    expect(offer.amountMinor).toBe(Math.round(severe[0]!.balance_minor * 0.8));
    expect((await ok<SettlementOfferView>(agent, 'settlements.submit', { offerId: offer.id })).status).toBe('pending_approval');

    const before = tableCounts(store);
    expect(await api.dispatch(agent, 'settlements.approve', { offerId: offer.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(tableCounts(store)).toEqual(before);

    expect((await ok<SettlementOfferView>(supervisor, 'settlements.approve', { offerId: offer.id, note: 'hardship documented' })).status).toBe('approved');
    expect((await ok<SettlementOfferView>(agent, 'settlements.offer', { offerId: offer.id, expiresOn: '2026-12-05' })).expiresOn).toBe('2026-12-05');
    offer = await ok(agent, 'settlements.accept', { offerId: offer.id });

    expect(offer.status).toBe('accepted');
    expect(offer.promises).toEqual([{ id: stableId('promise', offer.id, 0), dueOn: '2026-12-05', amountMinor: offer.amountMinor, status: 'pending' }]);
    expect(store.sqlite.prepare('SELECT case_id, created_by, created_on FROM promises WHERE settlement_offer_id = ?').get(offer.id)).toEqual({ case_id: caseId, created_by: agent.user!.id, created_on: TODAY });
    expect(offer.history.map((h) => [h.status, h.by, h.byName])).toEqual([
      ['draft', agent.user!.id, agent.user!.name],
      ['pending_approval', agent.user!.id, agent.user!.name],
      ['approved', supervisor.user!.id, supervisor.user!.name],
      ['offered', agent.user!.id, agent.user!.name],
      ['accepted', agent.user!.id, agent.user!.name],
    ]);
    expect(offer.history[2]!.note).toBe('hardship documented');
    expect(auditOf(offer.id)).toEqual([
      { type: 'settlement.created', actor_id: agent.user!.id },
      { type: 'settlement.submitted', actor_id: agent.user!.id },
      { type: 'settlement.approved', actor_id: supervisor.user!.id },
      { type: 'settlement.offered', actor_id: agent.user!.id },
      { type: 'settlement.accepted', actor_id: agent.user!.id },
    ]);
    expect(store.sqlite.prepare(`SELECT name FROM outbox ORDER BY seq DESC LIMIT 1`).pluck().get()).toBe('settlements.accept');
    expect(api.events).toContainEqual({ event: 'cases.changed', payload: { caseIds: [caseId] } });
    expect((await ok<SettlementOfferView[]>(agent, 'settlements.list', { caseId })).map((o) => o.id)).toContain(offer.id);
  });

  it('refuses accepting a second offer on a case that has an accepted one', async () => {
    const second = await ok<SettlementOfferView>(agent, 'settlements.create', { caseId: offer.caseId, option: 'full_payment' });
    await ok(agent, 'settlements.offer', { offerId: second.id });
    const before = tableCounts(store);
    expect(await api.dispatch(agent, 'settlements.accept', { offerId: second.id })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining(offer.id) } });
    expect(tableCounts(store)).toEqual(before);
  });

  it('settles the case and writes off the discount once the promise is kept, and only once', () => {
    store.sqlite.prepare(`UPDATE promises SET status = 'kept' WHERE settlement_offer_id = ?`).run(offer.id);
    const asOf = isoDate('2026-12-01');
    expect(settleAcceptedOffers(store.sqlite, asOf)).toEqual({ settled: 1, expired: 0 });
    expect(store.sqlite.prepare('SELECT status, close_reason, closed_on FROM cases WHERE id = ?').get(offer.caseId)).toEqual({ status: 'settled', close_reason: 'settled', closed_on: asOf });
    expect(store.sqlite.prepare('SELECT status FROM loans WHERE id = ?').pluck().get(severe[0]!.loan_id)).toBe('settled');
    expect(store.sqlite.prepare('SELECT * FROM gl_entries WHERE id = ?').get(stableId('gl', 'settlement_discount', offer.id))).toMatchObject({
      loan_id: severe[0]!.loan_id,
      posted_on: asOf,
      debit_account: 'allowance_for_credit_losses',
      credit_account: 'loans_receivable',
      amount_minor: offer.balanceMinor - offer.amountMinor,
      memo: expect.stringContaining(offer.id),
    });
    const before = tableCounts(store);
    const glBefore = store.sqlite.prepare('SELECT * FROM gl_entries ORDER BY id').all();
    expect(settleAcceptedOffers(store.sqlite, asOf)).toEqual({ settled: 0, expired: 0 });
    expect(tableCounts(store)).toEqual(before);
    expect(store.sqlite.prepare('SELECT * FROM gl_entries ORDER BY id').all()).toEqual(glBefore);
  });

  it('turns an accepted plan into monthly promises that sum to the total, the remainder on the first', async () => {
    const { id: caseId, balance_minor: balance } = severe[1]!;
    const plan = await ok<SettlementOfferView>(agent, 'settlements.create', { caseId, option: 'short_plan_6' });
    expect(plan.requiresApproval).toBe(false);
    await ok(agent, 'settlements.offer', { offerId: plan.id });
    const accepted = await ok<SettlementOfferView>(agent, 'settlements.accept', { offerId: plan.id });
    const amounts = accepted.promises.map((p) => p.amountMinor);
    const each = Math.floor(balance / 6);
    expect(amounts).toEqual([balance - 5 * each, each, each, each, each, each]);
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(balance);
    expect(accepted.promises.map((p) => p.dueOn)).toEqual(['2026-12-21', '2027-01-21', '2027-02-21', '2027-03-21', '2027-04-21', '2027-05-21']);
    expect(store.sqlite.prepare('SELECT count(*) FROM promises WHERE settlement_offer_id = ? AND case_id = ?').pluck().get(plan.id, caseId)).toBe(6);
  });

  it('expires an offer the day after its expiry date, by the engine, idempotently', async () => {
    const expiring = await ok<SettlementOfferView>(agent, 'settlements.create', { caseId: severe[2]!.id, option: 'full_payment' });
    await ok(agent, 'settlements.offer', { offerId: expiring.id, expiresOn: TODAY });
    expect(settleAcceptedOffers(store.sqlite, TODAY).expired).toBe(0);
    expect(settleAcceptedOffers(store.sqlite, isoDate('2026-11-22'))).toEqual({ settled: 0, expired: 1 });
    const [view] = (await ok<SettlementOfferView[]>(agent, 'settlements.list', { caseId: severe[2]!.id })).filter((o) => o.id === expiring.id);
    expect(view!.status).toBe('expired');
    expect(view!.history.at(-1)).toEqual({ status: 'expired', by: 'engine', byName: null, at: '2026-11-22T00:00:00.000Z' });
    expect(settleAcceptedOffers(store.sqlite, isoDate('2026-11-22'))).toEqual({ settled: 0, expired: 0 });
    expect(await api.dispatch(agent, 'settlements.accept', { offerId: expiring.id })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('is expired') } });
  });
});

describe('refusals', () => {
  const refused = async (session: Session, channel: string, payload: unknown, code: string, message?: string) => {
    const before = tableCounts(store);
    const result = await api.dispatch(session, channel, payload);
    expect(result).toMatchObject({ ok: false, error: { code, ...(message ? { message: expect.stringContaining(message) } : {}) } });
    expect(tableCounts(store)).toEqual(before);
  };

  it('refuses illegal transitions naming the current status', async () => {
    const caseId = severe[3]!.id;
    const needsApproval = await ok<SettlementOfferView>(agent, 'settlements.create', { caseId, option: 'partial_settlement' });
    await refused(agent, 'settlements.offer', { offerId: needsApproval.id }, 'conflict', 'is draft');
    await refused(agent, 'settlements.accept', { offerId: needsApproval.id }, 'conflict', 'is draft');
    await refused(supervisor, 'settlements.approve', { offerId: needsApproval.id }, 'conflict', 'is draft');
    await ok(agent, 'settlements.submit', { offerId: needsApproval.id });
    await refused(agent, 'settlements.submit', { offerId: needsApproval.id }, 'conflict', 'is pending_approval');
    await ok(supervisor, 'settlements.reject', { offerId: needsApproval.id, reason: 'discount too deep for this borrower' });
    for (const [channel, payload] of [['settlements.submit', {}], ['settlements.offer', {}], ['settlements.decline', {}], ['settlements.reject', { reason: 'again' }]] as const) {
      await refused(supervisor, channel, { offerId: needsApproval.id, ...payload }, 'conflict', 'is rejected');
    }
  });

  it('refuses missing offers and cases, short reasons, past expiry dates and bad manual terms', async () => {
    const caseId = severe[3]!.id;
    await refused(agent, 'settlements.submit', { offerId: 'settlement_missing' }, 'not_found');
    await refused(agent, 'settlements.create', { caseId: 'case_missing', option: 'full_payment' }, 'not_found');
    await refused(supervisor, 'settlements.reject', { offerId: 'x', reason: 'no' }, 'validation');
    await refused(agent, 'settlements.create', { caseId, option: 'full_payment', manual: { amountMinor: 100, installments: 1, discountPct: 0 } }, 'validation');
    await refused(agent, 'settlements.create', { caseId, manual: { amountMinor: 100, installments: 61, discountPct: 0 } }, 'validation');
    await refused(agent, 'settlements.create', { caseId, manual: { amountMinor: 1, installments: 1, discountPct: 5 } }, 'validation', 'leaves at least');
    const draft = await ok<SettlementOfferView>(agent, 'settlements.create', { caseId, option: 'full_payment' });
    await refused(agent, 'settlements.offer', { offerId: draft.id, expiresOn: '2026-11-20' }, 'validation', 'already past');
  });

  it('refuses accepting terms drafted on a balance that has since moved', async () => {
    const { id: caseId, balance_minor: balance } = severe[3]!;
    const stale = await ok<SettlementOfferView>(agent, 'settlements.create', { caseId, option: 'full_payment' });
    await ok(agent, 'settlements.offer', { offerId: stale.id });
    store.sqlite.prepare('UPDATE cases SET balance_minor = ? WHERE id = ?').run(balance - 1000, caseId);
    await refused(agent, 'settlements.accept', { offerId: stale.id }, 'conflict', 'balance moved');
    store.sqlite.prepare('UPDATE cases SET balance_minor = ? WHERE id = ?').run(balance, caseId);
  });

  it('sends a manual offer to a supervisor above 10% off or for a long plan above the threshold', async () => {
    const { id: caseId, balance_minor: balance } = severe[3]!;
    const deep = await ok<SettlementOfferView>(agent, 'settlements.create', { caseId, manual: { amountMinor: Math.ceil(balance * 0.85), installments: 1, discountPct: 15 } });
    const shallow = await ok<SettlementOfferView>(agent, 'settlements.create', { caseId, manual: { amountMinor: Math.ceil(balance * 0.9), installments: 2, discountPct: 10 } });
    const long = await ok<SettlementOfferView>(agent, 'settlements.create', { caseId, manual: { amountMinor: balance, installments: 12, discountPct: 0 } });
    expect([deep, shallow, long].map((o) => [o.type, o.requiresApproval])).toEqual([['manual', true], ['manual', false], ['manual', balance > 100_000]]);
  });
});
