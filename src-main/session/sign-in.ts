import type { SessionUser } from '../../src-shared/contract';
import { AppError } from '../../src-shared/errors';
import { ROLE_PERMISSIONS, ROLES, type Role } from '../../src-shared/roles';
import type { Store } from '../store/open-store';
import { RelayUnavailable, type RelayClient } from '../sync/relay-client';
import { holdSigner } from './command-signers';
import { readCredential, saveCredential } from './credential-store';
import { verifyPassword } from './passwords';
import { generateUserKey, sealUserKey, unsealUserKey } from './user-key';

/** The relay this desktop syncs with, when it has one. */
export interface RelayForSignIn {
  url: string;
  client: RelayClient;
}

export interface SignedIn {
  user: SessionUser;
  /** The relay's session for this sign-in; null offline or without a relay. */
  relaySession: string | null;
}

const wrongPassword = () => new AppError('unauthenticated', 'unknown user or wrong password', 'password');

function sessionUser(profile: { id: string; name: string; email: string; role: string }): SessionUser {
  if (!(ROLES as readonly string[]).includes(profile.role)) throw new AppError('unauthenticated', `user ${profile.id} has no role this build knows`);
  const role = profile.role as Role;
  return { id: profile.id, name: profile.name, email: profile.email, role, permissions: [...ROLE_PERMISSIONS[role]] };
}

interface LocalUser {
  id: string;
  name: string;
  email: string;
  role: string;
  password_hash: string;
}

function localUser(store: Store, userId: string): LocalUser | undefined {
  return store.sqlite.prepare('SELECT id, name, email, role, password_hash FROM users WHERE id = ? AND active = 1').get(userId) as LocalUser | undefined;
}

/**
 * Proves who is signing in (DESIGN §3, Trust) and unlocks their signing key for this desktop's
 * commands. With a relay the relay judges the password against the ledger, registers this
 * desktop's key for the user (made and sealed under the password at the first sign-in here), and
 * says the role; when the relay is out of reach, the password must unseal the key a previous online
 * sign-in left here, so offline work still carries the user's own signature. Without a relay the
 * desktop is its own ledger and checks its own hash.
 */
export async function signIn(store: Store, relay: RelayForSignIn | null, userId: string, password: string): Promise<SignedIn> {
  if (!relay) return signInLocally(store, userId, password);
  const credential = readCredential(store, userId);
  const unsealed = credential ? unsealUserKey(credential.sealedPrivateKey, password) : null;
  const pair = credential && unsealed ? { publicKey: credential.publicKey, privateKey: unsealed } : generateUserKey();
  try {
    const answer = await relay.client.signIn({ userId, password, publicKey: pair.publicKey });
    const sealed = credential && unsealed ? credential.sealedPrivateKey : sealUserKey(pair.privateKey, password);
    saveCredential(store, { userId, keyId: answer.keyId, relayUrl: relay.url, publicKey: pair.publicKey, sealedPrivateKey: sealed, profile: answer.user });
    holdSigner(store, userId, { keyId: answer.keyId, privateKey: pair.privateKey });
    return { user: sessionUser(answer.user), relaySession: answer.session.token };
  } catch (error) {
    if (!(error instanceof RelayUnavailable)) throw error;
    if (!credential || credential.relayUrl !== relay.url) {
      throw new AppError('unauthenticated', `the relay is out of reach (${error.message}), and a first sign-in on this desktop needs it: connect once, after that you can sign in offline`);
    }
    if (!unsealed) throw wrongPassword();
    holdSigner(store, userId, { keyId: credential.keyId, privateKey: unsealed });
    // The replica's users row is the ledger's latest word on the role this desktop has seen.
    return { user: sessionUser(localUser(store, userId) ?? { ...credential.profile, id: userId }), relaySession: null };
  }
}

/** A desktop without a relay; one that had a relay holds no hashes (they never leave the relay), only sealed keys. */
function signInLocally(store: Store, userId: string, password: string): SignedIn {
  const row = localUser(store, userId);
  if (!row) throw wrongPassword();
  if (row.password_hash !== '') {
    if (!verifyPassword(password, row.password_hash)) throw wrongPassword();
    return { user: sessionUser(row), relaySession: null };
  }
  const credential = readCredential(store, userId);
  if (!credential || !unsealUserKey(credential.sealedPrivateKey, password)) throw wrongPassword();
  return { user: sessionUser(row), relaySession: null };
}
