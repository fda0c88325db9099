import { randomUUID } from 'node:crypto';
import type { PushedCommand, PushResponse, RowChange } from '../src-shared/sync/protocol';
import { commandSigningText } from '../src-shared/sync/command-signature';
import { Rng } from '../src-main/seed/random';
import { DEMO_PASSWORD } from '../src-main/seed/demo-users';
import { rowKey, syncedTable } from '../src-main/sync/synced-tables';
import { signInAtRelay, signWith, type TestSigner } from '../src-relay/test-support/test-users';
import type { Desktop } from './desktops';

type Data = Record<string, unknown>;

/** What one attack tried, and what the relay answered (an HTTP refusal, or the command's result). */
export interface Attempt {
  attack: string;
  clientId: string;
  answer: { status: 'refused'; httpStatus: number } | { status: 'applied' | 'rejected'; reason?: string };
}

const update = (tbl: string, before: Data, changes: Data): RowChange => ({ tbl, id: rowKey(syncedTable(tbl)!, before), op: 'upsert', data: { ...before, ...changes }, base: before, baseVersion: null });
const create = (tbl: string, data: Data, id = rowKey(syncedTable(tbl)!, data)): RowChange => ({ tbl, id, op: 'upsert', data, base: null, baseVersion: null });

/**
 * A malicious desk among the honest ones (issue 14): a registered device whose insider knows one
 * agent's password, so it can sign as that agent; every attack goes straight to the relay under a
 * fresh outbox of its own (or, for one attack, a victim's), with rows read from a replica of the
 * book. None of it may change the ledger.
 */
export function maliciousDevice(options: { relayUrl: string; token: string; replica: Desktop; victimClientId: string; rng: Rng }) {
  const { relayUrl, token, replica, rng } = options;
  let agent: { id: string; signer: TestSigner } | null = null;
  const attempts: Attempt[] = [];
  /** One of the rows a query finds on the replica, picked by the test's seeded generator. */
  const row = (sql: string): Data | undefined => {
    const rows = replica.store.sqlite.prepare(sql).all() as Data[];
    return rows.length === 0 ? undefined : rng.pick(rows);
  };

  async function push(attack: string, clientId: string, command: PushedCommand): Promise<void> {
    const response = await fetch(`${relayUrl}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ clientId, commands: [command] }),
    });
    const body = (await response.json()) as PushResponse;
    const result = body.results?.[0];
    attempts.push({ attack, clientId, answer: response.status !== 200 || !result ? { status: 'refused', httpStatus: response.status } : result.status === 'applied' ? { status: 'applied' } : { status: 'rejected', reason: result.reason } });
  }

  function command(name: string, actorId: string, changes: RowChange[], signedAs: string | null, clientId: string): PushedCommand {
    const unsigned = { seq: 1, id: randomUUID(), name, args: {}, actorId, at: new Date().toISOString(), changes };
    if (signedAs === null || !agent) return unsigned;
    return { ...unsigned, auth: { keyId: agent.signer.keyId, signature: signWith(agent.signer.privateKey, commandSigningText(clientId, { ...unsigned, actorId: signedAs })) } };
  }

  const attacks: Record<string, (clientId: string) => Promise<void> | undefined> = {
    // An approval in a supervisor's name, unsigned.
    forgedApproval(clientId) {
      const offer = row(`SELECT * FROM settlement_offers WHERE status = 'pending_approval' ORDER BY id`);
      const supervisor = row(`SELECT id FROM users WHERE role = 'supervisor' ORDER BY id`)!.id as string;
      if (!offer) return undefined;
      return push('forged actor', clientId, command('settlements.approve', supervisor, [update('settlement_offers', offer, { status: 'approved' })], null, clientId));
    },
    // The agent's own signature on a supervisor's name.
    borrowedKey(clientId) {
      const kase = row(`SELECT * FROM cases WHERE active = 1 ORDER BY id`)!;
      const supervisor = row(`SELECT id FROM users WHERE role = 'supervisor' ORDER BY id`)!.id as string;
      return push('forged actor', clientId, command('cases.assign', supervisor, [update('cases', kase, { assigned_agent_id: agent!.id })], agent!.id, clientId));
    },
    // Signed by the agent, beyond what the command may do.
    outOfRole(clientId) {
      const kase = row(`SELECT * FROM cases WHERE active = 1 ORDER BY id`)!;
      const loan = row(`SELECT * FROM loans WHERE id = '${String(kase.loan_id)}'`)!;
      const changes = rng.chance(0.5) ? [update('cases', kase, { status: 'written_off', close_reason: 'written_off' })] : [update('loans', loan, { balance_minor: 0, amount_past_due_minor: 0 })];
      return push('out of role', clientId, command(rng.chance(0.5) ? 'cases.update' : 'activities.log', agent!.id, changes, agent!.id, clientId));
    },
    // A new id whose data names an existing borrower, lifting do-not-contact.
    aliasedId(clientId) {
      const borrower = row(`SELECT * FROM borrowers ORDER BY id`)!;
      return push('aliased id', clientId, command('borrowers.setDoNotContact', agent!.id, [create('borrowers', { ...borrower, do_not_contact: 0 }, `b-${randomUUID()}`)], agent!.id, clientId));
    },
    // A row no replica can hold: no loan, or a parent nobody has.
    poisonRow(clientId) {
      const activity = row(`SELECT * FROM activities ORDER BY id`);
      if (!activity) return undefined;
      const own = { ...activity, id: `act-${randomUUID()}`, performed_by: agent!.id };
      const poisoned = rng.chance(0.5) ? { ...own, loan_id: null } : { ...own, case_id: `case-${randomUUID()}` };
      return push('poison row', clientId, command('activities.log', agent!.id, [create('activities', poisoned)], agent!.id, clientId));
    },
    // The daily run's rows from a desk that is not the engine host.
    asSystem(clientId) {
      const kase = row(`SELECT * FROM cases WHERE active = 1 ORDER BY id`)!;
      return push('system actor', clientId, command('engine.dailyRun', 'system', [update('cases', kase, { status: 'closed', close_reason: 'cured' })], null, clientId));
    },
    // Another desk's outbox.
    foreignClientId() {
      const kase = row(`SELECT * FROM cases WHERE active = 1 ORDER BY id`)!;
      return push('foreign client id', options.victimClientId, { ...command('cases.update', agent!.id, [update('cases', kase, { priority: 'LOW' })], agent!.id, options.victimClientId), seq: 1_000_000 });
    },
  };

  return {
    attempts,
    async signIn(): Promise<void> {
      const id = row(`SELECT id FROM users WHERE role = 'agent' ORDER BY id`)!.id as string;
      agent = { id, signer: await signInAtRelay(relayUrl, token, id, DEMO_PASSWORD) };
    },
    /** One attack, picked at random; skipped when the replica has nothing to aim it at yet. */
    async attack(): Promise<void> {
      const name = rng.pick(Object.keys(attacks));
      await attacks[name]!(`attacker-${randomUUID()}`);
    },
  };
}
