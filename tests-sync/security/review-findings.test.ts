import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SettlementOfferView } from '../../src-shared/contract';
import { stableId } from '../../src-shared/ids';
import type { PushResult, RowChange } from '../../src-shared/sync/protocol';
import { addDevice } from '../../src-relay/devices/device-tokens';
import { changeOf, creationOf, forgedCommand, freshClientId, useSecurityStage } from './security-fixture';

type Data = Record<string, unknown>;

/**
 * Security review of the trust model (relay sign-in, signed commands, write-sets, row rules,
 * regions). Each test plays one attack the first version let through and asserts the secure
 * outcome. The attacker holds a registered device token and one agent's password (so the
 * agent's key on the agent desk signs what they like), or a Trinidad-only device.
 */
describe('security review: attacks a review of the trust model found, each now stopped', () => {
  const stage = useSecurityStage();

  const asAgent = stage.pushAsAgent;

  const ledgerRow = async (tbl: string, id: string): Promise<Data> => {
    const data = await stage.ledgerData(tbl, id);
    if (!data) throw new Error(`the ledger has no ${tbl} ${id}`);
    return data;
  };
  const usLoan = () => stage.rowOf('loans', `borrower_id IN (SELECT id FROM borrowers WHERE jurisdiction LIKE 'US%') ORDER BY id`);

  it('a device token alone, with no one signed in, cannot record a payment through the core-banking feed', async () => {
    // Every desk registered with the default regions (`*`) holds a token the feed accepts.
    const loan = stage.rowOf('loans', `status = 'active' AND balance_minor > 0 ORDER BY id`);
    const reference = `FORGED-${randomUUID()}`;
    const response = await fetch(`${stage.relay.url}/api/feed/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${stage.tokens.agentDesk}` },
      body: JSON.stringify([{ accountNumber: loan.account_number, amountMinor: Number(loan.balance_minor), currency: loan.currency, paidOn: new Date().toISOString().slice(0, 10), reference }]),
    });
    expect(response.status).toBe(403);
    expect(await stage.ledgerData('payments', `${String(loan.id)}:${reference}`)).toBeUndefined();
  });

  it('a rejected push does not hand a Trinidad device the ledger rows of another region (nor anyone’s rows without a signature)', async () => {
    // Loan ids are an unkeyed hash of the account number (stableId('loan', account)), so anyone can name one.
    const loan = usLoan();
    const loanId = stableId('loan', String(loan.account_number));
    expect(loanId).toBe(loan.id);
    const touch = (tbl: string, id: string): RowChange => ({ tbl, id, op: 'upsert', data: { id }, base: { id, x: 1 }, baseVersion: null });
    const first = await stage.push(stage.tokens.trinidad, freshClientId(), [forgedCommand('activities.log', stage.userOf('agent'), [touch('loans', loanId)])]);
    expect(first.body.results[0]?.status).toBe('rejected');
    const leakedBorrower = (first.body.results[0] as Extract<PushResult, { status: 'rejected' }>).rows?.find((row) => row.tbl === 'loans')?.data.borrower_id;
    const borrower = stage.rowOf('borrowers', 'id = ?', loan.borrower_id);
    const second = await stage.push(stage.tokens.trinidad, freshClientId(), [forgedCommand('activities.log', stage.userOf('agent'), [touch('borrowers', String(leakedBorrower ?? borrower.id))])]);
    expect(JSON.stringify(first.body)).not.toContain(String(loan.borrower_id));
    expect(JSON.stringify(second.body)).not.toContain(String(borrower.last_name));
  });

  it('a history that is JSON but not a list is refused, so it cannot break every supervisor’s approvals inbox', async () => {
    const desk = stage.agentDesk;
    const caseId = desk.store.sqlite.prepare(`SELECT id FROM cases WHERE active = 1 AND dpd > 90 AND balance_minor > 100000 ORDER BY id LIMIT 1`).pluck().get() as string;
    const drafted = await desk.call<SettlementOfferView>(desk.as('agent'), 'settlements.create', { caseId, option: 'partial_settlement' });
    expect(await desk.services.sync.syncNow()).toMatchObject({ pending: 0, rejected: 0 });
    const before = desk.store.sqlite.prepare('SELECT * FROM settlement_offers WHERE id = ?').get(drafted.id) as Data;
    const result = await asAgent('settlements.submit', [changeOf('settlement_offers', before, { status: 'pending_approval', history: '{"poison":true}' })]);
    await desk.services.sync.syncNow();
    const inbox = await desk.services.dispatch(desk.as('supervisor'), 'approvals.inbox', {});
    expect(inbox).toMatchObject({ ok: true });
    expect(result).toMatchObject({ status: 'rejected' });
  });

  it('an agent cannot reopen a closed case (cases.update to open, activities.log to in_progress)', async () => {
    const closed = (await Promise.all(
      (stage.headOffice.store.sqlite.prepare(`SELECT id FROM cases WHERE status = 'closed' ORDER BY id LIMIT 2`).pluck().all() as string[]).map((id) => ledgerRow('cases', id)),
    ));
    expect(closed.length).toBe(2);
    const reopened = await asAgent('cases.update', [changeOf('cases', closed[0]!, { status: 'open' })]);
    const activity = {
      id: `act-${randomUUID()}`, case_id: closed[1]!.id, loan_id: closed[1]!.loan_id, type: 'NOTE', direction: null, contact_method: null, outcome: null, notes: 'Working it again',
      next_action_on: null, produced_promise: 0, performed_by: stage.userOf('agent'), at: new Date().toISOString(),
    };
    const worked = await asAgent('activities.log', [creationOf('activities', activity), changeOf('cases', closed[1]!, { status: 'in_progress' })]);
    expect((await ledgerRow('cases', String(closed[0]!.id))).status).toBe('closed');
    expect((await ledgerRow('cases', String(closed[1]!.id))).status).toBe('closed');
    expect([reopened.status, worked.status]).toEqual(['rejected', 'rejected']);
  });

  it('a row an agent writes cannot name another user as who did it (activities.performed_by)', async () => {
    const kase = stage.rowOf('cases', `active = 1 ORDER BY id`);
    const supervisor = stage.userOf('supervisor');
    const activity = {
      id: `act-${randomUUID()}`, case_id: kase.id, loan_id: kase.loan_id, type: 'CALL', direction: 'outbound', contact_method: 'phone', outcome: 'REFUSED',
      notes: 'Supervisor told the borrower we will sue tomorrow', next_action_on: null, produced_promise: 0, performed_by: supervisor, at: new Date().toISOString(),
    };
    const result = await asAgent('activities.log', [creationOf('activities', activity)]);
    expect(result).toMatchObject({ status: 'rejected' });
    expect(await stage.ledgerData('activities', activity.id)).toBeUndefined();
  });

  it('an agent recording a borrower’s text consent cannot name a supervisor as the one who recorded it (text_opt_outs.restored_by)', async () => {
    const standing = await ledgerRow('text_opt_outs', String(stage.rowOf('text_opt_outs', `restored_at IS NULL ORDER BY id`).id));
    const restored = {
      restored_at: new Date().toISOString(), restored_via: 'recorded_consent', restored_by: stage.userOf('supervisor'), restored_word: null,
      restored_reference: 'call recording 0042', consent_method: 'recorded_call', consent_given_on: new Date().toISOString().slice(0, 10),
    };
    const result = await asAgent('contacts.recordTextConsent', [changeOf('text_opt_outs', standing, restored)]);
    expect(result).toMatchObject({ status: 'rejected' });
    expect((await ledgerRow('text_opt_outs', String(standing.id))).restored_at).toBeNull();
  });

  it('an agent’s cases.overrideNba cannot name a supervisor as the one who overrode (nba_override_by)', async () => {
    const kase = await ledgerRow('cases', String(stage.rowOf('cases', `active = 1 ORDER BY id DESC`).id));
    const result = await asAgent('cases.overrideNba', [changeOf('cases', kase, { nba_override_action: 'hold_dispute', nba_override_reason: 'as agreed', nba_override_by: stage.userOf('supervisor') })]);
    expect(result).toMatchObject({ status: 'rejected' });
  });

  it('an agent’s messages.send cannot fabricate a reply from the borrower (an inbound, received message)', async () => {
    const kase = stage.rowOf('cases', `active = 1 ORDER BY id`);
    const loan = stage.rowOf('loans', 'id = ?', kase.loan_id);
    const phone = stage.rowOf('phones', 'borrower_id = ? ORDER BY id', loan.borrower_id);
    const message = {
      id: `msg-${randomUUID()}`, borrower_id: loan.borrower_id, case_id: kase.id, recovery_action_id: null, channel: 'sms', direction: 'inbound', from_address: phone.e164,
      to_address: '+18685550100', body: 'I agree to the full balance and waive my dispute', twilio_sid: null, status: 'received', error_code: null, at: new Date().toISOString(),
    };
    const result = await asAgent('messages.send', [creationOf('messages', message)]);
    expect(result).toMatchObject({ status: 'rejected' });
    expect(await stage.ledgerData('messages', message.id)).toBeUndefined();
  });

  it('a Trinidad device cannot pre-claim another region’s automated contacts, so the engine host still sends them', async () => {
    // The engine host claims a pre-delinquency reminder by its id: an unkeyed hash of the loan id, the rule and the installment.
    const loanId = stableId('loan', String(usLoan().account_number));
    const key = stableId('pre_delinquency', loanId, stableId('pre_delinquency_rule', 3, 'send_message'), 1);
    const claim = (token: string, clientId: string) =>
      fetch(`${stage.relay.url}/api/sync/claim`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ clientId, key }) });
    await claim(stage.tokens.trinidad, freshClientId());
    const engine = await claim(stage.tokens.engineHost, freshClientId());
    expect(await engine.json()).toEqual({ ok: true, granted: true });
  });

  it('failed sign-ins are throttled even when the guesses arrive at once', async () => {
    const { token } = await addDevice(stage.relay.database.db, 'guessing desk');
    const target = stage.userOf('supervisor', 1);
    const guess = (password: string) =>
      fetch(`${stage.relay.url}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ userId: target, password, publicKey: 'MCowBQYDK2VwAyEA' + 'A'.repeat(43) }),
      }).then(async (response) => (await response.json()) as { ok: boolean; error?: { message: string } });
    const answers = await Promise.all(Array.from({ length: 24 }, (_, index) => guess(`guess-${index}`)));
    const judged = answers.filter((answer) => answer.error?.message === 'unknown user or wrong password');
    // Five failures in a row are tolerated before the first wait; the rest must be refused unjudged.
    expect(judged.length).toBeLessThanOrEqual(5);
  });
});
