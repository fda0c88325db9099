import { sql } from 'drizzle-orm';
import { AppError } from '../../src-shared/errors';
import type { BootstrapRequest } from '../../src-shared/sync/protocol';
import { ledgerMeta, syncCommands } from '../db/schema';
import type { RelayDb } from '../db/relay-database';
import { writeRows } from '../ledger';
import { currentVersion, lockLedgerClock } from '../ledger/ledger-clock';
import { partitionsOf } from '../ledger/partition-of';
import { EVERYONE } from '../../src-shared/sync/partitions';
import { rowsProblem } from './check-references';
import { anyCommandLogged } from './command-log';
import { ownClientId } from './client-owners';
import type { Device } from '../devices/device-tokens';

export interface BootstrapOutcome {
  /** Rows this page wrote. */
  written: number;
  version: number;
  /** True once the final page is in: no further page is taken. */
  bootstrapped: boolean;
}

/**
 * Moves an existing desktop database onto a new relay, one page of rows at a time, as they stand
 * (no command, no rules: this is where the ledger's state starts), though each row must fit the
 * replica's schema and name only parents already sent, so what starts the ledger can start a
 * replica. Open only until the final page or the first pushed command, whichever comes first;
 * after that the ledger changes by commands.
 */
export async function bootstrapLedger(db: RelayDb, device: Device, request: BootstrapRequest): Promise<BootstrapOutcome> {
  const outcome = await bootstrapPage(db, device, request);
  // Each page looks up rows already loaded (owners, old images). Without statistics (PGlite has no
  // autovacuum) the planner takes the growing table for empty and scans it whole for every page:
  // refreshing them each time the ledger doubles keeps those lookups on the primary key, and once
  // the book is in, the pull query on its version index.
  const before = outcome.version - outcome.written;
  if (outcome.bootstrapped || crossesDoubling(before, outcome.version)) await db.execute(sql`ANALYZE ledger_rows`);
  return outcome;
}

/** True when the row count went past 8,192 × 2^k for some k on this page. */
function crossesDoubling(before: number, after: number): boolean {
  const step = (count: number) => (count < 8_192 ? -1 : Math.floor(Math.log2(count / 8_192)));
  return step(after) > step(before);
}

function bootstrapPage(db: RelayDb, device: Device, request: BootstrapRequest): Promise<BootstrapOutcome> {
  const deviceId = device.id;
  if (!device.partitions.includes(EVERYONE)) throw new AppError('forbidden', 'only a device registered for every region (*) may bootstrap the ledger');
  return db.transaction(async (tx) => {
    await lockLedgerClock(tx);
    const [meta] = await tx.select({ bootstrapped: ledgerMeta.bootstrapped }).from(ledgerMeta);
    if (meta?.bootstrapped) throw new AppError('conflict', 'the ledger has already been bootstrapped');
    if (await anyCommandLogged(tx)) throw new AppError('conflict', 'commands have already been pushed to this ledger, so it can no longer be bootstrapped');
    const refused = await rowsProblem(tx, request.rows);
    if (refused !== null) throw new AppError('validation', `the ledger refused this page: ${refused}`);
    const partitions = await partitionsOf(tx, request.rows);
    const written = await writeRows(tx, request.rows.map((row, index) => ({ tbl: row.tbl, id: row.id, partition: partitions[index]!, data: row.data })));
    const version = await currentVersion(tx);
    if (request.final) {
      await tx.update(ledgerMeta).set({ bootstrapped: true });
      // The publisher's earlier commands are in the rows just written: its sequence resumes after them.
      const client = request.client;
      if (client) await ownClientId(tx, client.clientId, device);
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
