import { describe, expect, it } from 'vitest';
import type { ApprovalAlert, ReplyAlert } from '../../src-shared/contract';
import { useSeededDispatcher } from '../../tests-support/dispatcher';

const seeded = useSeededDispatcher(120);
const sqlite = () => seeded.store.sqlite;
type Alerts = { replies: ReplyAlert[]; approvals: ApprovalAlert[] };

/** A text from the borrower of an active case, assigned to `agentId` first, as polling or sync writes it. */
async function replyOnCaseOf(agentId: string, body: string, offset: number): Promise<string> {
  const c = sqlite().prepare(`SELECT c.id, l.borrower_id FROM cases c JOIN loans l ON l.id = c.loan_id WHERE c.active = 1 ORDER BY c.id LIMIT 1 OFFSET ?`).get(offset) as { id: string; borrower_id: string };
  await seeded.t.ok(seeded.t.sessionAs('supervisor'), 'cases.assign', { caseIds: [c.id], agentId });
  const id = `msg_${body.replace(/\W/g, '')}`;
  sqlite().prepare(`INSERT INTO messages (id, borrower_id, case_id, channel, direction, from_address, to_address, body, status, at) VALUES (?, ?, ?, 'sms', 'inbound', '+18685550100', '+15005550006', ?, 'received', ?)`)
    .run(id, c.borrower_id, c.id, body, new Date().toISOString());
  return id;
}

describe('alerts.recent', () => {
  it("gives an agent the replies on their own cases only, and a supervisor everyone's", async () => {
    const [mine, theirs] = [seeded.t.sessionAs('agent', 0), seeded.t.sessionAs('agent', 1)];
    const ownId = await replyOnCaseOf(mine.user!.id, 'Can I pay on Friday', 0);
    const otherId = await replyOnCaseOf(theirs.user!.id, 'Wrong number', 1);
    const agentView = (await seeded.t.ok(mine, 'alerts.recent', {})) as Alerts;
    expect(agentView.replies.map((r) => r.messageId)).toContain(ownId);
    expect(agentView.replies.map((r) => r.messageId)).not.toContain(otherId);
    expect(agentView.replies.find((r) => r.messageId === ownId)).toMatchObject({ body: 'Can I pay on Friday' });
    const supervisorView = (await seeded.t.ok(seeded.t.sessionAs('supervisor'), 'alerts.recent', {})) as Alerts;
    expect(supervisorView.replies.map((r) => r.messageId)).toEqual(expect.arrayContaining([ownId, otherId]));
  });

  it('lists offers awaiting approval to those who may approve, and to no agent', async () => {
    const { id: caseId, balance_minor: balance } = sqlite().prepare(`SELECT id, balance_minor FROM cases WHERE active = 1 AND dpd > 90 ORDER BY id LIMIT 1`).get() as { id: string; balance_minor: number };
    const agent = seeded.t.sessionAs('agent');
    const amountMinor = Math.ceil(balance * 0.6);
    const offer = (await seeded.t.ok(agent, 'settlements.create', { caseId, manual: { amountMinor, installments: 1, discountPct: 40 } })) as { id: string };
    await seeded.t.ok(agent, 'settlements.submit', { offerId: offer.id });
    expect(((await seeded.t.ok(agent, 'alerts.recent', {})) as Alerts).approvals).toEqual([]);
    const supervisorView = (await seeded.t.ok(seeded.t.sessionAs('supervisor'), 'alerts.recent', {})) as Alerts;
    expect(supervisorView.approvals.find((a) => a.offerId === offer.id)).toMatchObject({ caseId, amountMinor, discountPct: 40 });
  });
});
