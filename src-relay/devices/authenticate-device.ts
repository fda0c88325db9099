import type { IncomingMessage } from 'node:http';
import { AppError } from '../../src-shared/errors';
import type { RelayDb } from '../db/relay-database';
import { deviceForToken, type Device } from './device-tokens';

/** `Authorization: Bearer <token>`, or `?token=` where a header cannot be set (a browser WebSocket). */
export function presentedToken(request: IncomingMessage, url: URL, options: { allowQuery: boolean }): string | null {
  const header = request.headers.authorization;
  const bearer = header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (bearer) return bearer;
  return options.allowQuery ? url.searchParams.get('token') || null : null;
}

export async function authenticateDevice(db: RelayDb, token: string | null): Promise<Device> {
  if (!token) throw new AppError('unauthenticated', 'a device token is required: Authorization: Bearer <token>');
  const device = await deviceForToken(db, token);
  if (!device) throw new AppError('unauthenticated', 'the device token is unknown or revoked');
  return device;
}
