import { describe, expect, it } from 'vitest';
import type { SettlementOfferView } from '../../src-shared/contract';
import type { PullResponse, PushedCommand, RowChange } from '../../src-shared/sync/protocol';
import { DEMO_PASSWORD } from '../../src-main/seed/demo-users';
import { signCommand } from '../../src-main/session/command-signers';
import { changeOf, creationOf, forgedCommand, freshClientId, useSecurityStage } from './security-fixture';

/**
 * Issue 14, item 1: users prove who they are to the relay. Each attack the security review ran
 * against main, replayed through the real relay on Postgres; on main every one was applied.
 */
describe('security: the relay takes no desktop’s word for who acted', () => {
  const stage = useSecurityStage();

  /** A case deep enough in arrears that a 20% settlement needs a supervisor's approval. */
  async function pendingOffer(): Promise<{ offerId: string; before: Record<string, unknown> }> {
    const desk = stage.agentDesk;
    const caseId = desk.store.sqlite.prepare(`SELECT id FROM cases WHERE active = 1 AND dpd > 90 AND balance_minor > 100000 ORDER BY id LIMIT 1`).pluck().get() as string;
    const drafted = await desk.call<SettlementOfferView>(desk.as('agent'), 'settlements.create', { caseId, option: 'partial_settlement' });
    await desk.call(desk.as('agent'), 'settlements.submit', { offerId: drafted.id });
    expect(await desk.services.sync.syncNow()).toMatchObject({ pending: 0, rejected: 0 });
    expect((await stage.ledgerData('settlement_offers', drafted.id))?.status).toBe('pending_approval');
    const before = desk.store.sqlite.prepare('SELECT * FROM settlement_offers WHERE id = ?').get(drafted.id) as Record<string, unknown>;
    return { offerId: drafted.id, before };
  }

  const approval = (before: Record<string, unknown>, by: string): RowChange =>
    changeOf('settlement_offers', before, { status: 'approved', history: JSON.stringify([...(JSON.parse(String(before.history)) as unknown[]), { status: 'approved', by, at: new Date().toISOString() }]) });

  it('an agent’s desk naming a supervisor as the actor cannot approve a settlement, unsigned or signed with the agent’s key', async () => {
    const { offerId, before } = await pendingOffer();
    const supervisor = stage.userOf('supervisor');
    const agent = stage.userOf('agent');
    const unsigned = forgedCommand('settlements.approve', supervisor, [approval(before, supervisor)]);
    const first = await stage.push(stage.tokens.agentDesk, freshClientId(), [unsigned]);
    expect(first.body.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringContaining(`not signed by ${supervisor}`) });

    // The agent is signed in at this desk, so the desk holds the agent's key: it signs as the agent, then names the supervisor.
    const clientId = stage.agentDesk.store.clientId;
    const asAgent = { ...forgedCommand('settlements.approve', agent, [approval(before, supervisor)], 1) };
    const auth = signCommand(stage.agentDesk.store, asAgent)!;
    const renamed: PushedCommand = { ...asAgent, actorId: supervisor, auth };
    const second = await stage.push(stage.tokens.agentDesk, `${clientId}-forged`, [renamed]);
    expect(second.body.results[0]).toMatchObject({ status: 'rejected', reason: `signing key ${auth.keyId} belongs to another user, not ${supervisor}` });
    expect((await stage.ledgerData('settlement_offers', offerId))?.status).toBe('pending_approval');
  });

  it('a device token alone cannot make a user admin by naming an admin (settings.setUserRole)', async () => {
    const agent = stage.rowOf('users', `role = 'agent' AND active = 1 ORDER BY id`);
    const admin = stage.userOf('admin');
    const forged = forgedCommand('settings.setUserRole', admin, [changeOf('users', agent, { role: 'admin' })]);
    const { body } = await stage.push(stage.tokens.agentDesk, freshClientId(), [forged]);
    expect(body.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringContaining(`not signed by ${admin}`) });
    expect((await stage.ledgerData('users', String(agent.id)))?.role).toBe('agent');
  });

  it('no desk but the engine host’s acts as the system actor', async () => {
    const kase = stage.rowOf('cases', `active = 1 AND status = 'open' ORDER BY id`);
    const closing = forgedCommand('engine.dailyRun', 'system', [changeOf('cases', kase, { status: 'closed', close_reason: 'cured', closed_on: '2026-12-01', active: undefined })]);
    for (const token of [stage.tokens.agentDesk, stage.tokens.trinidad, stage.tokens.headOffice]) {
      const { body } = await stage.push(token, freshClientId(), [{ ...closing }]);
      expect(body.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^only the relay's engine host runs commands as the system actor/) });
    }
    expect((await stage.ledgerData('cases', String(kase.id)))?.status).toBe('open');
  });

  it('a signed command cannot be replayed in another outbox, with other rows, or from another device', async () => {
    const desk = stage.agentDesk;
    const agent = stage.userOf('agent');
    const caseId = desk.store.sqlite.prepare('SELECT id FROM cases WHERE active = 1 ORDER BY id LIMIT 1').pluck().get() as string;
    await desk.call(desk.as('agent'), 'activities.log', { caseId, type: 'NOTE', notes: 'Borrower will call back' });
    const row = desk.store.sqlite.prepare(`SELECT * FROM outbox WHERE name = 'activities.log' ORDER BY seq DESC LIMIT 1`).get() as Record<string, string | number>;
    const honest: PushedCommand = {
      seq: Number(row.seq), id: String(row.id), name: String(row.name), args: JSON.parse(String(row.args)) as unknown, actorId: agent, at: String(row.created_at),
      changes: JSON.parse(String(row.changes)) as RowChange[], auth: { keyId: String(row.key_id), signature: String(row.signature) },
    };
    expect(honest.actorId).toBe(row.actor_id);
    const elsewhere = await stage.push(stage.tokens.agentDesk, freshClientId(), [{ ...honest, seq: 1 }]);
    expect(elsewhere.body.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('the signature does not match the command') });

    const activity = honest.changes.find((change) => change.tbl === 'activities')! as Extract<RowChange, { op: 'upsert' }>;
    const fatter = { ...honest, seq: 1, changes: [...honest.changes, creationOf('payments', { id: `pay-${activity.id}`, loan_id: 'x', amount_minor: 99_999_999 })] };
    const tampered = await stage.push(stage.tokens.agentDesk, freshClientId(), [fatter]);
    expect(tampered.body.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('the signature does not match the command') });

    const stolen = await stage.push(stage.tokens.trinidad, freshClientId(), [{ ...honest, seq: 1 }]);
    expect(stolen.body.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/is registered on another device, not port of spain$/) });
  });

  it('password hashes never leave the relay: a regional device and a synced desk hold none', async () => {
    const response = await fetch(`${stage.relay.url}/api/sync/pull?limit=5000`, { headers: { authorization: `Bearer ${stage.tokens.trinidad}` } });
    const page = (await response.json()) as PullResponse;
    const users = page.rows.filter((row) => row.tbl === 'users');
    expect(users.length).toBeGreaterThan(5);
    expect(users.map((row) => row.data.password_hash)).toEqual(users.map(() => ''));
    expect(stage.agentDesk.store.sqlite.prepare(`SELECT count(*) FROM users WHERE password_hash != ''`).pluck().get()).toBe(0);
    // The ledger still holds them: the relay is the one place that checks passwords.
    expect(String((await stage.ledgerData('users', stage.userOf('agent')))?.password_hash)).toMatch(/^scrypt\$/);
  });

  it('the relay signs a user in only with the ledger’s password, and only from a registered device', async () => {
    const signIn = (token: string | null, body: unknown) =>
      fetch(`${stage.relay.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    const key = 'MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE';
    const agent = stage.userOf('agent');
    const wrong = await signIn(stage.tokens.trinidad, { userId: agent, password: 'letmein', publicKey: key });
    expect(wrong.status).toBe(401);
    const nobody = await signIn(stage.tokens.trinidad, { userId: 'user_nobody', password: DEMO_PASSWORD, publicKey: key });
    expect(await nobody.json()).toEqual(await wrong.json());
    expect((await signIn(null, { userId: agent, password: DEMO_PASSWORD, publicKey: key })).status).toBe(401);

    // Guessing slows down: after five failures even the right password waits.
    const admin = stage.userOf('admin');
    for (let guess = 0; guess < 5; guess++) expect((await signIn(stage.tokens.trinidad, { userId: admin, password: `guess ${guess}`, publicKey: key })).status).toBe(401);
    const locked = await signIn(stage.tokens.trinidad, { userId: admin, password: DEMO_PASSWORD, publicKey: key });
    expect(locked.status).toBe(401);
    expect(await locked.json()).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Too many failed sign-ins: wait 1 minute/) } });
  });

  it('a supervisor approves on a plane, signing in offline with the key sealed here, and the approval is taken when the desk reconnects', async () => {
    const desk = stage.agentDesk;
    const supervisor = stage.userOf('supervisor');
    const online = await desk.services.dispatch({ user: null }, 'session.signIn', { userId: supervisor, password: DEMO_PASSWORD });
    expect(online).toMatchObject({ ok: true, value: { id: supervisor, role: 'supervisor' } });
    const { offerId } = await pendingOffer();

    stage.agentDeskNetwork.setOffline(true);
    try {
      const session = { user: null };
      const refused = await desk.services.dispatch(session, 'session.signIn', { userId: supervisor, password: 'not it' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'unauthenticated', field: 'password' } });
      const signedIn = await desk.services.dispatch(session, 'session.signIn', { userId: supervisor, password: DEMO_PASSWORD });
      expect(signedIn).toMatchObject({ ok: true, value: { id: supervisor, role: 'supervisor' } });
      const approved = await desk.call<SettlementOfferView>(session, 'settlements.approve', { offerId });
      expect(approved.status).toBe('approved');
    } finally {
      stage.agentDeskNetwork.setOffline(false);
    }
    expect(await desk.services.sync.syncNow()).toMatchObject({ state: 'online', pending: 0, rejected: 0 });
    expect((await stage.ledgerData('settlement_offers', offerId))?.status).toBe('approved');
  });
});
