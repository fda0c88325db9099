import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { webhookAttempts } from '../db/schema';
import { startRelay, type RunningRelay } from '../start-relay';
import { seedRows } from '../test-support/ledger-fixtures';
import { scratchPostgres, type ScratchDatabase } from '../test-support/scratch-databases';
import { caseData, ledgerRow, TEST_WORKER, uniqueKey } from './event-fixtures';
import { addSubscription } from './subscriptions';
import { startReceiver, type TestReceiver } from './test-receiver';

const CASES = 60;

describe('two relays on one Postgres', () => {
  let database: ScratchDatabase;
  const relays: RunningRelay[] = [];
  let receiver: TestReceiver;

  beforeAll(async () => {
    database = await scratchPostgres();
    // A slow receiver keeps deliveries in flight while the other relay looks for due ones.
    receiver = await startReceiver(() => new Promise((resolve) => setTimeout(() => resolve(200), 15)));
    relays.push(...(await Promise.all([1, 2].map(() => startRelay({ database: database.target, port: 0, webhooks: { ...TEST_WORKER, batchSize: 5 } })))));
  });
  afterAll(async () => {
    for (const relay of relays) await relay.close();
    await receiver?.close();
    await database?.drop();
  });

  it('deliver each event exactly once between them, both workers taking part', async () => {
    await addSubscription(relays[0]!.database.db, { url: `${receiver.url}/count`, events: ['case.opened'] });
    // Both relays write, in small transactions, so both workers are woken again and again.
    await Promise.all(
      relays.map(async (relay, r) => {
        for (let n = 0; n < CASES / 2; n += 3) {
          const rows = [0, 1, 2].map((k) => ledgerRow('cases', caseData(`case-${r}-${n + k}-${uniqueKey()}`)));
          await seedRows(relay.database.db, rows);
        }
      }),
    );
    await vi.waitFor(() => expect(receiver.received).toHaveLength(CASES), { timeout: 15_000, interval: 20 });
    // Anything sent twice would arrive within a few retry steps.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const perEvent = new Map<string, number>();
    for (const request of receiver.received) perEvent.set(request.event.id, (perEvent.get(request.event.id) ?? 0) + 1);
    expect(perEvent.size).toBe(CASES);
    expect([...perEvent.values()].every((times) => times === 1)).toBe(true);
    const attempts = await relays[0]!.database.db.select({ worker: webhookAttempts.worker, n: count() }).from(webhookAttempts).groupBy(webhookAttempts.worker);
    expect(attempts).toHaveLength(2);
    expect(attempts.reduce((sum, { n }) => sum + n, 0)).toBe(CASES);
  });
});
