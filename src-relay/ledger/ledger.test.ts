import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRelayDatabase } from '../db/open-database';
import type { RelayDatabase } from '../db/relay-database';
import { BACKENDS, scratchPostgres, type ScratchDatabase } from '../test-support/scratch-databases';
import { currentVersion } from './ledger-clock';
import type { LedgerRowInput } from './ledger-row';
import { readChanges } from './read-changes';
import { writeRows } from './write-rows';

const row = (tbl: string, id: string, partition: string, data: Record<string, unknown> = {}): LedgerRowInput => ({ tbl, id, partition, data: { id, ...data } });

describe.each(BACKENDS)('ledger on $name', ({ scratch }) => {
  let database: ScratchDatabase;
  let ledger: RelayDatabase;
  beforeAll(async () => {
    database = await scratch();
    ledger = await openRelayDatabase(database.target);
  });
  afterAll(async () => {
    await ledger?.close();
    await database?.drop();
  });

  it('gives every written row its own increasing version and keeps the newest state of a row', async () => {
    const start = await currentVersion(ledger.db);
    const written = await ledger.db.transaction((tx) => writeRows(tx, [row('cases', 'c1', '*', { dpd: 3 }), row('cases', 'c2', '*'), row('cases', 'c1', '*', { dpd: 4 })]));
    expect(written.map((r) => [r.id, r.version])).toEqual([
      ['c1', start + 1],
      ['c2', start + 2],
    ]);
    const again = await ledger.db.transaction((tx) => writeRows(tx, [row('cases', 'c1', '*', { dpd: 5 })]));
    expect(again[0]!.version).toBe(start + 3);
    const page = await readChanges(ledger.db, { cursor: start, partitions: [], limit: 10 });
    expect(page.rows.map((r) => [r.id, r.version, r.data.dpd])).toEqual([
      ['c2', start + 2, undefined],
      ['c1', start + 3, 5],
    ]);
    expect(page).toMatchObject({ cursor: start + 3, hasMore: false });
  });

  it('pages by cursor through the given partitions and everyone’s, and skips the cursor past other partitions', async () => {
    const start = await currentVersion(ledger.db);
    await ledger.db.transaction((tx) =>
      writeRows(tx, [row('t', 'a1', 'agent-a'), row('t', 'b1', 'agent-b'), row('t', 'all1', '*'), row('t', 'a2', 'agent-a'), row('t', 'b2', 'agent-b'), row('t', 'a3', 'agent-a')]),
    );
    const seen: string[] = [];
    let page = await readChanges(ledger.db, { cursor: start, partitions: ['agent-a'], limit: 2 });
    seen.push(...page.rows.map((r) => r.id));
    expect(page.hasMore).toBe(true);
    while (page.hasMore) {
      page = await readChanges(ledger.db, { cursor: page.cursor, partitions: ['agent-a'], limit: 2 });
      seen.push(...page.rows.map((r) => r.id));
    }
    expect(seen).toEqual(['a1', 'all1', 'a2', 'a3']);
    expect(page.cursor).toBe(start + 6);
    const onlyEveryone = await readChanges(ledger.db, { cursor: start, partitions: [], limit: 10 });
    expect(onlyEveryone.rows.map((r) => r.id)).toEqual(['all1']);
    const caughtUp = await readChanges(ledger.db, { cursor: start + 6, partitions: ['agent-b'], limit: 10 });
    expect(caughtUp).toEqual({ rows: [], cursor: start + 6, hasMore: false, head: start + 6 });
  });

  it('carries a deletion as a tombstone with a new version', async () => {
    await ledger.db.transaction((tx) => writeRows(tx, [row('promises', 'p1', '*', { amount: 100 })]));
    const before = await currentVersion(ledger.db);
    await ledger.db.transaction((tx) => writeRows(tx, [{ ...row('promises', 'p1', '*', { amount: 100 }), deleted: true }]));
    const page = await readChanges(ledger.db, { cursor: before, partitions: [], limit: 10 });
    expect(page.rows).toEqual([{ tbl: 'promises', id: 'p1', version: before + 1, deleted: true, data: { id: 'p1', amount: 100 } }]);
  });

  it('gives nothing a version when the writing transaction rolls back', async () => {
    const before = await currentVersion(ledger.db);
    await expect(
      ledger.db.transaction(async (tx) => {
        await writeRows(tx, [row('t', 'rolled-back', '*')]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await currentVersion(ledger.db)).toBe(before);
    expect((await readChanges(ledger.db, { cursor: before, partitions: [], limit: 10 })).rows).toEqual([]);
  });
});

describe('ledger versions with concurrent writers on one Postgres', () => {
  let database: ScratchDatabase;
  const relays: RelayDatabase[] = [];
  beforeAll(async () => {
    database = await scratchPostgres();
    // Two handles with their own pools stand for two relay processes.
    relays.push(await openRelayDatabase(database.target), await openRelayDatabase(database.target));
  });
  afterAll(async () => {
    for (const relay of relays) await relay.close();
    await database?.drop();
  });

  it('never lets a reader paging by version skip a row, while transactions commit out of order', async () => {
    const written = new Set<string>();
    let writing = true;
    const writers = relays.flatMap((relay, r) =>
      Array.from({ length: 6 }, async (_, w) => {
        for (let n = 0; n < 12; n += 1) {
          const ids = Array.from({ length: 1 + ((n + w) % 3) }, (_, k) => `r${r}-w${w}-n${n}-k${k}`);
          await relay.db.transaction(async (tx) => {
            await writeRows(tx, ids.map((id) => row('activities', id, '*')));
            // Hold the versions for a while before committing, so commits interleave.
            await tx.execute(sql`SELECT pg_sleep(${Math.random() * 0.01})`);
          });
          for (const id of ids) written.add(id);
        }
      }),
    );
    const reader = (async () => {
      const seen: string[] = [];
      let cursor = 0;
      for (;;) {
        const done = !writing;
        const page = await readChanges(relays[0]!.db, { cursor, partitions: [], limit: 7 });
        for (const changed of page.rows) {
          expect(changed.version).toBeGreaterThan(cursor);
          seen.push(changed.id);
        }
        cursor = page.cursor;
        if (done && !page.hasMore) return seen;
      }
    })();
    await Promise.all(writers);
    writing = false;
    const seen = await reader;
    expect(new Set(seen)).toEqual(written);
    expect(seen).toHaveLength(written.size);
    const versions = (await readChanges(relays[0]!.db, { cursor: 0, partitions: [], limit: 1000 })).rows.map((r) => r.version);
    expect(versions).toEqual(Array.from({ length: written.size }, (_, i) => i + 1));
  });

  it('finds rows by Twilio SID, phone number and parent id through the partial expression indexes', async () => {
    const plans: string[] = [];
    await relays[0]!.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      for (const query of [
        sql`EXPLAIN SELECT * FROM ledger_rows WHERE tbl = 'messages' AND NOT deleted AND (data->>'twilio_sid') = 'SMx'`,
        sql`EXPLAIN SELECT * FROM ledger_rows WHERE tbl = 'recovery_actions' AND NOT deleted AND (data->>'twilio_call_sid') = 'CAx'`,
        sql`EXPLAIN SELECT * FROM ledger_rows WHERE tbl = 'phones' AND NOT deleted AND (data->>'e164') = '+18685550000'`,
        sql`EXPLAIN SELECT * FROM ledger_rows WHERE tbl = 'cases' AND NOT deleted AND (data->>'loan_id') = 'l1'`,
      ]) {
        const result = (await tx.execute(query)) as unknown as { rows: { 'QUERY PLAN': string }[] };
        plans.push(result.rows.map((line) => line['QUERY PLAN']).join('\n'));
      }
    });
    expect(plans[0]).toContain('ledger_messages_twilio_sid_idx');
    expect(plans[1]).toContain('ledger_actions_call_sid_idx');
    expect(plans[2]).toContain('ledger_phones_e164_idx');
    expect(plans[3]).toContain('ledger_cases_loan_idx');
  });
});
