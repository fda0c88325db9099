import { AppError } from '../../src-shared/errors';
import { SESSION_HEADER } from '../../src-shared/identity/relay-sign-in';
import { roleAllows, type Permission } from '../../src-shared/roles';
import type { RelayDb } from '../db/relay-database';
import type { Device } from '../devices/device-tokens';
import type { IncomingMessage } from 'node:http';
import { ledgerUser, type LedgerUser } from './ledger-users';
import { sessionUserId } from './user-sessions';

/**
 * The signed-in user behind a request from a device (`X-Recourse-Session`), with the permission a
 * route needs checked against the user's role in the ledger now. A device token alone is a
 * machine, never a person: without a session the request is refused.
 */
export async function authenticateUser(db: RelayDb, device: Device, request: IncomingMessage, permission: Permission): Promise<LedgerUser> {
  const token = request.headers[SESSION_HEADER];
  if (typeof token !== 'string' || token === '') throw new AppError('unauthenticated', `a user's session is required: sign in on the desktop (header ${SESSION_HEADER})`);
  const userId = await sessionUserId(db, { token, deviceId: device.id });
  const user = userId === null ? null : await ledgerUser(db, userId);
  if (!user || !user.active) throw new AppError('unauthenticated', 'the session is unknown, expired or its user is no longer active; sign in again');
  if (!roleAllows(user.role, permission)) throw new AppError('forbidden', `this needs the ${permission} permission, which ${user.name} (${user.role}) does not have`);
  return user;
}
