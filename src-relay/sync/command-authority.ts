import { ROLE_PERMISSIONS, ROLES, type Permission, type Role } from '../../src-shared/roles';
import { permissionForCommand } from '../../src-shared/sync/command-permissions';
import type { PushedCommand } from '../../src-shared/sync/protocol';
import { flagIsSet } from '../../src-shared/sync/row-rules';
import type { RelayTx } from '../db/relay-database';
import { getRow } from '../ledger/ledger-lookups';

/** The actor the desktop's own automation (dunning, reminders, Twilio outcomes) runs as. */
export const SYSTEM_ACTOR_ID = 'system';

/** What the actor may do while the command applies, or why it may not run at all. */
export type Authority = { ok: true; permissions: readonly Permission[] } | { ok: false; reason: string };

function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value);
}

/**
 * Whether the command's actor may run it. The role is read from the actor's `users` row in the
 * ledger as it stood before this command, never from anything the desktop sent (DESIGN §3), so a
 * desktop cannot grant itself a role. Automated commands run as the system actor from any
 * registered device, with no role's permissions: the table rules still bind them.
 */
export async function commandAuthority(tx: RelayTx, command: Pick<PushedCommand, 'name' | 'actorId'>): Promise<Authority> {
  const { name, actorId } = command;
  const needed = permissionForCommand(name);
  if (needed === null) return { ok: false, reason: `"${name}" is not a command the relay knows` };
  if (needed === 'system') {
    return actorId === SYSTEM_ACTOR_ID ? { ok: true, permissions: [] } : { ok: false, reason: `${name} is automated and runs as the system actor, not as ${actorId}` };
  }
  if (actorId === SYSTEM_ACTOR_ID) return { ok: false, reason: `the system actor runs only automated commands, not ${name}` };
  const user = await getRow(tx, 'users', actorId);
  if (!user) return { ok: false, reason: `actor ${actorId} is not a user in the ledger` };
  if (!flagIsSet(user.data.active)) return { ok: false, reason: `actor ${actorId} is not an active user` };
  const role = user.data.role;
  if (!isRole(role)) return { ok: false, reason: `actor ${actorId} has no role the relay knows` };
  const permissions = ROLE_PERMISSIONS[role];
  if (!permissions.includes(needed)) return { ok: false, reason: `${name} needs the ${needed} permission, which actor ${actorId} (${role}) does not have` };
  return { ok: true, permissions };
}
