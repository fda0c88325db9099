import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { AppError } from '../../src-shared/errors';
import { devices } from '../db/schema';
import { REVOKED_DEVICE_CHANNEL, type RelayDb } from '../db/relay-database';

export type Device = Omit<typeof devices.$inferSelect, 'tokenHash'>;

/** Tokens are 32 random bytes, so an unsalted SHA-256 is enough to make the stored value useless to a reader. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const DEVICE_COLUMNS = { id: devices.id, name: devices.name, partitions: devices.partitions, engineHost: devices.engineHost, createdAt: devices.createdAt, revokedAt: devices.revokedAt };

/**
 * Registers a desktop for some regions (`TT`, `US`…; `*`, the default, is every region). The token
 * is returned this once; only its hash is stored. The engine host serves every region and is the
 * only device whose commands may run as the system actor.
 */
export async function addDevice(db: RelayDb, name: string, partitions: readonly string[] = ['*'], options: { engineHost?: boolean } = {}): Promise<{ device: Device; token: string }> {
  const trimmed = name.trim();
  if (trimmed === '') throw new AppError('validation', 'a device needs a name', 'name');
  const regions = [...new Set(partitions.map((partition) => partition.trim().toUpperCase()).filter((partition) => partition !== ''))];
  if (regions.length === 0 || regions.some((region) => region !== '*' && !/^[A-Z]{2}$/.test(region))) {
    throw new AppError('validation', `regions are two-letter country codes or *, got ${partitions.join(',')}`, 'partitions');
  }
  const engineHost = options.engineHost ?? false;
  if (engineHost && !regions.includes('*')) throw new AppError('validation', 'the engine host runs the daily run over the whole ledger, so it serves every region (*)', 'partitions');
  const token = randomBytes(32).toString('base64url');
  const [device] = await db.insert(devices).values({ id: `dev_${randomUUID()}`, name: trimmed, tokenHash: hashToken(token), partitions: regions, engineHost }).returning(DEVICE_COLUMNS);
  return { device: device!, token };
}

export function listDevices(db: RelayDb): Promise<Device[]> {
  return db.select(DEVICE_COLUMNS).from(devices).orderBy(asc(devices.createdAt), asc(devices.id));
}

/** Revoking is immediate and final: the next request with the token is refused. */
export async function revokeDevice(db: RelayDb, id: string): Promise<Device> {
  const device = await db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(devices)
      .set({ revokedAt: new Date() })
      .where(and(eq(devices.id, id), isNull(devices.revokedAt)))
      .returning(DEVICE_COLUMNS);
    // Every relay on the database hears it on commit and closes the device's sockets at once.
    if (revoked) await tx.execute(sql`SELECT pg_notify(${REVOKED_DEVICE_CHANNEL}, ${revoked.id})`);
    return revoked;
  });
  if (device) return device;
  const [existing] = await db.select({ id: devices.id }).from(devices).where(eq(devices.id, id));
  throw existing ? new AppError('conflict', `device ${id} is already revoked`, 'id') : new AppError('not_found', `no device ${id}`, 'id');
}

/** The live device a token belongs to, or null. */
export async function deviceForToken(db: RelayDb, token: string): Promise<Device | null> {
  const [device] = await db.select(DEVICE_COLUMNS).from(devices).where(and(eq(devices.tokenHash, hashToken(token)), isNull(devices.revokedAt)));
  return device ?? null;
}
