import { beforeAll, describe, expect, it } from 'vitest';
import { ownerOf } from '../../src-shared/sync/partitions';
import type { PullResponse, PushResult } from '../../src-shared/sync/protocol';
import { addDevice } from '../devices/device-tokens';
import { currentVersion } from '../ledger/ledger-clock';
import { readRow, seedRows } from '../test-support/ledger-fixtures';
import { caseFamily, replicaRow } from '../../tests-support/replica-rows';
import { BACKENDS } from '../test-support/scratch-databases';
import { useScratchRelay } from '../test-support/scratch-relay';
import { created, deleted, postJson, TestDesktop, uniqueId, updated } from '../test-support/sync-client';
import { signInAtRelay, userRow, type TestSigner } from '../test-support/test-users';
import { fakeSid, postAsTwilio } from '../test-support/twilio-requests';

type Data = Record<string, unknown>;

const USERS = { agent: userRow('u-agent', 'agent'), supervisor: userRow('u-supervisor', 'supervisor'), admin: userRow('u-admin', 'admin'), retired: userRow('u-retired', 'supervisor') };

/** The borrower, loan and case the rows below hang from: the relay refuses rows naming parents it does not hold. */
const FAMILY = caseFamily('push');

/** Whole row images, as a desktop's `SELECT *` gives them: the relay refuses rows that would break a replica. */
const caseRow = (id: string): Data =>
  replicaRow('cases', { id, loan_id: FAMILY.ids.loan, account_number: 'ACC-push', borrower_name: 'push Borrower', currency: 'USD', status: 'open', dpd: 12, assigned_agent_id: 'u-agent', opened_on: '2026-11-01' });
const offerRow = (id: string, caseId: string): Data =>
  replicaRow('settlement_offers', { id, case_id: caseId, type: 'manual', status: 'pending_approval', balance_minor: 200000, amount_minor: 50000, discount_pct: 25, installments: 1, requires_approval: 1, history: [{ status: 'draft', by: 'u-agent', at: '2026-11-20T10:00:00.000Z' }], expires_on: null });
const actionRow = (id: string, caseId: string, status: string): Data =>
  replicaRow('recovery_actions', { id, case_id: caseId, type: 'sms_reminder', channel: 'sms', status, sent_at: '2026-11-20T14:00:00.000Z', delivered_at: null, triggered_by: 'manual', created_at: '2026-11-20T14:00:00.000Z' });
const messageRow = (id: string): Data =>
  replicaRow('messages', { id, borrower_id: FAMILY.ids.borrower, case_id: FAMILY.ids.kase, channel: 'sms', direction: 'outbound', from_address: '+18685550100', to_address: '+18685550199', body: 'Reminder', twilio_sid: null, status: 'queued', at: '2026-11-21T09:00:00.000Z' });
// Logged by the agent whose signed commands push them: who did something is the command's actor.
const activityRow = (id: string, data: Data = {}): Data => replicaRow('activities', { id, case_id: FAMILY.ids.kase, loan_id: FAMILY.ids.loan, type: 'NOTE', performed_by: 'u-agent', at: '2026-11-20T10:00:00.000Z', ...data });

const rejected = (result: PushResult | undefined) => {
  expect(result?.status).toBe('rejected');
  return result as Extract<PushResult, { status: 'rejected' }>;
};

describe.each(BACKENDS)('POST /api/sync/push on $name', ({ scratch: backend }) => {
  const scratch = useScratchRelay(backend);
  let token: string;
  let engineToken: string;
  const signers = new Map<string, TestSigner>();
  /** A new outbox on the front desk, whose users signed in there once. */
  const desktop = () => {
    const outbox = new TestDesktop(scratch.relay.url, token);
    for (const [userId, signer] of signers) outbox.useSigner(userId, signer);
    return outbox;
  };
  const pullAfter = async (cursor: number) => {
    const response = await fetch(`${scratch.relay.url}/api/sync/pull?cursor=${cursor}`, { headers: { authorization: `Bearer ${token}` } });
    return (await response.json()) as PullResponse;
  };
  // Rows that hang from a borrower are in the family's region (TT); users are everyone's.
  const seed = (tbl: string, ...rows: Data[]) => seedRows(scratch.relay.database.db, rows.map((data) => ({ tbl, id: String(data.id), partition: ownerOf(tbl, data) ? 'TT' : '*', data })));
  const ledgerData = async (tbl: string, id: string) => (await readRow(scratch.relay.database.db, tbl, id))?.data;

  beforeAll(async () => {
    ({ token } = await addDevice(scratch.relay.database.db, 'Front desk'));
    ({ token: engineToken } = await addDevice(scratch.relay.database.db, 'Engine host', ['*'], { engineHost: true }));
    // The users the commands run as reach the ledger the way an existing desktop's would.
    const response = await postJson(`${scratch.relay.url}/api/sync/bootstrap`, token, { rows: [...Object.values(USERS).map((data) => ({ tbl: 'users', id: data.id, data })), ...FAMILY.rows], final: true });
    expect(response.status).toBe(200);
    for (const { id } of Object.values(USERS)) signers.set(String(id), await signInAtRelay(scratch.relay.url, token, String(id)));
    // Retired after signing in here: the key stays, the ledger's word on the user is what counts.
    await seed('users', { ...USERS.retired, active: 0 });
  });

  it('applies a command: its rows come back from pull with the version it answered', async () => {
    const caseId = uniqueId('case');
    await seed('cases', caseRow(caseId));
    const start = await currentVersion(scratch.relay.database.db);
    const activity = activityRow(uniqueId('act'), { case_id: caseId, type: 'CALL', outcome: 'PTP', performed_by: 'u-agent' });
    const result = await desktop().run('activities.log', 'u-agent', [created('activities', activity), updated('cases', caseRow(caseId), { status: 'in_progress' })]);
    expect(result).toEqual({ seq: 1, status: 'applied', version: start + 2 });
    const page = await pullAfter(start);
    expect(page.rows).toEqual([
      { tbl: 'activities', id: activity.id, version: start + 1, deleted: false, data: activity },
      { tbl: 'cases', id: caseId, version: start + 2, deleted: false, data: { ...caseRow(caseId), status: 'in_progress' } },
    ]);
  });

  it('answers a repeated batch with the same results and writes nothing again', async () => {
    const outbox = desktop();
    const batch = [
      outbox.command('activities.log', 'u-agent', [created('activities', activityRow(uniqueId('act'), { notes: 'first' }))]),
      outbox.command('settlements.approve', 'u-agent', []),
      outbox.command('activities.log', 'u-agent', [created('activities', activityRow(uniqueId('act'), { notes: 'third' }))]),
    ];
    const first = await outbox.push(batch);
    expect(first.results.map((result) => result.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(first.expectedSeq).toBe(4);
    const version = await currentVersion(scratch.relay.database.db);
    expect(await outbox.push(batch)).toEqual(first);
    expect(await outbox.push([batch[1]!])).toEqual({ results: [first.results[1]], expectedSeq: 4 });
    expect(await currentVersion(scratch.relay.database.db)).toBe(version);
    expect((await pullAfter(version)).rows).toEqual([]);
  });

  it('applies a batch pushed twice at once exactly once', async () => {
    const outbox = desktop();
    const ids = [uniqueId('act'), uniqueId('act'), uniqueId('act')];
    const batch = ids.map((id) => outbox.command('activities.log', 'u-agent', [created('activities', activityRow(id))]));
    const start = await currentVersion(scratch.relay.database.db);
    const [one, two] = await Promise.all([outbox.push(batch), outbox.push(batch)]);
    expect(one).toEqual(two);
    expect(one.results.map((result) => result.status)).toEqual(['applied', 'applied', 'applied']);
    expect(await currentVersion(scratch.relay.database.db)).toBe(start + 3);
  });

  it('takes a client’s commands strictly in sequence: a gap stops the batch and names the seq it expects', async () => {
    const outbox = desktop();
    const rows = [1, 2, 3, 4].map(() => activityRow(uniqueId('act')));
    const [c1, c2, c3, c4] = rows.map((row) => outbox.command('activities.log', 'u-agent', [created('activities', row)]));
    expect(await outbox.push([c2!, c3!])).toEqual({ results: [], expectedSeq: 1 });
    expect(await outbox.push([c1!])).toMatchObject({ results: [{ seq: 1, status: 'applied' }], expectedSeq: 2 });
    expect(await outbox.push([c3!, c4!])).toEqual({ results: [], expectedSeq: 2 });
    expect(await ledgerData('activities', String(rows[2]!.id))).toBeUndefined();
    // Out of order within a batch is still in sequence once sorted.
    expect((await outbox.push([c4!, c2!, c3!])).results.map((result) => [result.seq, result.status])).toEqual([
      [2, 'applied'],
      [3, 'applied'],
      [4, 'applied'],
    ]);
  });

  it('refuses an agent approving a settlement and returns the ledger’s rows; a supervisor’s approval applies', async () => {
    const caseId = uniqueId('case');
    const offerId = uniqueId('offer');
    await seed('cases', caseRow(caseId));
    const [seeded] = await seed('settlement_offers', offerRow(offerId, caseId));
    const approved = { status: 'approved', history: [...(offerRow(offerId, caseId).history as unknown[]), { status: 'approved', by: 'u-agent', at: '2026-11-22T10:00:00.000Z' }] };

    // Sent under a command the agent may run, the status change itself is judged.
    const sneaked = rejected(await desktop().run('settlements.submit', 'u-agent', [updated('settlement_offers', offerRow(offerId, caseId), approved)]));
    expect(sneaked.reason).toBe(`settlement_offers ${offerId}: moving an offer from pending_approval to approved (approve) needs the approve_settlement permission`);
    expect(sneaked.rows).toEqual([{ tbl: 'settlement_offers', id: offerId, version: seeded!.version, deleted: false, data: offerRow(offerId, caseId) }]);

    const asked = rejected(await desktop().run('settlements.approve', 'u-agent', [updated('settlement_offers', offerRow(offerId, caseId), approved)]));
    expect(asked.reason).toBe('settlements.approve needs the approve_settlement permission, which actor u-agent (agent) does not have');
    expect((await ledgerData('settlement_offers', offerId))?.status).toBe('pending_approval');

    const byBoss = await desktop().run('settlements.approve', 'u-supervisor', [updated('settlement_offers', offerRow(offerId, caseId), { ...approved, history: [...(offerRow(offerId, caseId).history as unknown[]), { status: 'approved', by: 'u-supervisor', at: '2026-11-22T10:00:00.000Z' }] })]);
    expect(byBoss.status).toBe('applied');
    expect((await ledgerData('settlement_offers', offerId))?.status).toBe('approved');
  });

  it('never trusts a role a desktop claims: an agent’s own users row saying admin is refused, and the ledger’s role stands', async () => {
    const outbox = desktop();
    const offerId = uniqueId('offer');
    await seed('settlement_offers', offerRow(offerId, 'c1'));
    const { results } = await outbox.push([
      outbox.command('cases.update', 'u-agent', [updated('users', USERS.agent, { role: 'admin' })]),
      outbox.command('settlements.approve', 'u-agent', [updated('settlement_offers', offerRow(offerId, 'c1'), { status: 'approved' })]),
    ]);
    expect(rejected(results[0]).reason).toBe('users u-agent: cases.update does not change users');
    expect(rejected(results[0]).rows).toMatchObject([{ tbl: 'users', id: 'u-agent', deleted: false, data: { role: 'agent' } }]);
    expect(rejected(results[1]).reason).toContain('which actor u-agent (agent) does not have');
    expect((await ledgerData('users', 'u-agent'))?.role).toBe('agent');
  });

  it('merges two desktops’ edits of different columns of one case, each keeping the other’s', async () => {
    const caseId = uniqueId('case');
    await seed('cases', caseRow(caseId));
    const [one, two] = [desktop(), desktop()];
    expect((await one.run('cases.assign', 'u-supervisor', [updated('cases', caseRow(caseId), { assigned_agent_id: 'u-supervisor' })])).status).toBe('applied');
    // The second desktop had not seen the reassignment: its stale assigned_agent_id is not its edit.
    expect((await two.run('cases.update', 'u-agent', [updated('cases', caseRow(caseId), { priority: 'HIGH', reason_code: 'BROKEN_PTP' })])).status).toBe('applied');
    expect(await ledgerData('cases', caseId)).toEqual({ ...caseRow(caseId), assigned_agent_id: 'u-supervisor', priority: 'HIGH', reason_code: 'BROKEN_PTP' });
  });

  it('keeps a recovery action delivered when another desktop moves it back to sent', async () => {
    const actionId = uniqueId('ra');
    await seed('recovery_actions', actionRow(actionId, FAMILY.ids.kase, 'sent'));
    // Twilio's outcome arrives as the system's, which only the engine host's device may push.
    const [one, two] = [new TestDesktop(scratch.relay.url, engineToken), desktop()];
    const delivered = { status: 'delivered', delivered_at: '2026-11-22T09:00:00.000Z' };
    expect((await one.run('recovery.statusCallback', 'system', [updated('recovery_actions', actionRow(actionId, FAMILY.ids.kase, 'sent'), delivered)])).status).toBe('applied');
    const back = rejected(await two.run('recovery.execute', 'u-agent', [updated('recovery_actions', { ...actionRow(actionId, FAMILY.ids.kase, 'sent'), ...delivered }, { status: 'sent' })]));
    expect(back.reason).toBe(`recovery_actions ${actionId}: status moves only forward: delivered cannot become sent`);
    expect(back.rows[0]?.data).toMatchObject({ status: 'delivered' });
    expect((await ledgerData('recovery_actions', actionId))?.status).toBe('delivered');
  });

  it('refuses a second desktop creating a message with the same id', async () => {
    const messageId = uniqueId('msg');
    const [one, two] = [desktop(), desktop()];
    expect((await one.run('messages.send', 'u-agent', [created('messages', messageRow(messageId))])).status).toBe('applied');
    const second = rejected(await two.run('messages.send', 'u-supervisor', [created('messages', { ...messageRow(messageId), body: 'Other' })]));
    expect(second.reason).toBe(`messages ${messageId}: it was created here, but already exists in the ledger`);
    expect(second.rows).toMatchObject([{ tbl: 'messages', id: messageId, deleted: false, data: { body: 'Reminder' } }]);
  });

  it('applies the Twilio callback that reached the relay before the pushed message it is about', async () => {
    const sid = fakeSid('SM');
    const messageId = uniqueId('msg');
    expect((await postAsTwilio(scratch.relay.url, '/api/twilio/webhook/sms', { MessageSid: sid, MessageStatus: 'delivered' })).status).toBe(204);
    const result = await desktop().run('messages.send', 'u-agent', [created('messages', { ...messageRow(messageId), twilio_sid: sid })]);
    expect(result).toEqual({ seq: 1, status: 'applied', version: await currentVersion(scratch.relay.database.db) });
    expect((await ledgerData('messages', messageId))?.status).toBe('delivered');
  });

  it.each([
    ['an unknown command', 'cases.obliterate', 'u-admin', '"cases.obliterate" is not a command the relay knows'],
    ['a query name', 'cases.queue', 'u-admin', '"cases.queue" is not a command the relay knows'],
    ['an unknown actor', 'activities.log', 'u-nobody', expect.stringMatching(/^the command is not signed by u-nobody/)],
    ['an inactive actor', 'activities.log', 'u-retired', 'actor u-retired is not an active user'],
    ['an automated command run by a user', 'dunning.dispatch', 'u-admin', 'dunning.dispatch is automated and runs as the system actor, not as u-admin'],
    ['a user’s command run as the system', 'activities.log', 'system', 'the system actor runs only automated commands, not activities.log'],
  ])('refuses %s, writing nothing and handing back the rows as the ledger never had them', async (_case, name, actorId, reason: unknown) => {
    const activity = { id: uniqueId('act') };
    const start = await currentVersion(scratch.relay.database.db);
    const result = rejected(await desktop().run(name, actorId, [created('activities', activity)]));
    expect(result).toEqual({ seq: 1, status: 'rejected', reason, rows: [{ tbl: 'activities', id: activity.id, version: 0, deleted: true, data: {} }] });
    expect(await currentVersion(scratch.relay.database.db)).toBe(start);
  });

  it('takes automated commands as the system actor from the engine host’s device', async () => {
    const other = await addDevice(scratch.relay.database.db, 'Engine host', ['*'], { engineHost: true });
    const eventId = uniqueId('de');
    const event = replicaRow('dunning_events', { id: eventId, loan_id: FAMILY.ids.loan, step_id: 'step-1', kind: 'dunning', planned_on: '2026-11-20', status: 'planned' });
    await seed('dunning_events', event);
    const robot = new TestDesktop(scratch.relay.url, other.token);
    const result = await robot.run('dunning.dispatch', 'system', [updated('dunning_events', event, { status: 'sent' })]);
    expect(result.status).toBe('applied');
    expect((await ledgerData('dunning_events', eventId))?.status).toBe('sent');
  });

  it('deletes a queue membership as a tombstone pull carries, and only an admin may', async () => {
    const member = { queue_id: 'q-early', user_id: uniqueId('u'), position: 1 };
    const id = `${member.queue_id}:${member.user_id}`;
    await seedRows(scratch.relay.database.db, [{ tbl: 'queue_members', id, partition: '*', data: member }]);
    expect(rejected(await desktop().run('cases.assign', 'u-supervisor', [deleted('queue_members', id, member)])).reason).toBe(`queue_members ${id}: cases.assign does not change queue_members`);
    expect(rejected(await desktop().run('settings.saveQueue', 'u-supervisor', [deleted('queue_members', id, member)])).reason).toContain('needs the admin_settings permission');
    const start = await currentVersion(scratch.relay.database.db);
    expect((await desktop().run('settings.saveQueue', 'u-admin', [deleted('queue_members', id, member)])).status).toBe('applied');
    expect((await pullAfter(start)).rows).toEqual([{ tbl: 'queue_members', id, version: start + 1, deleted: true, data: member }]);
  });

  it('lists a client’s rejections with their reasons and rows', async () => {
    const outbox = desktop();
    const activity = activityRow(uniqueId('act'));
    await outbox.push([
      outbox.command('activities.log', 'u-agent', [created('activities', activity)]),
      outbox.command('activities.log', 'u-nobody', [created('activities', { id: uniqueId('act') })]),
      outbox.command('activities.log', 'u-agent', [updated('activities', activity, { notes: 'edited' })]),
    ]);
    const response = await fetch(`${scratch.relay.url}/api/sync/rejections?clientId=${outbox.clientId}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { ok: true; rejections: { seq: number; name: string; actorId: string; reason: string; rows: unknown[] }[] };
    expect(body.rejections.map(({ seq, actorId, reason }) => ({ seq, actorId, reason }))).toEqual([
      { seq: 2, actorId: 'u-nobody', reason: expect.stringMatching(/^the command is not signed by u-nobody/) },
      { seq: 3, actorId: 'u-agent', reason: `activities ${activity.id}: activities.log may not change activities.notes` },
    ]);
    expect(body.rejections[1]!.rows).toMatchObject([{ tbl: 'activities', id: activity.id, data: activity }]);
    const later = await fetch(`${scratch.relay.url}/api/sync/rejections?clientId=${outbox.clientId}&afterSeq=2`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await later.json()) as typeof body).rejections.map((rejection) => rejection.seq)).toEqual([3]);
  });

  it('refuses a seq pushed again as a different command (409), pushes without a device token (401) and malformed bodies (400)', async () => {
    const outbox = desktop();
    await outbox.push([outbox.command('activities.log', 'u-agent', [created('activities', { id: uniqueId('act') })])]);
    const reused = await postJson(`${scratch.relay.url}/api/sync/push`, token, { clientId: outbox.clientId, commands: [outbox.command('activities.log', 'u-agent', [], 1)] });
    expect(reused.status).toBe(409);
    expect(await reused.json()).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('must not reuse') } });

    expect((await postJson(`${scratch.relay.url}/api/sync/push`, null, { clientId: 'x', commands: [] })).status).toBe(401);
    const malformed = await postJson(`${scratch.relay.url}/api/sync/push`, token, { clientId: 'x', commands: [{ ...outbox.command('a', 'u', []), seq: 0 }] });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ ok: false, error: { code: 'validation', field: 'commands.0.seq' } });
    const notJson = await fetch(`${scratch.relay.url}/api/sync/push`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{' });
    expect(await notJson.json()).toMatchObject({ ok: false, error: { code: 'validation', message: 'the body is not valid JSON' } });
  });
});
