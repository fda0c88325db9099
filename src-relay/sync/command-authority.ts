import { ROLE_PERMISSIONS, type Permission } from '../../src-shared/roles';
import { permissionForCommand } from '../../src-shared/sync/command-permissions';
import { commandSigningText } from '../../src-shared/sync/command-signature';
import type { PushedCommand } from '../../src-shared/sync/protocol';
import type { RelayDb, RelayTx } from '../db/relay-database';
import type { Device } from '../devices/device-tokens';
import { ledgerUser } from '../identity/ledger-users';
import { liveUserKey, signatureMatches } from '../identity/user-keys';

/** The actor the engine host's automation (the daily run, dunning, reminders) runs as. */
export const SYSTEM_ACTOR_ID = 'system';

/** What the actor may do while the command applies, or why it may not run at all. */
export type Authority = { ok: true; permissions: readonly Permission[] } | { ok: false; reason: string };

/**
 * Whether the command may run, and with what permissions (DESIGN §3, Trust). A person's command
 * counts only with that person's signature: the key it names must be registered for the actor on
 * the device that pushed it (at an online sign-in that proved the actor's password), and must have
 * signed this very command in this outbox at this place. The role is the actor's in the ledger as
 * it stands when the command is judged, never anything the desktop sent. Only the engine host's
 * device runs commands as the system actor, and only automated ones.
 */
export async function commandAuthority(tx: RelayTx, input: { device: Device; clientId: string; command: PushedCommand; signature?: string | null }): Promise<Authority> {
  const { device, clientId, command } = input;
  const { name, actorId } = command;
  const needed = permissionForCommand(name);
  if (needed === null) return { ok: false, reason: `"${name}" is not a command the relay knows` };
  if (actorId === SYSTEM_ACTOR_ID) {
    if (needed !== 'system') return { ok: false, reason: `the system actor runs only automated commands, not ${name}` };
    if (!device.engineHost) return { ok: false, reason: `only the relay's engine host runs commands as the system actor; device ${device.name} is not it` };
    return { ok: true, permissions: [] };
  }
  if (needed === 'system') return { ok: false, reason: `${name} is automated and runs as the system actor, not as ${actorId}` };
  const signed = input.signature !== undefined ? input.signature : await signatureProblem(tx, device, clientId, command);
  if (signed !== null) return { ok: false, reason: signed };
  const user = await ledgerUser(tx, actorId);
  if (!user) return { ok: false, reason: `actor ${actorId} is not a user in the ledger` };
  if (!user.active) return { ok: false, reason: `actor ${actorId} is not an active user` };
  const permissions = ROLE_PERMISSIONS[user.role];
  if (!permissions.includes(needed)) return { ok: false, reason: `${name} needs the ${needed} permission, which actor ${actorId} (${user.role}) does not have` };
  return { ok: true, permissions };
}

/**
 * Null when the command carries the actor's valid signature from this device (or is the system's,
 * which signs nothing), else why not. It reads only the key, so the push path checks it before
 * taking the ledger's clock; `commandAuthority` takes the answer.
 */
export async function signatureProblem(db: RelayTx | RelayDb, device: Device, clientId: string, command: PushedCommand): Promise<string | null> {
  const { auth, actorId } = command;
  if (actorId === SYSTEM_ACTOR_ID) return null;
  if (!auth) return `the command is not signed by ${actorId}: a user's commands need their signature, made with the key registered when they signed in at the relay`;
  const key = await liveUserKey(db, auth.keyId);
  if (!key) return `signing key ${auth.keyId} is unknown or revoked`;
  if (key.userId !== actorId) return `signing key ${auth.keyId} belongs to another user, not ${actorId}`;
  if (key.deviceId !== device.id) return `signing key ${auth.keyId} is registered on another device, not ${device.name}`;
  if (!signatureMatches(key, commandSigningText(clientId, command), auth.signature)) return `the signature does not match the command: it was changed after ${actorId} signed it, or signed for another outbox`;
  return null;
}
