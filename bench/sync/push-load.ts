import { createPublicKey, generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import { commandSigningText } from '../../src-shared/sync/command-signature';
import type { PushedCommand, PushResponse } from '../../src-shared/sync/protocol';
import { DEMO_PASSWORD } from '../../src-main/seed/demo-users';
import { createRelayClient } from '../../src-main/sync/relay-client';
import { publishToRelay } from '../../src-main/sync/publish';
import { summarize } from '../stats';
import { benchDesktop } from './bench-desktop';
import { withScratchRelay } from './scratch-relay';

const now = () => Number(process.hrtime.bigint()) / 1e6;

interface Desk {
  token: string;
  clientId: string;
  actorId: string;
  keyId: string;
  privateKey: KeyObject;
  seq: number;
}

/** A user signs in at the relay from a desk, as the desktop does, registering the desk's key. */
async function signedInDesk(relayUrl: string, token: string, actorId: string): Promise<Desk> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const response = await fetch(`${relayUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ userId: actorId, password: DEMO_PASSWORD, publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64url') }),
  });
  const body = (await response.json()) as { keyId: string };
  if (!response.ok) throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
  return { token, clientId: `bench-${randomUUID()}`, actorId, keyId: body.keyId, privateKey, seq: 0 };
}

/**
 * The cost of the relay's trust checks under load: `desks` desks (each its own device, its own
 * signed-in agent, its own outbox) push signed `activities.log` commands one after another, all at
 * once, for `seconds`; every command's signature, write-set, shape, references and region are
 * checked. Reports commands per second and each push's round trip. The signature check alone is
 * timed too, in this process, as the share of the cost that is cryptography.
 */
export async function benchPushLoad(options: { loans: number; desks: number; seconds: number }, progress: (message: string) => void) {
  const names = ['publisher', ...Array.from({ length: options.desks }, (_, index) => `desk ${index + 1}`)];
  return withScratchRelay({ devices: names }, async ({ relay, tokens }) => {
    progress(`push load: publishing ${options.loans} loans`);
    const publisher = benchDesktop({ seededLoans: options.loans });
    try {
      await publishToRelay(publisher.store, createRelayClient(relay.url, tokens[0]!));
      const agents = publisher.store.sqlite.prepare(`SELECT id FROM users WHERE role = 'agent' AND active = 1 ORDER BY id`).pluck().all() as string[];
      const template = publisher.store.sqlite.prepare('SELECT * FROM activities LIMIT 1').get() as Record<string, unknown>;
      const cases = publisher.store.sqlite.prepare(`SELECT id, loan_id FROM cases WHERE active = 1 ORDER BY id`).all() as { id: string; loan_id: string }[];
      // One sign-in at a time: the relay checks one guess per user at once.
      const desks: Desk[] = [];
      for (const [index, token] of tokens.slice(1).entries()) desks.push(await signedInDesk(relay.url, token, agents[index % agents.length]!));

      const command = (desk: Desk): PushedCommand => {
        desk.seq += 1;
        const kase = cases[(desk.seq * 7 + desk.clientId.length) % cases.length]!;
        const activity = { ...template, id: `act-${randomUUID()}`, case_id: kase.id, loan_id: kase.loan_id, type: 'NOTE', notes: `Bench note ${desk.seq}`, performed_by: desk.actorId, at: new Date().toISOString() };
        const unsigned = { seq: desk.seq, id: randomUUID(), name: 'activities.log', args: {}, actorId: desk.actorId, at: activity.at, changes: [{ tbl: 'activities', id: activity.id, op: 'upsert' as const, data: activity, base: null, baseVersion: null }] };
        return { ...unsigned, auth: { keyId: desk.keyId, signature: sign(null, Buffer.from(commandSigningText(desk.clientId, unsigned)), desk.privateKey).toString('base64url') } };
      };

      progress(`push load: ${options.desks} desks pushing for ${options.seconds} s`);
      const latencies: number[] = [];
      let rejected = 0;
      const cpuBefore = relay.usage();
      const deadline = now() + options.seconds * 1000;
      const started = now();
      await Promise.all(
        desks.map(async (desk) => {
          while (now() < deadline) {
            const pushed = command(desk);
            const sent = now();
            const response = await fetch(`${relay.url}/api/sync/push`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${desk.token}` },
              body: JSON.stringify({ clientId: desk.clientId, commands: [pushed] }),
            });
            const body = (await response.json()) as PushResponse;
            latencies.push(now() - sent);
            if (body.results?.[0]?.status !== 'applied') rejected += 1;
          }
        }),
      );
      const elapsed = (now() - started) / 1000;
      const cpuAfter = relay.usage();
      if (rejected > 0) throw new Error(`push load: ${rejected} honest commands were rejected`);

      // The signature check on its own, over the same kind of command.
      const sample = desks[0]!;
      const signedSample = command(sample);
      const text = commandSigningText(sample.clientId, signedSample);
      const publicKey = createPublicKey(sample.privateKey);
      const verifyStart = now();
      for (let index = 0; index < 2_000; index++) verify(null, Buffer.from(text), publicKey, Buffer.from(signedSample.auth!.signature, 'base64url'));
      const verifyMicros = ((now() - verifyStart) / 2_000) * 1000;

      return {
        desks: options.desks,
        commands: latencies.length,
        commandsPerSecond: Math.round(latencies.length / elapsed),
        pushMs: summarize(latencies),
        relayCpuMsPerCommand: Math.round((((cpuAfter.cpuSeconds - cpuBefore.cpuSeconds) * 1000) / latencies.length) * 100) / 100,
        signatureVerifyMicros: Math.round(verifyMicros * 10) / 10,
      };
    } finally {
      await publisher.close();
    }
  });
}
