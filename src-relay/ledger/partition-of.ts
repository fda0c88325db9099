import type { LedgerData } from '../db/schema';
import type { RelayTx } from '../db/relay-database';
import { EVERYONE, ownerOf } from '../../src-shared/sync/partitions';
import { refKey, storedRows } from './stored-rows';

interface Placed {
  tbl: string;
  id: string;
  data: LedgerData;
}

/**
 * The partition of each row about to be written, in order (`src-shared/sync/partitions.ts`): a
 * borrower's region, or the partition of the borrower, loan or case the row names. Owners written
 * in the same batch are resolved from the batch (a bootstrap page carries borrowers with their
 * loans), the others read from the ledger in one lookup; a row whose owner is nowhere is everyone's.
 */
export async function partitionsOf(tx: RelayTx, rows: readonly Placed[]): Promise<string[]> {
  const inBatch = new Map(rows.map((row, index) => [refKey(row), index]));
  const owners = rows.map((row) => ownerOf(row.tbl, row.data));
  const elsewhere = owners.flatMap((owner) => (owner && 'tbl' in owner && !inBatch.has(refKey(owner)) ? [owner] : []));
  const known = new Map<string, string>();
  for (const [key, row] of await storedRows(tx, elsewhere)) known.set(key, row.partition);

  // Borrower ← loan ← case ← row: three links at the most, so a cycle in bad data cannot loop.
  const resolve = (index: number, depth: number): string => {
    const key = refKey(rows[index]!);
    const done = known.get(key);
    if (done !== undefined && depth > 0) return done;
    const owner = owners[index];
    let partition = EVERYONE;
    if (owner && 'region' in owner) partition = owner.region;
    else if (owner) {
      const ownerKey = refKey(owner);
      const ownerIndex = inBatch.get(ownerKey);
      if (ownerIndex !== undefined && depth < 4) partition = resolve(ownerIndex, depth + 1);
      else partition = known.get(ownerKey) ?? EVERYONE;
    }
    known.set(key, partition);
    return partition;
  };
  return rows.map((_, index) => resolve(index, 0));
}
