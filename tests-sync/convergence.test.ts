import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PRIORITIES } from '../src-shared/domain/vocabulary';
import type { SettlementOfferView } from '../src-shared/contract';
import { Rng } from '../src-main/seed/random';
import { createRelayClient } from '../src-main/sync/relay-client';
import { publishToRelay } from '../src-main/sync/publish';
import { openRelayDatabase } from '../src-relay/db/open-database';
import { addDevice } from '../src-relay/devices/device-tokens';
import { scratchPostgres } from '../src-relay/test-support/scratch-databases';
import { desktop, syncedRows, visibleTo, type Desktop } from './desktops';
import { startFaultProxy, type Faults, type FaultProxy } from './fault-proxy';
import { relayProcess, type RelayProcess } from './relay-process';
import { maliciousDevice } from './malicious-device';

/** `CONVERGENCE_SEED` replays a run; `CONVERGENCE_COMMANDS` makes it longer (the bench runs a soak). */
const SEED = Number(process.env.CONVERGENCE_SEED ?? 20261122);
const COMMANDS = Number(process.env.CONVERGENCE_COMMANDS ?? 1500);
// 11:00 in Port of Spain: automated contact is within hours, so dunning steps really go out.
const CLOCK = new Date('2026-11-20T15:00:00Z');
const NETWORK: Faults = { dropRequest: 0.05, dropResponse: 0.05, duplicate: 0.05, replayStale: 0.05 };
const DUE_ON = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);

interface Tally {
  issued: number;
  refusedLocally: number;
}

/** One random user action on a desktop, through its dispatcher as the renderer would call it. */
async function randomCommand(rng: Rng, d: Desktop, tally: Tally, engineHost: Desktop): Promise<void> {
  const { sqlite } = d.store;
  const cases = sqlite.prepare('SELECT id FROM cases WHERE active = 1 ORDER BY id').pluck().all() as string[];
  if (cases.length === 0) return;
  const caseId = rng.pick(cases);
  const agent = d.as('agent', rng.int(0, 2));
  const supervisor = d.as('supervisor', rng.int(0, 1));
  const offersIn = (status: string) => sqlite.prepare('SELECT id FROM settlement_offers WHERE status = ? ORDER BY id').pluck().all(status) as string[];
  const action = rng.weighted([
    ['note', 25], ['assign', 12], ['priority', 10], ['draft', 8], ['submit', 8], ['decide', 10], ['agentApproves', 3], ['promise', 8], ['cancelPromise', 4],
    ['dunning', 4],
  ] as const);
  tally.issued += 1;
  try {
    switch (action) {
      case 'note':
        await d.call(agent, 'activities.log', { caseId, type: 'NOTE', notes: `note ${rng.digits(6)}` });
        return;
      case 'assign': {
        const agents = sqlite.prepare(`SELECT id FROM users WHERE role = 'agent' ORDER BY id`).pluck().all() as string[];
        await d.call(supervisor, 'cases.assign', { caseIds: [caseId], agentId: rng.pick(agents) });
        return;
      }
      case 'priority':
        await d.call(agent, 'cases.update', { caseId, priority: rng.pick(PRIORITIES) });
        return;
      case 'draft':
        await d.call<SettlementOfferView>(agent, 'settlements.create', { caseId, option: rng.pick(['partial_settlement', 'full_payment'] as const) });
        return;
      case 'submit': {
        const drafts = offersIn('draft');
        if (drafts.length > 0) await d.call(agent, 'settlements.submit', { offerId: rng.pick(drafts) });
        return;
      }
      case 'decide': {
        const pending = offersIn('pending_approval');
        if (pending.length === 0) return;
        const offerId = rng.pick(pending);
        if (rng.chance(0.6)) await d.call(supervisor, 'settlements.approve', { offerId });
        else await d.call(supervisor, 'settlements.reject', { offerId, reason: 'Terms too generous' });
        return;
      }
      case 'agentApproves': {
        // A role-gated transition: the desktop refuses it before any command exists.
        const pending = offersIn('pending_approval');
        if (pending.length > 0) await d.call(agent, 'settlements.approve', { offerId: rng.pick(pending) });
        return;
      }
      case 'promise':
        await d.call(agent, 'promises.create', { caseId, amountMinor: rng.int(1_000, 50_000), dueOn: DUE_ON });
        return;
      case 'cancelPromise': {
        const promises = sqlite.prepare(`SELECT id FROM promises WHERE status = 'pending' ORDER BY id`).pluck().all() as string[];
        if (promises.length > 0) await d.call(agent, 'promises.cancel', { promiseId: rng.pick(promises), reason: 'Borrower withdrew it' });
        return;
      }
      case 'dunning':
        // Automated contact is the system's, and only the engine host's device acts as the system.
        await engineHost.services.communications.recovery.dispatchPlannedDunning();
        return;
    }
  } catch {
    // Refused here (a role, a transition this replica already sees as taken): no command was queued.
    tally.refusedLocally += 1;
  }
}

async function settle(desktops: readonly Desktop[]): Promise<void> {
  for (let round = 0; round < 50; round++) {
    await Promise.all(desktops.map((d) => d.services.sync.syncNow()));
    if (desktops.every((d) => d.services.sync.status().pending === 0 && d.services.sync.status().state === 'online')) break;
  }
  // One more round each, so every desktop has pulled what the last pushes wrote.
  await Promise.all(desktops.map((d) => d.services.sync.syncNow()));
}

describe('convergence: five desktops on two relays sharing one Postgres, over an unreliable network, with a malicious desk among them', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it(`converges after ${COMMANDS} random commands with offline periods, faults and a relay killed mid-push (seed ${SEED})`, async () => {
    const rng = new Rng(SEED);
    const database = await scratchPostgres();
    cleanups.push(() => database.drop());
    const relays: RelayProcess[] = [await relayProcess(database.target.url), await relayProcess(database.target.url)];
    for (const relay of relays) {
      await relay.start();
      cleanups.push(() => relay.stop());
    }
    const ledger = await openRelayDatabase(database.target);
    const tokens: string[] = [];
    // Desk 4 serves Trinidad only: it pulls and changes only that region's borrowers. Desk 3 is the engine host. Device 6 is an insider's.
    for (let i = 0; i < 7; i++) tokens.push((await addDevice(ledger.db, `desk ${i}`, i === 4 ? ['TT'] : ['*'], { engineHost: i === 3 })).token);
    await ledger.close();

    const desktops = [desktop('desk 0', { seededLoans: 20, now: () => CLOCK }), ...[1, 2, 3, 4].map((i) => desktop(`desk ${i}`, { now: () => CLOCK }))];
    for (const d of desktops) cleanups.push(() => d.close());
    await publishToRelay(desktops[0]!.store, createRelayClient(relays[0]!.url, tokens[0]!));

    // Desks 0–2 reach relay A, desks 3–4 relay B, each through its own bad network.
    const faults: Faults = { ...NETWORK };
    const proxies: FaultProxy[] = [];
    for (const [i, d] of desktops.entries()) {
      const proxy = await startFaultProxy(relays[i < 3 ? 0 : 1]!.url, faults, () => rng.int(0, 999_999) / 1_000_000);
      proxies.push(proxy);
      cleanups.push(() => proxy.close());
      await d.services.sync.configure({ relayUrl: proxy.url, deviceToken: tokens[i]! });
    }
    // The desks' people sign in once on a good network; after that they work offline as much as online.
    Object.assign(faults, { dropRequest: 0, dropResponse: 0, duplicate: 0, replayStale: 0 });
    await settle(desktops);
    for (const d of desktops) await d.signIn(['agent', 'supervisor']);
    Object.assign(faults, NETWORK);
    // A malicious desk among them: a registered device and one agent's password, attacking relay B (which stays up).
    const attacker = maliciousDevice({ relayUrl: relays[1]!.url, token: tokens[6]!, replica: desktops[0]!, victimClientId: desktops[1]!.store.clientId, rng });
    await attacker.signIn();

    const tally: Tally = { issued: 0, refusedLocally: 0 };
    const offlineUntil = new Map<number, number>();
    const killAt = Math.floor(COMMANDS / 2);
    for (let step = 0; step < COMMANDS; step++) {
      if (step === killAt) {
        // Mid-push: desk 0 has just queued work and its push is on the wire when relay A dies.
        await randomCommand(rng, desktops[0]!, tally, desktops[3]!);
        await new Promise((resolve) => setTimeout(resolve, 2));
        await relays[0]!.kill();
      }
      if (step === killAt + 150) await relays[0]!.start();
      if (rng.chance(0.01)) {
        const who = rng.int(0, desktops.length - 1);
        proxies[who]!.setOffline(true);
        offlineUntil.set(who, step + rng.int(20, 120));
      }
      for (const [who, until] of offlineUntil) {
        if (step >= until) {
          proxies[who]!.setOffline(false);
          offlineUntil.delete(who);
          desktops[who]!.services.sync.kick();
        }
      }
      await randomCommand(rng, rng.pick(desktops), tally, desktops[3]!);
      if (step % 10 === 3) await attacker.attack();
      // Let the background pushes, pulls and notices interleave with the users' work.
      if (step % 5 === 0) await new Promise((resolve) => setTimeout(resolve, 15));
    }

    for (const proxy of proxies) proxy.setOffline(false);
    Object.assign(faults, { dropRequest: 0, dropResponse: 0, duplicate: 0, replayStale: 0 });
    await settle(desktops);

    // The ledger itself, as a desktop that never worked offline receives it.
    const reference = desktop('reference');
    cleanups.push(() => reference.close());
    await reference.services.sync.configure({ relayUrl: relays[1]!.url, deviceToken: tokens[5]! });
    await reference.services.sync.syncNow();
    const ledgerRows = syncedRows(reference.store);
    for (const [i, d] of desktops.entries()) expect(syncedRows(d.store), `${d.name} equals the ledger for its regions`).toEqual(i === 4 ? visibleTo('TT', ledgerRows) : ledgerRows);

    // Every command a desktop queued was judged: applied, or kept with the relay's reason.
    const client = new pg.Client({ connectionString: database.target.url });
    await client.connect();
    cleanups.push(() => client.end());
    let applied = 0;
    let rejected = 0;
    for (const d of desktops) {
      const outbox = d.store.sqlite.prepare('SELECT seq, state, rejection FROM outbox WHERE client_id = ? ORDER BY seq').all(d.store.clientId) as { seq: number; state: string; rejection: string | null }[];
      expect(outbox.filter((entry) => entry.state === 'pending'), `${d.name} has nothing left to push`).toEqual([]);
      const judged = await client.query<{ seq: string; status: string }>('SELECT seq, status FROM sync_commands WHERE client_id = $1 ORDER BY seq', [d.store.clientId]);
      const byRelay = new Map(judged.rows.map((row) => [Number(row.seq), row.status]));
      for (const entry of outbox) {
        expect(byRelay.get(entry.seq), `${d.name} command ${entry.seq}`).toBe(entry.state);
        if (entry.state === 'rejected') expect(entry.rejection).toMatch(/\S/);
      }
      applied += outbox.filter((entry) => entry.state === 'applied').length;
      rejected += outbox.filter((entry) => entry.state === 'rejected').length;
    }

    // Every text and call that reached a carrier is one recorded action: an automated dunning step
    // (one deterministic action per step) that two desktops both sent would show as an extra send.
    const recorded = ledgerRows.recovery_actions!.filter((row) => {
      const action = row as { channel: string; sent_at: string | null };
      return ['sms', 'whatsapp', 'voice'].includes(action.channel) && action.sent_at !== null;
    }).length;
    let carrierSends = 0;
    for (const d of desktops) {
      const simulator = (await d.services.communications.sandbox()).simulator;
      carrierSends += simulator.messages().length + simulator.calls().length;
    }
    expect(carrierSends).toBe(recorded);
    const dunningSends = ledgerRows.recovery_actions!.filter((row) => (row as { triggered_by: string; sent_at: string | null }).triggered_by === 'dunning' && (row as { sent_at: string | null }).sent_at !== null).length;

    // Nothing the malicious desk sent changed the ledger: each attack was refused, every kind of it tried.
    expect(attacker.attempts.length).toBeGreaterThan(COMMANDS / 15);
    expect(attacker.attempts.filter((attempt) => attempt.answer.status === 'applied')).toEqual([]);
    // …and refused by the check meant for it, not by accident.
    const WHY: Record<string, RegExp> = {
      'forged actor': /not signed by|belongs to another user/,
      'out of role': /may set cases\.status only to|does not change loans|may not change loans/,
      'aliased id': /the change's id must be the row's key/,
      'poison row': /NOT NULL|is not in the ledger/,
      'system actor': /only the relay's engine host/,
    };
    for (const { attack, answer } of attacker.attempts) {
      if (attack === 'foreign client id') expect(answer, attack).toEqual({ status: 'refused', httpStatus: 403 });
      else expect(answer.status === 'rejected' ? answer.reason : answer, attack).toMatch(WHY[attack]!);
    }
    expect(new Set(attacker.attempts.map((attempt) => attempt.attack))).toEqual(new Set(['forged actor', 'out of role', 'aliased id', 'poison row', 'system actor', 'foreign client id']));
    const appliedForAttacker = await client.query<{ count: string }>(`SELECT count(*) FROM sync_commands WHERE client_id LIKE 'attacker-%' AND status = 'applied'`);
    expect(Number(appliedForAttacker.rows[0]!.count)).toBe(0);

    const faultsSeen = proxies.reduce((sum, proxy) => sum + proxy.stats.droppedRequests + proxy.stats.droppedResponses + proxy.stats.duplicated + proxy.stats.replayed, 0);
    expect(faultsSeen).toBeGreaterThan(20);
    expect(applied).toBeGreaterThan(COMMANDS / 3);
    expect(rejected).toBeGreaterThan(0);
    process.stderr.write(`convergence: ${tally.issued} actions, ${tally.refusedLocally} refused locally, ${applied} commands applied, ${rejected} rejected, ${dunningSends} dunning sends, ${faultsSeen} network faults, ${attacker.attempts.length} attacks refused\n`);
  }, 600_000);
});
