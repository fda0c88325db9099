import type { KeyObject } from 'node:crypto';
import { commandSigningText } from '../../src-shared/sync/command-signature';
import type { CommandAuth, PushedCommand } from '../../src-shared/sync/protocol';
import type { Store } from '../store/open-store';
import { signText } from './user-key';

interface Signer {
  keyId: string;
  privateKey: KeyObject;
}

/**
 * The unsealed signing keys of the users signed in on this desktop, per store, held in memory only
 * from sign-in to sign-out: every command a signed-in user runs is signed as it enters the outbox,
 * so it can be pushed later, offline work included, and still prove who made it.
 */
const signersByStore = new WeakMap<Store, Map<string, Signer>>();

function signersOf(store: Store): Map<string, Signer> {
  let signers = signersByStore.get(store);
  if (!signers) {
    signers = new Map();
    signersByStore.set(store, signers);
  }
  return signers;
}

export function holdSigner(store: Store, userId: string, signer: Signer): void {
  signersOf(store).set(userId, signer);
}

export function dropSigner(store: Store, userId: string): void {
  signersOf(store).delete(userId);
}

/**
 * The actor's signature of the command as it will be pushed from this store's outbox (or, for a
 * test playing a tampered desktop, another client id), or null when the actor holds no key here
 * (the system, a desktop without a relay).
 */
export function signCommand(store: Store, command: Omit<PushedCommand, 'auth'>, clientId = store.clientId): CommandAuth | null {
  const signer = signersOf(store).get(command.actorId);
  if (!signer) return null;
  return { keyId: signer.keyId, signature: signText(signer.privateKey, commandSigningText(clientId, command)) };
}
