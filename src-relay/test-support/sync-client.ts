import { randomBytes, randomUUID } from 'node:crypto';
import type { PushedCommand, PushResponse, PushResult, RowChange } from '../../src-shared/sync/protocol';

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

export async function postJson(url: string, token: string | null, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
}

/** A desktop's outbox as the relay sees it: numbered commands from one client id. */
export class TestDesktop {
  readonly clientId = `client-${randomBytes(6).toString('hex')}`;
  private seq = 0;

  constructor(
    private readonly relayUrl: string,
    private readonly token: string,
  ) {}

  /** The next command of this outbox; it is not sent until pushed. */
  command(name: string, actorId: string, changes: RowChange[], seq = this.seq + 1): PushedCommand {
    this.seq = Math.max(this.seq, seq);
    return { seq, id: randomUUID(), name, args: {}, actorId, at: new Date().toISOString(), changes };
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
