import { z } from 'zod';
import type { Role } from '../roles';

/**
 * A user's sign-in at the relay (DESIGN §3, Trust), made by a registered device: the password is
 * checked against the ledger's hash, which never leaves the relay, and the device's public key for
 * this user is registered, so the commands that key signs count as this user's, on this device.
 */
export const RelaySignInRequest = z
  .object({
    userId: z.string().min(1).max(64),
    password: z.string().min(1).max(1000),
    /** Ed25519 public key, SPKI DER as base64url. */
    publicKey: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be base64url').min(40).max(200),
  })
  .strict();
export type RelaySignInRequest = z.infer<typeof RelaySignInRequest>;

/** Who the ledger says the user is now; the role is the ledger's, never the desktop's. */
export interface RelayUserProfile {
  id: string;
  name: string;
  email: string;
  role: Role;
}

export interface RelaySignInResponse {
  user: RelayUserProfile;
  /** For requests a user, not only a device, must make (webhook subscriptions, self-service links), sent as `X-Recourse-Session`. */
  session: { token: string; expiresAt: string };
  /** The id the relay gave the public key: commands name it in `auth.keyId`. */
  keyId: string;
}

export const SESSION_HEADER = 'x-recourse-session';
