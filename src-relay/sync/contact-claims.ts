import { eq } from 'drizzle-orm';
import { AppError } from '../../src-shared/errors';
import type { ClaimRequest, ClaimResponse } from '../../src-shared/sync/protocol';
import { contactClaims } from '../db/schema';
import type { RelayDb } from '../db/relay-database';
import type { Device } from '../devices/device-tokens';
import { ownClientId } from './client-owners';

/**
 * Claims an automated contact's deterministic key for a client, so no borrower gets the same step
 * from two desktops (DESIGN §3). The first claim stands forever and asking again is harmless. The
 * insert does nothing when the key is taken (waiting for a concurrent claimer to commit), and the
 * read that follows sees whoever holds it.
 */
export async function claimContact(db: RelayDb, device: Device, request: ClaimRequest): Promise<ClaimResponse> {
  // With a relay only the engine host sends automated contacts (DESIGN §3, Trust); a desk claiming keys could only block them.
  if (!device.engineHost) throw new AppError('forbidden', `only the relay's engine host claims automated contacts; device ${device.name} is not it`);
  await ownClientId(db, request.clientId, device);
  await db.insert(contactClaims).values({ key: request.key, clientId: request.clientId, deviceId: device.id }).onConflictDoNothing({ target: contactClaims.key });
  const [claim] = await db.select({ clientId: contactClaims.clientId }).from(contactClaims).where(eq(contactClaims.key, request.key));
  // Who else holds a key is theirs to know: the answer says only whether this client may send.
  return { granted: claim!.clientId === request.clientId };
}
