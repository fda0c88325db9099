import { sql } from 'drizzle-orm';
import { AppError } from '../../src-shared/errors';
import type { BootstrapRequest } from '../../src-shared/sync/protocol';
import { ledgerMeta, syncCommands } from '../db/schema';
import type { RelayDb } from '../db/relay-database';
import { writeRows } from '../ledger';
import { currentVersion, lockLedgerClock } from '../ledger/ledger-clock';
import { partitionsOf } from '../ledger/partition-of';
import { EVERYONE } from '../../src-shared/sync/partitions';
import { anyCommandLogged } from './command-log';

export interface BootstrapOutcome {
  /** Rows this page wrote. */
  written: number;
  version: number;
  /** True once the final page is in: no further page is taken. */
  bootstrapped: boolean;
}

/**
 * Moves an existing desktop database onto a new relay, one page of rows at a time, as they stand
 * (no command, no rules: this is where the ledger's state starts). Open only until the final page
 * or the first pushed command, whichever comes first; after that the ledger changes by commands.
 */
export async function bootstrapLedger(db: RelayDb, device: { id: string; partitions: readonly string[] }, request: BootstrapRequest): Promise<BootstrapOutcome> {
  const outcome = await bootstrapPage(db, device, request);
  // A whole book just arrived: fresh statistics keep the pull query on its version index from the first page.
  if (outcome.bootstrapped) await db.execute(sql`ANALYZE ledger_rows`);
  return outcome;
}

function bootstrapPage(db: RelayDb, device: { id: string; partitions: readonly string[] }, request: BootstrapRequest): Promise<BootstrapOutcome> {
  const deviceId = device.id;
  if (!device.partitions.includes(EVERYONE)) throw new AppError('forbidden', 'only a device registered for every region (*) may bootstrap the ledger');
  return db.transaction(async (tx) => {
    await lockLedgerClock(tx);
    const [meta] = await tx.select({ bootstrapped: ledgerMeta.bootstrapped }).from(ledgerMeta);
    if (meta?.bootstrapped) throw new AppError('conflict', 'the ledger has already been bootstrapped');
    if (await anyCommandLogged(tx)) throw new AppError('conflict', 'commands have already been pushed to this ledger, so it can no longer be bootstrapped');
    const partitions = await partitionsOf(tx, request.rows);
    const written = await writeRows(tx, request.rows.map((row, index) => ({ tbl: row.tbl, id: row.id, partition: partitions[index]!, data: row.data })));
    const version = await currentVersion(tx);
    if (request.final) {
      await tx.update(ledgerMeta).set({ bootstrapped: true });
      // The publisher's earlier commands are in the rows just written: its sequence resumes after them.
      const client = request.client;
      if (client && client.lastSeq > 0) {
        await tx.insert(syncCommands).values({
          clientId: client.clientId, seq: client.lastSeq, commandId: `bootstrap:${client.clientId}`, name: 'sync.bootstrap', actorId: 'system', status: 'applied',
          version, result: { seq: client.lastSeq, status: 'applied', version }, deviceId,
        });
      }
    }
    return { written: written.length, version, bootstrapped: request.final };
  });
}
