import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Deterministic ids: the same kind and natural key give the same id on every machine, so
 * desktops that import the same tape or run the same daily run converge instead of duplicating.
 */
export function stableId(kind: string, ...parts: (string | number)[]): string {
  const digest = bytesToHex(sha256(utf8ToBytes([kind, ...parts].join('\u001f'))));
  return `${kind}_${digest.slice(0, 24)}`;
}
