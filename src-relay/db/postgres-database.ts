import pg from 'pg';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { log } from '../log';
import { assertNotNewerThanCode, MIGRATION_LOCK_SQL, MIGRATIONS_FOLDER } from './migrations';
import { LEDGER_CHANNEL, REVOKED_DEVICE_CHANNEL, type LedgerEvents, type LedgerListener, type RelayDatabase } from './relay-database';

const RECONNECT_DELAY_MS = 1000;

/**
 * Several relays may start against one fresh database at once; the advisory lock makes the
 * others wait while one migrates, then find nothing left to do. Ending the session releases it.
 */
async function migrateUnderLock(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(MIGRATION_LOCK_SQL);
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.end();
  }
}

/**
 * `LISTEN` on a dedicated connection (a pooled one would be handed to queries). After a lost
 * connection it reconnects and reports the current version, since notices sent meanwhile are gone.
 */
async function listenOnPostgres(url: string, events: LedgerEvents): Promise<LedgerListener> {
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<pg.Client> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (notice) => {
      if (notice.channel === LEDGER_CHANNEL && notice.payload) events.onVersion(Number(notice.payload));
      if (notice.channel === REVOKED_DEVICE_CHANNEL && notice.payload) events.onDeviceRevoked(notice.payload);
    });
    // A broken connection also ends; 'end' is where recovery starts.
    next.on('error', (error) => log.warn('ledger listener connection failed', { error: error.message }));
    next.on('end', () => {
      if (stopped || client !== next) return;
      client = null;
      reconnectLater();
    });
    await next.connect();
    await next.query(`LISTEN ${LEDGER_CHANNEL}`);
    await next.query(`LISTEN ${REVOKED_DEVICE_CHANNEL}`);
    return next;
  };

  const reconnectLater = () => {
    retry = setTimeout(async () => {
      try {
        const next = await connect();
        if (stopped) return void (await next.end());
        const { rows } = await next.query<{ version: string }>('SELECT version FROM ledger_clock');
        client = next;
        events.onVersion(Number(rows[0]?.version ?? 0));
      } catch (error) {
        log.warn('ledger listener could not reconnect', { error: String(error) });
        if (!stopped) reconnectLater();
      }
    }, RECONNECT_DELAY_MS);
  };

  client = await connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const last = client;
      client = null;
      await last?.end();
    },
  };
}

export async function openPostgresDatabase(url: string): Promise<RelayDatabase> {
  await migrateUnderLock(url);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', (error) => log.warn('idle database connection failed', { error: error.message }));
  const db = drizzle(pool);
  try {
    await db.execute(sql`SELECT 1`);
    await assertNotNewerThanCode(db);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    kind: 'postgres',
    db,
    listenForLedgerChanges: (events) => listenOnPostgres(url, events),
    close: () => pool.end(),
  };
}
