import type { Store } from '../store/open-store';

export interface StoredCredential {
  userId: string;
  keyId: string;
  relayUrl: string;
  publicKey: string;
  sealedPrivateKey: string;
  profile: { name: string; email: string; role: string };
}

interface CredentialRow {
  user_id: string;
  key_id: string;
  relay_url: string;
  public_key: string;
  sealed_private_key: string;
  profile: string;
}

/** The user's sealed signing key on this desktop (`user_credentials`, never synced), or null. */
export function readCredential(store: Store, userId: string): StoredCredential | null {
  const row = store.sqlite.prepare('SELECT user_id, key_id, relay_url, public_key, sealed_private_key, profile FROM user_credentials WHERE user_id = ?').get(userId) as CredentialRow | undefined;
  if (!row) return null;
  return { userId: row.user_id, keyId: row.key_id, relayUrl: row.relay_url, publicKey: row.public_key, sealedPrivateKey: row.sealed_private_key, profile: JSON.parse(row.profile) as StoredCredential['profile'] };
}

export function saveCredential(store: Store, credential: StoredCredential & { profile: StoredCredential['profile'] & { id?: string } }): void {
  const { name, email, role } = credential.profile;
  store.sqlite
    .prepare(
      `INSERT INTO user_credentials (user_id, key_id, relay_url, public_key, sealed_private_key, profile, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET key_id = excluded.key_id, relay_url = excluded.relay_url, public_key = excluded.public_key, sealed_private_key = excluded.sealed_private_key, profile = excluded.profile`,
    )
    .run(credential.userId, credential.keyId, credential.relayUrl, credential.publicKey, credential.sealedPrivateKey, JSON.stringify({ name, email, role }), new Date().toISOString());
}
