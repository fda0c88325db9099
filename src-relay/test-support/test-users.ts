import { generateKeyPairSync, randomBytes, scryptSync, sign, type KeyObject } from 'node:crypto';
import { formatPasswordHash, SCRYPT_COST, SCRYPT_KEY_LENGTH } from '../../src-shared/identity/password-hash';
import type { RelaySignInResponse } from '../../src-shared/identity/relay-sign-in';

/** The password every test user of the relay tests has. */
export const TEST_PASSWORD = 'correct horse battery staple';

/** A stored hash of `password` in the form the relay checks (computed once per password: scrypt is slow on purpose). */
const hashes = new Map<string, string>();
export function testPasswordHash(password = TEST_PASSWORD): string {
  let hash = hashes.get(password);
  if (!hash) {
    const salt = randomBytes(16);
    hash = formatPasswordHash({ cost: SCRYPT_COST, salt, hash: scryptSync(password, salt, SCRYPT_KEY_LENGTH, SCRYPT_COST) });
    hashes.set(password, hash);
  }
  return hash;
}

/** A `users` row image as a desktop holds it. */
export function userRow(id: string, role: string, options: { active?: 0 | 1; password?: string } = {}): Record<string, unknown> {
  return { id, name: id, email: `${id}@example.test`, role, password_hash: testPasswordHash(options.password), active: options.active ?? 1, created_at: '2026-11-01T00:00:00.000Z' };
}

export interface TestSigner {
  keyId: string;
  privateKey: KeyObject;
  session: string;
}

/** Signs a user in at the relay from a device, as a desktop does, registering a fresh key; throws with the relay's answer when refused. */
export async function signInAtRelay(relayUrl: string, deviceToken: string, userId: string, password = TEST_PASSWORD): Promise<TestSigner> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const response = await fetch(`${relayUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${deviceToken}` },
    body: JSON.stringify({ userId, password, publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64url') }),
  });
  const body = (await response.json()) as RelaySignInResponse & { ok: boolean };
  if (response.status !== 200) throw new Error(`sign-in of ${userId} answered ${response.status}: ${JSON.stringify(body)}`);
  return { keyId: body.keyId, privateKey, session: body.session.token };
}

export function signWith(privateKey: KeyObject, text: string): string {
  return sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64url');
}
