import { AppError } from '../../src-shared/errors';
import type { PushRequest, PushResponse, PushResult } from '../../src-shared/sync/protocol';
import type { RelayDb } from '../db/relay-database';
import type { Device } from '../devices/device-tokens';
import { lockLedgerClock } from '../ledger/ledger-clock';
import { log } from '../log';
import { applyCommand } from './apply-command';
import { ownClientId } from './client-owners';
import { signatureProblem } from './command-authority';
import { lastSeq, loggedCommands, type LoggedCommand } from './command-log';

/** A client id reused by another outbox would have its commands answered as someone else's. */
function sameCommand(clientId: string, logged: LoggedCommand, commandId: string): PushResult {
  if (logged.commandId === commandId) return logged.result;
  throw new AppError('conflict', `client ${clientId} already pushed seq ${logged.seq} as command ${logged.commandId}, not ${commandId}; a desktop must not reuse another outbox's client id`, 'commands');
}

/**
 * Takes a client's commands strictly in sequence (DESIGN §3), each in its own transaction holding
 * the ledger clock, so versions stay serial and two pushes of one client cannot interleave. A seq
 * already taken answers its logged result, whatever happened since; the first seq that is not
 * the next one expected stops the batch, and `expectedSeq` tells the desktop where to resume.
 */
export async function pushCommands(db: RelayDb, device: Device, request: PushRequest): Promise<PushResponse> {
  const deviceId = device.id;
  const { clientId } = request;
  await ownClientId(db, clientId, device);
  const commands = [...request.commands].sort((a, b) => a.seq - b.seq);
  // Answered outside the clock's lock: a logged result never changes.
  const logged = await loggedCommands(db, clientId, commands.map((command) => command.seq));
  const results: PushResult[] = [];
  for (const command of commands) {
    const earlier = logged.get(command.seq);
    if (earlier) {
      results.push(sameCommand(clientId, earlier, command.id));
      continue;
    }
    // Checked before taking the clock, which serialises every push: a signature depends only on the command and its key.
    const signature = await signatureProblem(db, device, clientId, command);
    const result = await db.transaction(async (tx) => {
      await lockLedgerClock(tx);
      const last = await lastSeq(tx, clientId);
      if (command.seq <= last) {
        // Another push of this client took it while this one waited for the clock.
        const raced = (await loggedCommands(tx, clientId, [command.seq])).get(command.seq);
        if (raced) return sameCommand(clientId, raced, command.id);
      }
      if (command.seq !== last + 1) return null;
      return applyCommand(tx, { clientId, device, command, signature });
    });
    if (result === null) break;
    results.push(result);
    if (result.status === 'rejected') log.info('pushed command rejected', { clientId, deviceId, seq: command.seq, name: command.name, reason: result.reason });
  }
  const expectedSeq = (await lastSeq(db, clientId)) + 1;
  log.debug('push taken', { clientId, deviceId, commands: commands.length, answered: results.length, expectedSeq });
  return { results, expectedSeq };
}
