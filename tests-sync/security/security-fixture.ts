import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { PushedCommand, PushResponse, PushResult, RowChange } from '../../src-shared/sync/protocol';
import { signCommand } from '../../src-main/session/command-signers';
import { publishToRelay } from '../../src-main/sync/publish';
import { createRelayClient } from '../../src-main/sync/relay-client';
import { rowKey, syncedTable } from '../../src-main/sync/synced-tables';
import { addDevice } from '../../src-relay/devices/device-tokens';
import { startRelay, type RunningRelay } from '../../src-relay/start-relay';
import { readRow } from '../../src-relay/test-support/ledger-fixtures';
import { fakeSid, postAsTwilio, TEST_AUTH_TOKEN } from '../../src-relay/test-support/twilio-requests';
import { scratchPostgres, type ScratchDatabase } from '../../src-relay/test-support/scratch-databases';
import { desktop, type Desktop } from '../desktops';
import { startFaultProxy, type FaultProxy } from '../fault-proxy';

type Data = Record<string, unknown>;

/**
 * The stage every security test plays on: a relay on the real Postgres holding a published
 * 30-loan book, an honest agent desk whose agents and supervisors signed in there, and the device
 * tokens an attacker may hold (a whole-book desk, a Trinidad-only desk, the engine host's).
 */
export interface SecurityStage {
  relay: RunningRelay;
  headOffice: Desktop;
  agentDesk: Desktop;
  tokens: { headOffice: string; agentDesk: string; trinidad: string; engineHost: string };
  /** The agent desk's network: offline, the desk cannot reach the relay. */
  agentDeskNetwork: FaultProxy;
  /** The id of the store's first active user of a role. */
  userOf(role: 'agent' | 'supervisor' | 'admin', index?: number): string;
  /** A synced row of the head office's store as a desktop pushes it (`SELECT *`). */
  rowOf(tbl: string, where: string, ...params: unknown[]): Data;
  ledgerData(tbl: string, id: string): Promise<Data | undefined>;
  /** A command an agent signed on the agent desk (where agents are signed in), pushed under a fresh client id of that desk's device. */
  pushAsAgent(name: string, changes: RowChange[]): Promise<PushResult>;
  /** Pushes commands as a device, straight to the relay's push endpoint, as an attacker would. */
  push(token: string, clientId: string, commands: PushedCommand[]): Promise<{ status: number; body: PushResponse & { ok: boolean; error?: { message: string } } }>;
  /**
   * A text from a borrower's number, posted to the Twilio inbound webhook signed as Twilio signs it
   * and applied to the ledger; resolves with its SID. Twilio calls a second relay on the same
   * database (several relays share one Postgres), so `relay` itself keeps its Twilio endpoints off.
   */
  textFromBorrower(from: string, body: string): Promise<string>;
}

export function useSecurityStage(): SecurityStage {
  let database: ScratchDatabase;
  let twilioRelay: Promise<RunningRelay> | undefined;
  const stage = { tokens: {} } as SecurityStage & { tokens: Record<string, string> };
  beforeAll(async () => {
    database = await scratchPostgres();
    stage.relay = await startRelay({ database: database.target, port: 0 });
    const db = stage.relay.database.db;
    stage.tokens.headOffice = (await addDevice(db, 'head office')).token;
    stage.tokens.agentDesk = (await addDevice(db, 'agent desk')).token;
    stage.tokens.trinidad = (await addDevice(db, 'port of spain', ['TT'])).token;
    stage.tokens.engineHost = (await addDevice(db, 'engine host', ['*'], { engineHost: true })).token;
    stage.headOffice = desktop('head office', { seededLoans: 30 });
    await publishToRelay(stage.headOffice.store, createRelayClient(stage.relay.url, stage.tokens.headOffice));
    stage.agentDesk = desktop('agent desk');
    stage.agentDeskNetwork = await startFaultProxy(stage.relay.url, { dropRequest: 0, dropResponse: 0, duplicate: 0, replayStale: 0 }, Math.random);
    await stage.agentDesk.services.sync.configure({ relayUrl: stage.agentDeskNetwork.url, deviceToken: stage.tokens.agentDesk });
    await stage.agentDesk.services.sync.syncNow();
    // Only the agents work at this desk; a supervisor signs in here only where a test says so.
    await stage.agentDesk.signIn(['agent']);
  }, 120_000);
  afterAll(async () => {
    await (await twilioRelay)?.close();
    await stage.agentDeskNetwork?.close();
    await stage.agentDesk?.close();
    await stage.headOffice?.close();
    await stage.relay?.close();
    await database?.drop();
  });
  stage.userOf = (role, index = 0) =>
    stage.headOffice.store.sqlite.prepare('SELECT id FROM users WHERE role = ? AND active = 1 ORDER BY id LIMIT 1 OFFSET ?').pluck().get(role, index) as string;
  stage.rowOf = (tbl, where, ...params) => {
    const row = stage.headOffice.store.sqlite.prepare(`SELECT * FROM "${tbl}" WHERE ${where} LIMIT 1`).get(...params) as Data | undefined;
    if (!row) throw new Error(`no ${tbl} row where ${where}`);
    return row;
  };
  stage.ledgerData = async (tbl, id) => (await readRow(stage.relay.database.db, tbl, id))?.data;
  stage.pushAsAgent = async (name, changes) => {
    const command = forgedCommand(name, stage.userOf('agent'), changes);
    const clientId = freshClientId();
    const signed: PushedCommand = { ...command, auth: signCommand(stage.agentDesk.store, command, clientId)! };
    const { status, body } = await stage.push(stage.tokens.agentDesk, clientId, [signed]);
    if (status !== 200) throw new Error(`push answered ${status}: ${JSON.stringify(body)}`);
    return body.results[0]!;
  };
  stage.push = async (token, clientId, commands) => {
    const response = await fetch(`${stage.relay.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ clientId, commands }),
    });
    return { status: response.status, body: (await response.json()) as PushResponse & { ok: boolean; error?: { message: string } } };
  };
  stage.textFromBorrower = async (from, body) => {
    const relay = await (twilioRelay ??= startRelay({ database: database.target, port: 0, twilioAuthToken: TEST_AUTH_TOKEN }));
    const sid = fakeSid('SM');
    const response = await postAsTwilio(relay.url, '/api/twilio/webhook/inbound', { MessageSid: sid, AccountSid: 'AC0', From: from, To: '+18685550100', Body: body });
    if (response.status !== 200) throw new Error(`the inbound webhook answered ${response.status}: ${await response.text()}`);
    await relay.twilioApplier.settled();
    return sid;
  };
  return stage;
}

/** A fresh outbox id, as an attacker's forged desktop would make up. */
export const freshClientId = () => `attacker-${randomBytes(6).toString('hex')}`;

/** One command as it travels, unsigned unless the caller adds `auth`. */
export function forgedCommand(name: string, actorId: string, changes: RowChange[], seq = 1): PushedCommand {
  return { seq, id: randomUUID(), name, args: {}, actorId, at: new Date().toISOString(), changes };
}

/** An update of a stored row: its image before, and after with `changes` over it; the id is the row's key. */
export function changeOf(tbl: string, before: Data, changes: Data): RowChange {
  return { tbl, id: rowKey(syncedTable(tbl)!, before), op: 'upsert', data: { ...before, ...changes }, base: before, baseVersion: null };
}

/** A row the command creates under `id` (for aliasing attacks, an id other than its key). */
export function creationOf(tbl: string, data: Data, id = rowKey(syncedTable(tbl)!, data)): RowChange {
  return { tbl, id, op: 'upsert', data, base: null, baseVersion: null };
}
