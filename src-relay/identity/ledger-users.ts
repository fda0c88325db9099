import { ROLES, type Role } from '../../src-shared/roles';
import type { RelayUserProfile } from '../../src-shared/identity/relay-sign-in';
import { flagIsSet } from '../../src-shared/sync/row-rules';
import type { RelayDb, RelayTx } from '../db/relay-database';
import { getRow } from '../ledger/ledger-lookups';

export interface LedgerUser extends RelayUserProfile {
  active: boolean;
  passwordHash: string;
}

function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value);
}

/** A user as the ledger holds it now, or null when it is missing, deleted or malformed. */
export async function ledgerUser(tx: RelayTx | RelayDb, userId: string): Promise<LedgerUser | null> {
  const row = await getRow(tx as RelayTx, 'users', userId);
  if (!row) return null;
  const { name, email, role, password_hash: passwordHash, active } = row.data;
  if (typeof name !== 'string' || typeof email !== 'string' || !isRole(role) || typeof passwordHash !== 'string') return null;
  return { id: userId, name, email, role, passwordHash, active: flagIsSet(active) };
}
