import { createPublicKey, randomUUID, verify, type KeyObject } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { AppError } from '../../src-shared/errors';
import { userKeys } from '../db/schema';
import type { RelayDb, RelayTx } from '../db/relay-database';

export type UserKey = typeof userKeys.$inferSelect;

/** The Ed25519 public key in a base64url SPKI DER, or a validation error naming the field. */
export function parsePublicKey(text: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(text, 'base64url'), format: 'der', type: 'spki' });
  } catch {
    throw new AppError('validation', 'publicKey is not a DER SubjectPublicKeyInfo in base64url', 'publicKey');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new AppError('validation', `publicKey must be an Ed25519 key, not ${key.asymmetricKeyType}`, 'publicKey');
  return key;
}

/**
 * Registers a user's public key for one device after that user proved their password; the same key
 * again answers its existing id. A key already registered on this device for someone else is
 * refused: one key speaks for one user.
 */
export async function registerUserKey(tx: RelayTx, input: { userId: string; deviceId: string; publicKey: string }): Promise<string> {
  parsePublicKey(input.publicKey);
  const [existing] = await tx
    .select()
    .from(userKeys)
    .where(and(eq(userKeys.deviceId, input.deviceId), eq(userKeys.publicKey, input.publicKey)));
  if (existing) {
    if (existing.userId !== input.userId) throw new AppError('conflict', 'this public key is registered for another user on this device', 'publicKey');
    if (existing.revokedAt) throw new AppError('forbidden', 'this key was revoked; sign in again with a new key', 'publicKey');
    return existing.id;
  }
  const id = `key_${randomUUID()}`;
  await tx.insert(userKeys).values({ id, userId: input.userId, deviceId: input.deviceId, publicKey: input.publicKey });
  return id;
}

/** A live key by id. */
export async function liveUserKey(db: RelayDb | RelayTx, id: string): Promise<UserKey | null> {
  const [key] = await (db as RelayDb).select().from(userKeys).where(and(eq(userKeys.id, id), isNull(userKeys.revokedAt)));
  return key ?? null;
}

/** Whether `signature` (base64url) is the key's Ed25519 signature of `text`. */
export function signatureMatches(key: UserKey, text: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(text, 'utf8'), parsePublicKey(key.publicKey), Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}
