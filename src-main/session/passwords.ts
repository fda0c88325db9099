import { randomBytes, scryptSync } from 'node:crypto';
import { formatPasswordHash, parsePasswordHash, sameBytes, SCRYPT_COST, SCRYPT_KEY_LENGTH } from '../../src-shared/identity/password-hash';

/** Hashes a password in the stored form the relay reads too (`src-shared/identity/password-hash.ts`). */
export function hashPassword(password: string, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(password, salt, SCRYPT_KEY_LENGTH, SCRYPT_COST);
  return formatPasswordHash({ cost: SCRYPT_COST, salt, hash });
}

export function verifyPassword(password: string, stored: string): boolean {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return false;
  return sameBytes(scryptSync(password, parsed.salt, parsed.hash.length, { ...parsed.cost, maxmem: 256 * 2 ** 20 }), parsed.hash);
}
