import { AppError } from '../../src-shared/errors';
import type { RelaySignInRequest, RelaySignInResponse } from '../../src-shared/identity/relay-sign-in';
import type { RelayDb } from '../db/relay-database';
import type { Device } from '../devices/device-tokens';
import { ledgerUser } from './ledger-users';
import type { DeviceSignInThrottle } from './device-sign-in-throttle';
import { registerUserKey } from './user-keys';
import { issueSession } from './user-sessions';
import { passwordMatches } from './verify-password';

/** Checked when the user is unknown, so a wrong user id takes as long as a wrong password. */
const DECOY_HASH = 'scrypt$16384$8$1$00000000000000000000000000000000$0000000000000000000000000000000000000000000000000000000000000000';

/**
 * A user proves their password to the relay from a registered device (DESIGN §3, Trust): the
 * ledger's hash is the only one that counts. On success the relay issues a session and registers
 * the device's public key for the user, so commands that key signs, now or offline later, are
 * accepted as this user's. The role comes from the ledger each time a command is judged.
 */
/** Users whose password this relay process is checking now: one guess at a time, so a burst cannot outrun the throttle. */
const checking = new Set<string>();

export async function signInAtRelay(db: RelayDb, device: Device, request: RelaySignInRequest, throttle: DeviceSignInThrottle): Promise<RelaySignInResponse> {
  throttle.check(request.userId, device.id);
  if (checking.has(request.userId)) throw new AppError('unauthenticated', 'a sign-in for this user is already being checked; try again in a moment');
  checking.add(request.userId);
  try {
    return await checkAndSignIn(db, device, request, throttle);
  } finally {
    checking.delete(request.userId);
  }
}

async function checkAndSignIn(db: RelayDb, device: Device, request: RelaySignInRequest, throttle: DeviceSignInThrottle): Promise<RelaySignInResponse> {
  const user = await ledgerUser(db, request.userId);
  const matches = await passwordMatches(request.password, user?.passwordHash ?? DECOY_HASH);
  if (!user || !matches || !user.active) {
    throttle.failed(request.userId, device.id);
    throw new AppError('unauthenticated', 'unknown user or wrong password', 'password');
  }
  throttle.succeeded(request.userId);
  return db.transaction(async (tx) => {
    const keyId = await registerUserKey(tx, { userId: user.id, deviceId: device.id, publicKey: request.publicKey });
    const session = await issueSession(tx, { userId: user.id, deviceId: device.id });
    return { user: { id: user.id, name: user.name, email: user.email, role: user.role }, session: { token: session.token, expiresAt: session.expiresAt.toISOString() }, keyId };
  });
}
