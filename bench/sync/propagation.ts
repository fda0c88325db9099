import { createRelayClient } from '../../src-main/sync/relay-client';
import { publishToRelay } from '../../src-main/sync/publish';
import { summarize } from '../stats';
import { benchDesktop, type BenchDesktop } from './bench-desktop';
import { forkBenchChild, type BenchChild } from './bench-child';
import type { ReceiverMessage } from './receiver-child';
import { withScratchRelay } from './scratch-relay';

const now = () => Number(process.hrtime.bigint()) / 1e6;

async function waitFor(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = now() + timeoutMs;
  while (!predicate()) {
    if (now() > deadline) throw new Error(`not reached in ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** The first moment in a sorted list at or after `from`. */
const firstAfter = (moments: readonly number[], from: number) => moments.find((moment) => moment >= from);

/**
 * Two desktops on one relay process: the bench's (seeded with `loans`, published) logs an agent's
 * note `changes` times, one after another, and each is timed from the dispatcher call to the moment
 * the other desktop (its own process, polling its SQLite every millisecond) holds the row.
 * Each change is split at the ledger's commit (heard by LISTEN) and at the receiver starting its pull.
 */
export async function benchPropagation(options: { loans: number; changes: number }, progress: (message: string) => void) {
  return withScratchRelay({ devices: ['bench writer', 'bench receiver'] }, async ({ relay, ledger, tokens }) => {
    let writer: BenchDesktop | undefined;
    let receiver: BenchChild<ReceiverMessage> | undefined;
    const seen = new Map<string, number>();
    const pulling: number[] = [];
    const commits: number[] = [];
    const listener = await ledger.listenForLedgerChanges({ onVersion: () => commits.push(now()), onDeviceRevoked: () => undefined });
    try {
      progress(`propagation: two desktops on ${options.loans} loans`);
      writer = benchDesktop({ seededLoans: options.loans });
      await publishToRelay(writer.store, createRelayClient(relay.url, tokens[0]!));
      await writer.services.sync.configure({ relayUrl: relay.url, deviceToken: tokens[0]! });
      await writer.services.sync.syncNow();
      receiver = forkBenchChild<ReceiverMessage>('bench/sync/receiver-child.ts', [relay.url, tokens[1]!], (message) => {
        if (message.type === 'seen') seen.set(message.id, message.at);
        if (message.type === 'pulling') pulling.push(message.at);
      });
      await receiver.next((message) => message.type === 'ready', 10 * 60_000);

      const agent = await writer.signIn('agent');
      const cases = writer.store.sqlite.prepare('SELECT id FROM cases WHERE active = 1 ORDER BY id LIMIT ?').pluck().all(options.changes) as string[];
      const sync = writer.services.sync;
      const latencies: number[] = [];
      const splits = { command: [] as number[], toLedger: [] as number[], toReceiver: [] as number[], pullAndApply: [] as number[] };
      progress(`propagation: ${options.changes} changes`);
      for (let change = 0; change < options.changes; change += 1) {
        const started = now();
        const { id } = await writer.call<{ id: string }>(agent, 'activities.log', { caseId: cases[change % cases.length], type: 'NOTE', notes: `Bench note ${change}` });
        const called = now();
        await waitFor(() => seen.has(id), `activity ${id} on the receiving desktop`);
        const visible = seen.get(id)!;
        latencies.push(visible - started);
        const committed = firstAfter(commits, called);
        const pulled = committed === undefined ? undefined : firstAfter(pulling, committed);
        splits.command.push(called - started);
        if (committed !== undefined && pulled !== undefined && pulled <= visible) {
          splits.toLedger.push(committed - called);
          splits.toReceiver.push(pulled - committed);
          splits.pullAndApply.push(visible - pulled);
        }
        // Changes come at a person's pace: each starts once the writer's sync has settled.
        await waitFor(() => sync.status().state === 'online' && sync.status().pending === 0, 'the writer settled');
      }
      return {
        loans: options.loans,
        changes: options.changes,
        latencyMs: summarize(latencies),
        p50SplitsMs: Object.fromEntries(Object.entries(splits).map(([name, samples]) => [name, samples.length ? summarize(samples).p50 : null])),
      };
    } finally {
      if (receiver) {
        if (receiver.process.connected) receiver.process.send('stop');
        await Promise.race([receiver.exited.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 10_000))]);
        receiver.kill();
      }
      await writer?.close();
      await listener.stop();
    }
  });
}
