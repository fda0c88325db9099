import { createCipheriv, createDecipheriv, createPrivateKey, generateKeyPairSync, randomBytes, scryptSync, sign, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { SCRYPT_COST } from '../../src-shared/identity/password-hash';

/**
 * A user's command-signing key on this desktop (DESIGN §3, Trust). The private half is sealed
 * under a key derived from the user's password with scrypt, so only someone who knows the
 * password can use it, here or offline; the desktop's OS account, its token file and its database
 * together are not enough.
 */
const SealedKey = z
  .object({
    v: z.literal(1),
    kdf: z.object({ N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: z.string() }).strict(),
    iv: z.string(),
    tag: z.string(),
    data: z.string(),
  })
  .strict();

export interface UserKeyPair {
  /** SPKI DER, base64url: what the relay registers. */
  publicKey: string;
  privateKey: KeyObject;
}

export function generateUserKey(): UserKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64url'), privateKey };
}

function passwordKey(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Buffer {
  return scryptSync(password, salt, 32, { ...cost, maxmem: 256 * 2 ** 20 });
}

/** The private key sealed under the password, as JSON text for `user_credentials.sealed_private_key`. */
export function sealUserKey(privateKey: KeyObject, password: string): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', passwordKey(password, salt, SCRYPT_COST), iv);
  const data = Buffer.concat([cipher.update(privateKey.export({ format: 'der', type: 'pkcs8' })), cipher.final()]);
  return JSON.stringify({ v: 1, kdf: { ...SCRYPT_COST, salt: salt.toString('base64url') }, iv: iv.toString('base64url'), tag: cipher.getAuthTag().toString('base64url'), data: data.toString('base64url') });
}

/** The private key, or null when the password is not the one it was sealed under (or the record is damaged). */
export function unsealUserKey(sealed: string, password: string): KeyObject | null {
  try {
    const record = SealedKey.parse(JSON.parse(sealed));
    const { N, r, p, salt } = record.kdf;
    const decipher = createDecipheriv('aes-256-gcm', passwordKey(password, Buffer.from(salt, 'base64url'), { N, r, p }), Buffer.from(record.iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(record.tag, 'base64url'));
    const der = Buffer.concat([decipher.update(Buffer.from(record.data, 'base64url')), decipher.final()]);
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    return null;
  }
}

export function signText(privateKey: KeyObject, text: string): string {
  return sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64url');
}
