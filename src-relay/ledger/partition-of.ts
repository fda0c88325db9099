import { AppError } from '../../src-shared/errors';
import { CROSS_REGION_LINKS, EVERYONE, regionOfJurisdiction } from '../../src-shared/sync/partitions';
import { foreignKeysOf, keyOf, replicaTable } from '../../src-shared/sync/row-shape';
import type { LedgerData } from '../db/schema';
import type { RelayTx } from '../db/relay-database';
import type { LedgerRow } from './ledger-row';
import { refKey, storedRows, type RowRef } from './stored-rows';

interface Placed {
  tbl: string;
  id: string;
  data: LedgerData;
}

/** Each row's partition, and the ledger rows read on the way (the rows and their parents), for later checks to reuse. */
export type Placement = { ok: true; partitions: string[]; ledger: ReadonlyMap<string, LedgerRow> } | { ok: false; reason: string };

/**
 * The rows a row names through its foreign keys (DESIGN §3: a row's region is its parents'); for a
 * cross-region link, only the parent whose region it takes.
 */
function parentsOf(row: Placed): RowRef[] {
  const table = replicaTable(row.tbl);
  if (!table) return [];
  const link = CROSS_REGION_LINKS[row.tbl];
  const keys = foreignKeysOf(table).filter(({ columns }) => link === undefined || (columns.length === 1 && columns[0] === link));
  return keys.flatMap(({ columns, table: parent }) => {
    const values = columns.map((column) => row.data[column]);
    if (values.some((value) => value === null || value === undefined)) return [];
    const parentTable = replicaTable(parent);
    return parentTable ? [{ tbl: parent, id: keyOf(parentTable, Object.fromEntries(parentTable.key.map((column, index) => [column, values[index]]))) }] : [];
  });
}

/**
 * The partition of each row about to be written, from the ledger's own parent chain, never from a
 * column a desktop could set to point elsewhere: a borrower's region is its jurisdiction's; any
 * other row's is the region of every parent it names (a borrower, loan, case, action…), which
 * must agree; a row naming only everyone's rows (users, queues, products) is everyone's (`*`).
 * Parents are read from the ledger, or from earlier in the same batch (a bootstrap page carries
 * borrowers with their loans). A row the ledger already holds keeps its region: nothing moves a
 * row out of the region it was written in, where the desks that hold it still have it.
 */
export async function placeRows(tx: RelayTx, rows: readonly Placed[], known: ReadonlyMap<string, LedgerRow> = new Map()): Promise<Placement> {
  const inBatch = new Map(rows.map((row, index) => [refKey(row), index]));
  const parents = rows.map(parentsOf);
  // The rows themselves (a stored row keeps its region) and their parents, unless the caller read them already.
  const wanted = [...rows, ...parents.flat()].filter((ref) => !known.has(refKey(ref)));
  const ledger = new Map(known);
  for (const [key, row] of await storedRows(tx, wanted)) ledger.set(key, row);

  const resolved = new Map<number, string | { reason: string }>();
  // Borrower ← loan ← case ← action ← message: a handful of links, so a cycle in bad data cannot loop.
  const resolve = (index: number, depth: number): string | { reason: string } => {
    const done = resolved.get(index);
    if (done !== undefined) return done;
    const row = rows[index]!;
    let placement: string | { reason: string };
    if (depth > 8) placement = { reason: `${row.tbl} ${row.id}: its parents form a chain too long to place` };
    else if (row.tbl === 'borrowers') placement = typeof row.data.jurisdiction === 'string' ? regionOfJurisdiction(row.data.jurisdiction) : EVERYONE;
    else {
      const regions = new Set<string>();
      for (const parent of parents[index]!) {
        const batchIndex = inBatch.get(refKey(parent));
        const region = batchIndex !== undefined && batchIndex !== index ? resolve(batchIndex, depth + 1) : (ledger.get(refKey(parent))?.partition ?? EVERYONE);
        if (typeof region !== 'string') return region;
        if (region !== EVERYONE) regions.add(region);
      }
      placement = regions.size > 1 ? { reason: `${row.tbl} ${row.id}: it names parents in different regions (${[...regions].sort().join(', ')})` } : ([...regions][0] ?? EVERYONE);
    }
    const stored = ledger.get(refKey(row));
    if (typeof placement === 'string' && stored && stored.partition !== placement) {
      placement = { reason: `${row.tbl} ${row.id}: it belongs to region ${stored.partition} and would move to ${placement}; a row's region never changes` };
    }
    resolved.set(index, placement);
    return placement;
  };
  const partitions: string[] = [];
  for (let index = 0; index < rows.length; index++) {
    const placement = resolve(index, 0);
    if (typeof placement !== 'string') return { ok: false, reason: placement.reason };
    partitions.push(placement);
  }
  return { ok: true, partitions, ledger };
}

/** `placeRows` for a batch that is all or nothing (a bootstrap page, a feed): a row that cannot be placed refuses it. */
export async function partitionsOf(tx: RelayTx, rows: readonly Placed[]): Promise<string[]> {
  const placement = await placeRows(tx, rows);
  if (!placement.ok) throw new AppError('validation', placement.reason);
  return placement.partitions;
}
