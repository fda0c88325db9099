import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalsInbox, SettlementOfferView } from '../../src-shared/contract';
import { testDispatcher } from '../../tests-support/dispatcher';
import { seededStore } from '../../tests-support/temp-store';
import type { Session } from '../ipc/handler-types';
import { outboxOf } from '../sync/outbox';
import type { Store } from '../store/open-store';
import { approvalHandlers } from './approval-handlers';

let temp: ReturnType<typeof seededStore>;
let store: Store;
let api: ReturnType<typeof testDispatcher>;
let agent: Session;
let supervisor: Session;
let severe: string[];

const inbox = () => api.ok(supervisor, 'approvals.inbox', {}) as Promise<ApprovalsInbox>;

/** An agent drafts the 20% partial settlement a case past 90 days allows and sends it for approval. */
async function submittedOffer(caseId: string): Promise<SettlementOfferView> {
  const draft = (await api.ok(agent, 'settlements.create', { caseId, option: 'partial_settlement' })) as SettlementOfferView;
  return (await api.ok(agent, 'settlements.submit', { offerId: draft.id })) as SettlementOfferView;
}

beforeAll(() => {
  temp = seededStore(80);
  store = temp.store;
  api = testDispatcher(store);
  agent = api.sessionAs('agent');
  supervisor = api.sessionAs('supervisor');
  severe = store.sqlite.prepare('SELECT id FROM cases WHERE active = 1 AND dpd > 90 AND balance_minor > 0 ORDER BY id LIMIT 3').pluck().all() as string[];
  expect(severe).toHaveLength(3);
});
afterAll(() => {
  api?.close();
  temp?.cleanup();
});

describe('approvals inbox', () => {
  it('lists submitted offers across cases with who sent them, and counts them for the badge', async () => {
    expect(await api.ok(supervisor, 'approvals.count', {})).toEqual({ settlements: 0 });
    const first = await submittedOffer(severe[0]!);
    const second = await submittedOffer(severe[1]!);
    const { settlements } = await inbox();
    expect(settlements.map((s) => s.offerId)).toEqual([first.id, second.id]);
    const theCase = store.sqlite.prepare('SELECT account_number, borrower_name, currency, balance_minor FROM cases WHERE id = ?').get(severe[0]!) as Record<string, unknown>;
    expect(settlements[0]).toMatchObject({
      caseId: severe[0], accountNumber: theCase.account_number, borrowerName: theCase.borrower_name, currency: theCase.currency,
      type: 'partial_settlement', discountPct: 20, balanceMinor: theCase.balance_minor, amountMinor: first.amountMinor, submittedBy: agent.user!.name,
    });
    expect(await api.ok(supervisor, 'approvals.count', {})).toEqual({ settlements: 2 });
  });

  it('takes a decision out of the inbox and lists it as recorded on a desktop without a relay', async () => {
    const [first, second] = (await inbox()).settlements;
    await api.ok(supervisor, 'settlements.approve', { offerId: first!.offerId, note: 'Within policy' });
    await api.ok(supervisor, 'settlements.reject', { offerId: second!.offerId, reason: 'Discount too deep for this borrower' });
    const after = await inbox();
    expect(after.settlements).toEqual([]);
    expect(after.decisions.map((d) => [d.offerId, d.decision, d.state, d.note, d.by])).toEqual([
      [second!.offerId, 'rejected', 'recorded', 'Discount too deep for this borrower', supervisor.user!.name],
      [first!.offerId, 'approved', 'recorded', 'Within policy', supervisor.user!.name],
    ]);
  });

  it('shows a decision pending while a relay has not judged it, then confirmed or refused with the relay’s reason', async () => {
    const offer = await submittedOffer(severe[2]!);
    await api.ok(supervisor, 'settlements.approve', { offerId: offer.id });
    const overRelay = approvalHandlers(store, () => 'offline');
    const stateOf = async () => (await overRelay['approvals.inbox']({}, { session: supervisor, actor: { id: supervisor.user!.id, role: 'supervisor' }, broadcast: () => {} })).decisions.map((d) => [d.decision, d.state, d.refusal]);
    expect((await stateOf())[0]).toEqual(['approved', 'pending', null]);
    // The sync client settles outbox entries this way when the relay answers.
    const outbox = outboxOf(store.sqlite, store.clientId);
    const seqOf = (name: string) => store.sqlite.prepare(`SELECT seq FROM outbox WHERE name = ? ORDER BY seq DESC`).pluck().all(name) as number[];
    outbox.applied(seqOf('settlements.approve')[1]!, 41);
    outbox.rejected(seqOf('settlements.approve')[0]!, 'the offer was already rejected on another desk');
    expect(await stateOf()).toEqual([
      ['approved', 'rejected', 'the offer was already rejected on another desk'],
      ['rejected', 'pending', null],
      ['approved', 'confirmed', null],
    ]);
  });

  it('shows next-best-action overrides and do-not-contact overrides to review, and refuses agents', async () => {
    const kase = store.sqlite.prepare('SELECT id, nba_action FROM cases WHERE active = 1 AND nba_action IS NOT NULL ORDER BY id LIMIT 1').get() as { id: string; nba_action: string };
    await api.ok(agent, 'cases.overrideNba', { caseId: kase.id, action: 'escalate_field', reason: 'Borrower asked for a home visit' });
    // A borrower who asked not to be contacted, on a case other than the one above.
    const dnc = store.sqlite.prepare('SELECT id FROM cases WHERE active = 1 AND id != ? ORDER BY id LIMIT 1').pluck().get(kase.id) as string;
    store.sqlite.prepare('UPDATE borrowers SET do_not_contact = 1 WHERE id = (SELECT l.borrower_id FROM cases c JOIN loans l ON l.id = c.loan_id WHERE c.id = ?)').run(dnc);
    await api.ok(supervisor, 'contacts.overrideDoNotContact', { caseId: dnc, reason: 'Borrower called in asking for a payoff quote' });
    const { nbaOverrides, contactOverrides } = await inbox();
    expect(nbaOverrides).toContainEqual(expect.objectContaining({ caseId: kase.id, recommended: kase.nba_action, chosen: 'escalate_field', reason: 'Borrower asked for a home visit', by: agent.user!.name }));
    expect(contactOverrides.map((o) => [o.caseId, o.grantedBy, o.usedAt])).toEqual([[dnc, supervisor.user!.name, null]]);
    expect(await api.dispatch(agent, 'approvals.inbox', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
