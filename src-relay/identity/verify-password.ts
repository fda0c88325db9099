import { scrypt } from 'node:crypto';
import { promisify } from 'node:util';
import { parsePasswordHash, sameBytes } from '../../src-shared/identity/password-hash';

const scryptAsync = promisify(scrypt) as (password: string, salt: Uint8Array, length: number, options: object) => Promise<Buffer>;

/** Checks a password against a stored hash on libuv's thread pool, so sign-ins never stall the relay's other requests. */
export async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return false;
  const actual = await scryptAsync(password, parsed.salt, parsed.hash.length, { ...parsed.cost, maxmem: 256 * 2 ** 20 });
  return sameBytes(actual, parsed.hash);
}
