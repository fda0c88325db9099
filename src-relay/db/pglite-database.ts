import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { lockDataDir } from './data-dir-lock';
import { assertNotNewerThanCode, MIGRATIONS_FOLDER } from './migrations';
import { LEDGER_CHANNEL, REVOKED_DEVICE_CHANNEL, type RelayDatabase } from './relay-database';

/** The embedded ledger: one process owns the folder, so migrating needs no lock beyond the folder's. */
export async function openPgliteDatabase(dataDir: string): Promise<RelayDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  let client: PGlite | undefined;
  try {
    client = await PGlite.create(dataDir);
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    await assertNotNewerThanCode(db);
    const pglite = client;
    return {
      kind: 'pglite',
      db,
      async listenForLedgerChanges(events) {
        const unlistenLedger = await pglite.listen(LEDGER_CHANNEL, (payload) => events.onVersion(Number(payload)));
        const unlistenDevices = await pglite.listen(REVOKED_DEVICE_CHANNEL, (payload) => events.onDeviceRevoked(payload));
        return {
          async stop() {
            await unlistenLedger();
            await unlistenDevices();
          },
        };
      },
      async close() {
        await pglite.close();
        unlock();
      },
    };
  } catch (error) {
    await client?.close();
    unlock();
    throw error;
  }
}
