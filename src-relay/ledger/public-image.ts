import type { LedgerData } from '../db/schema';

/**
 * What a device may read of a row (DESIGN §3, Trust): a user's password hash never leaves the
 * relay, which alone checks passwords once there is one. The column stays, empty, because the
 * desktop's schema requires it; a desktop signs its users in at the relay or with their sealed key.
 */
export function publicData(tbl: string, data: LedgerData): LedgerData {
  return tbl === 'users' && Object.hasOwn(data, 'password_hash') ? { ...data, password_hash: '' } : data;
}
