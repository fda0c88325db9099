import canonicalize from 'canonicalize';
import type { PushedCommand } from './protocol';

/** Names what is signed, so a signature made for anything else can never pass as a command's. */
const DOMAIN = 'recourse.command.v1';

/**
 * The exact text a user's key signs for one outbox command and the relay verifies (DESIGN §3,
 * Trust): every field of the command, its rows included, and the outbox it belongs to, in
 * RFC 8785 canonical JSON, so the same command gives the same text after any trip through JSON.
 * Binding the client id and sequence means a signed command cannot be replayed from another
 * outbox or at another place in this one.
 */
export function commandSigningText(clientId: string, command: Omit<PushedCommand, 'auth'>): string {
  const { seq, id, name, args, actorId, at, changes } = command;
  const text = canonicalize({ domain: DOMAIN, clientId, seq, id, name, args: args ?? null, actorId, at, changes });
  if (text === undefined) throw new Error(`command ${id} cannot be written as canonical JSON`);
  return text;
}
