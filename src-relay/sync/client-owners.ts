import { eq } from 'drizzle-orm';
import { AppError } from '../../src-shared/errors';
import { clientOwners } from '../db/schema';
import type { RelayDb, RelayTx } from '../db/relay-database';
import type { Device } from '../devices/device-tokens';

/** Outboxes the relay writes itself; no device may push or claim under them. */
const RESERVED_CLIENT_IDS: ReadonlySet<string> = new Set(['self-service']);

/**
 * Binds a client id to the device that first used it, for good, and refuses it to any other
 * (DESIGN §3, Trust): a device that could push under another desktop's client id could take its
 * sequence numbers and wedge its outbox, or read its rejections.
 */
export async function ownClientId(db: RelayDb | RelayTx, clientId: string, device: Device): Promise<void> {
  if (RESERVED_CLIENT_IDS.has(clientId)) throw new AppError('forbidden', `client id ${clientId} is the relay's own`, 'clientId');
  const ownerOf = async () => (await (db as RelayDb).select({ deviceId: clientOwners.deviceId }).from(clientOwners).where(eq(clientOwners.clientId, clientId)))[0];
  // Read first: every push after a client's first finds its owner in one query.
  let owner = await ownerOf();
  if (!owner) {
    await (db as RelayDb).insert(clientOwners).values({ clientId, deviceId: device.id }).onConflictDoNothing({ target: clientOwners.clientId });
    owner = await ownerOf();
  }
  if (owner?.deviceId !== device.id) throw new AppError('forbidden', `client id ${clientId} belongs to another device; a desktop keeps the client id its database was made with`, 'clientId');
}

/** Whether the client id is this device's (without claiming it): reads of a client's records answer only its owner. */
export async function isOwnClientId(db: RelayDb, clientId: string, device: Device): Promise<boolean> {
  const [owner] = await db.select({ deviceId: clientOwners.deviceId }).from(clientOwners).where(eq(clientOwners.clientId, clientId));
  return owner?.deviceId === device.id;
}
