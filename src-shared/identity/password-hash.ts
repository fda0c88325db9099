/**
 * The stored form of a password hash, `scrypt$N$r$p$salt$hash` (hex), read and written the same by
 * the desktop (a store without a relay) and the relay (the only judge once there is one, DESIGN §3
 * Trust). Each computes scrypt with node:crypto itself: the relay asynchronously, off its event loop.
 */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** N = 2^14 keeps a sign-in near 100 ms on a laptop. */
export const SCRYPT_COST: ScryptCost = { N: 16384, r: 8, p: 1 };
export const SCRYPT_KEY_LENGTH = 32;

export interface PasswordHash {
  cost: ScryptCost;
  salt: Uint8Array;
  hash: Uint8Array;
}

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

const hexOf = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

export function formatPasswordHash({ cost, salt, hash }: PasswordHash): string {
  return ['scrypt', cost.N, cost.r, cost.p, hexOf(salt), hexOf(hash)].join('$');
}

/**
 * A stored hash, or null when it is malformed or asks for a cost far above ours: a planted hash
 * must not make a sign-in pin a CPU or exhaust memory.
 */
export function parsePasswordHash(stored: string): PasswordHash | null {
  const [scheme, n, r, p, saltHex, hashHex, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || rest.length > 0 || !/^(?:[0-9a-f]{2}){1,64}$/.test(saltHex ?? '') || !/^(?:[0-9a-f]{2}){16,64}$/.test(hashHex ?? '')) return null;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (![cost.N, cost.r, cost.p].every(Number.isSafeInteger) || cost.N < 2 || cost.N > 2 ** 17 || cost.r < 1 || cost.r > 16 || cost.p < 1 || cost.p > 4) return null;
  return { cost, salt: hexBytes(saltHex!), hash: hexBytes(hashHex!) };
}

/** Compares in time that depends only on the length, so a wrong guess learns nothing from timing. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= a[index]! ^ b[index]!;
  return difference === 0;
}
