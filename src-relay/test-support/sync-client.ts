import { randomBytes, randomUUID } from 'node:crypto';
import { commandSigningText } from '../../src-shared/sync/command-signature';
import type { PushedCommand, PushResponse, PushResult, RowChange } from '../../src-shared/sync/protocol';
import { signInAtRelay, signWith, type TestSigner } from './test-users';

type Data = Record<string, unknown>;

/** A row the command created. */
export const created = (tbl: string, data: Data): RowChange => ({ tbl, id: String(data.id), op: 'upsert', data, base: null, baseVersion: null });

/** A row the command changed: `base` as the desktop had it, with `changes` laid over it. */
export const updated = (tbl: string, base: Data, changes: Data, baseVersion: number | null = null): RowChange => ({
  tbl,
  id: String(base.id),
  op: 'upsert',
  data: { ...base, ...changes },
  base,
  baseVersion,
});

export const deleted = (tbl: string, id: string, base: Data): RowChange => ({ tbl, id, op: 'delete', base, baseVersion: null });

/** A unique id for one test's rows. */
export const uniqueId = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`;

export async function postJson(url: string, token: string | null, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
}

/**
 * A desktop's outbox as the relay sees it: numbered commands from one client id, each signed by
 * its actor's key when that actor signed in through `signIn` (the system actor signs nothing).
 */
export class TestDesktop {
  readonly clientId: string;
  private seq = 0;
  private readonly signers = new Map<string, TestSigner>();

  constructor(
    private readonly relayUrl: string,
    private readonly token: string,
    options: { clientId?: string } = {},
  ) {
    this.clientId = options.clientId ?? `client-${randomBytes(6).toString('hex')}`;
  }

  /** Signs a user in at the relay from this desktop's device, so its commands carry the user's signature. */
  async signIn(userId: string, password?: string): Promise<TestSigner> {
    const signer = await signInAtRelay(this.relayUrl, this.token, userId, password);
    this.signers.set(userId, signer);
    return signer;
  }

  /** Uses a signer made elsewhere (another device's key, for tests that try it here). */
  useSigner(userId: string, signer: TestSigner): void {
    this.signers.set(userId, signer);
  }

  /** The next command of this outbox; it is not sent until pushed. */
  command(name: string, actorId: string, changes: RowChange[], seq = this.seq + 1, args: unknown = {}): PushedCommand {
    this.seq = Math.max(this.seq, seq);
    const command = { seq, id: randomUUID(), name, args, actorId, at: new Date().toISOString(), changes };
    const signer = this.signers.get(actorId);
    return signer ? { ...command, auth: { keyId: signer.keyId, signature: signWith(signer.privateKey, commandSigningText(this.clientId, command)) } } : command;
  }

  async push(commands: PushedCommand[]): Promise<PushResponse> {
    const response = await postJson(`${this.relayUrl}/api/sync/push`, this.token, { clientId: this.clientId, commands });
    const body = (await response.json()) as PushResponse & { ok: boolean };
    if (response.status !== 200) throw new Error(`push answered ${response.status}: ${JSON.stringify(body)}`);
    return { results: body.results, expectedSeq: body.expectedSeq };
  }

  /** Pushes one new command and answers its result. */
  async run(name: string, actorId: string, changes: RowChange[]): Promise<PushResult> {
    const { results } = await this.push([this.command(name, actorId, changes)]);
    return results[0]!;
  }
}
