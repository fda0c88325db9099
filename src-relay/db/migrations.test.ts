import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay } from '../start-relay';
import { readRow, seedRows } from '../test-support/ledger-fixtures';
import { scratchPglite, scratchPostgres, type ScratchDatabase } from '../test-support/scratch-databases';
import { MIGRATIONS_FOLDER } from './migrations';
import type { RelayDb } from './relay-database';

const journalEntries = (JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;

async function appliedMigrations(db: RelayDb): Promise<number> {
  const result = (await db.execute(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`)) as unknown as { rows: { n: number }[] };
  return result.rows[0]!.n;
}

const note = { tbl: 'notes', id: 'kept', partition: '*', data: { id: 'kept', text: 'survives restarts' } };

describe('migrations on Postgres', () => {
  let database: ScratchDatabase;
  beforeAll(async () => {
    database = await scratchPostgres();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('lets several relays start on one fresh database at once, migrating it exactly once', async () => {
    const relays = await Promise.all([1, 2, 3].map(() => startRelay({ database: database.target, port: 0 })));
    for (const relay of relays) {
      const health = await fetch(`${relay.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ ok: true, database: 'postgres', ledgerVersion: 0 });
    }
    expect(await appliedMigrations(relays[0]!.database.db)).toBe(journalEntries);
    await seedRows(relays[0]!.database.db, [note]);
    await Promise.all(relays.map((relay) => relay.close()));
  });

  it('changes nothing when started again on a migrated database', async () => {
    const relay = await startRelay({ database: database.target, port: 0 });
    expect(await appliedMigrations(relay.database.db)).toBe(journalEntries);
    expect((await readRow(relay.database.db, 'notes', 'kept'))?.data).toEqual(note.data);
    await relay.close();
  });

  it('refuses a database migrated by a newer relay', async () => {
    const relay = await startRelay({ database: database.target, port: 0 });
    await relay.database.db.execute(sql`INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('from-the-future', ${Date.now() + 10 ** 12})`);
    await relay.close();
    await expect(startRelay({ database: database.target, port: 0 })).rejects.toThrow('migrated by a newer relay');
  });
});

describe('migrations on PGlite', () => {
  let database: ScratchDatabase & { target: { dataDir: string } };
  beforeAll(async () => {
    database = await scratchPglite();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('migrates a new data folder, keeps its data across restarts, and migrates nothing twice', async () => {
    const first = await startRelay({ database: database.target, port: 0 });
    expect(await (await fetch(`${first.url}/healthz`)).json()).toMatchObject({ ok: true, database: 'pglite' });
    await seedRows(first.database.db, [note]);
    await first.close();
    const second = await startRelay({ database: database.target, port: 0 });
    expect(await appliedMigrations(second.database.db)).toBe(journalEntries);
    expect((await readRow(second.database.db, 'notes', 'kept'))?.data).toEqual(note.data);
    await second.close();
  });

  it('refuses a second relay on a data folder in use, and takes over one left by a process that is gone', async () => {
    const relay = await startRelay({ database: database.target, port: 0 });
    await expect(startRelay({ database: database.target, port: 0 })).rejects.toThrow(/RELAY_DATA_DIR .* is in use by process/);
    await relay.close();
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(join(database.target.dataDir, 'relay.pid'), String(gone));
    const again = await startRelay({ database: database.target, port: 0 });
    await again.close();
  });
});
