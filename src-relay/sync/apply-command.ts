import type { LedgerRowImage, PushedCommand, PushResult } from '../../src-shared/sync/protocol';
import type { RelayTx } from '../db/relay-database';
import { writeRows } from '../ledger';
import { currentVersion } from '../ledger/ledger-clock';
import type { LedgerRow } from '../ledger/ledger-row';
import { refKey, storedRows, type RowRef } from '../ledger/stored-rows';
import type { Device } from '../devices/device-tokens';
import { checkReferences } from './check-references';
import { commandAuthority } from './command-authority';
import { logCommand } from './command-log';
import { planChanges, type ChangesPlan } from './plan-changes';
import { placeRows } from '../ledger/partition-of';
import { mayReach } from '../../src-shared/sync/partitions';
import { publicData } from '../ledger/public-image';

/**
 * The ledger's image of every row a rejected command touched, so the desktop can put each back:
 * a tombstone keeps its last data, and a row the ledger never had reads as deleted with no data.
 */
function imagesOf(refs: readonly RowRef[], stored: ReadonlyMap<string, LedgerRow>, allowed: readonly string[]): LedgerRowImage[] {
  const unique = [...new Map(refs.map((ref) => [refKey(ref), ref])).values()];
  // A row of a region the device does not serve is not the device's to see, even to put back (it never held it).
  const reachable = unique.filter((ref) => {
    const row = stored.get(refKey(ref));
    return !row || mayReach(allowed, row.partition);
  });
  return reachable.map(({ tbl, id }) => {
    const row = stored.get(refKey({ tbl, id }));
    return row ? { tbl, id, version: row.version, deleted: row.deleted, data: publicData(tbl, row.data) } : { tbl, id, version: 0, deleted: true, data: {} };
  });
}

async function judge(tx: RelayTx, input: { device: Device; clientId: string; command: PushedCommand; signature?: string | null }, stored: ReadonlyMap<string, LedgerRow>): Promise<ChangesPlan> {
  const { command } = input;
  const authority = await commandAuthority(tx, input);
  if (!authority.ok) return authority;
  return planChanges(command.changes, stored, authority.permissions, { name: command.name, actorId: command.actorId });
}

/**
 * Gives each row its partition and refuses a command that reaches outside the device's regions,
 * before or after (a row moved into a region is still a row of the region it left), or whose
 * rows name parents the ledger does not hold (`check-references.ts`).
 */
async function placed(tx: RelayTx, plan: ChangesPlan, stored: ReadonlyMap<string, LedgerRow>, allowed: readonly string[]): Promise<ChangesPlan> {
  if (!plan.ok) return plan;
  const placement = await placeRows(tx, plan.writes, stored);
  if (!placement.ok) return placement;
  const writes = plan.writes.map((write, index) => ({ ...write, partition: placement.partitions[index]! }));
  for (const write of writes) {
    const before = stored.get(refKey(write))?.partition;
    const outside = [before, write.partition].find((partition) => partition !== undefined && !mayReach(allowed, partition));
    if (outside !== undefined) return { ok: false, reason: `${write.tbl} ${write.id}: it belongs to region ${outside}, which this device does not serve` };
  }
  return checkReferences(tx, { ok: true, writes }, placement.ledger);
}

/**
 * Applies one command, the next in its client's sequence, inside the caller's transaction (which
 * holds the ledger clock): all its rows or none, and its result logged either way. Call it once
 * per (client, seq).
 */
/** `signature`: the push path's answer from `signatureProblem`, checked before the clock was taken; absent, it is checked here. */
export async function applyCommand(tx: RelayTx, input: { clientId: string; device: Device; command: PushedCommand; signature?: string | null }): Promise<PushResult> {
  const { command, device } = input;
  const stored = await storedRows(tx, command.changes);
  const plan = await placed(tx, await judge(tx, input, stored), stored, device.partitions);
  let result: PushResult;
  if (plan.ok) {
    await writeRows(tx, plan.writes);
    // The clock after the command, Twilio callbacks its rows completed included; unchanged when it wrote nothing new.
    result = { seq: command.seq, status: 'applied', version: await currentVersion(tx) };
  } else {
    result = { seq: command.seq, status: 'rejected', reason: plan.reason, rows: imagesOf(command.changes, stored, device.partitions) };
  }
  await logCommand(tx, { clientId: input.clientId, deviceId: device.id, commandId: command.id, name: command.name, actorId: command.actorId, result });
  return result;
}
