import { eq } from 'drizzle-orm';
import type { ClaimRequest, ClaimResponse } from '../../src-shared/sync/protocol';
import { contactClaims } from '../db/schema';
import type { RelayDb } from '../db/relay-database';

/**
 * Claims an automated contact's deterministic key for a client, so no borrower gets the same step
 * from two desktops (DESIGN §3). The first claim stands forever and asking again is harmless. The
 * insert does nothing when the key is taken (waiting for a concurrent claimer to commit), and the
 * read that follows sees whoever holds it.
 */
export async function claimContact(db: RelayDb, deviceId: string, request: ClaimRequest): Promise<ClaimResponse> {
  await db.insert(contactClaims).values({ key: request.key, clientId: request.clientId, deviceId }).onConflictDoNothing({ target: contactClaims.key });
  const [claim] = await db.select({ clientId: contactClaims.clientId }).from(contactClaims).where(eq(contactClaims.key, request.key));
  const holder = claim!.clientId;
  return { granted: holder === request.clientId, holder };
}
