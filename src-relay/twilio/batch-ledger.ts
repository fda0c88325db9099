import type { RelayTx } from '../db/relay-database';
import { findRowsByAny, latestSentActionOf, type IndexedFields, type IndexedTable } from '../ledger/ledger-lookups';
import type { LedgerRowInput } from '../ledger/ledger-row';
import { refKey } from '../ledger/stored-rows';

/** Values per lookup statement: far inside Postgres' 65,535 bind parameters. */
const VALUES_PER_LOOKUP = 1000;

/** A ledger row as the Twilio rules read and change it. */
export type TwilioRow = Required<Pick<LedgerRowInput, 'tbl' | 'id' | 'partition' | 'data'>>;

/**
 * The ledger as a batch of Twilio events sees it: rows are fetched by field value, many values per
 * statement, and each event's changes are staged on top, so the next event of the batch reads
 * them (a `delivered` then a `failed` for one SID: the first final status stands). The staged
 * rows are written at the end in one statement.
 */
export class BatchLedger {
  private readonly fetched = new Map<string, TwilioRow[]>();
  private readonly changes = new Map<string, TwilioRow>();

  constructor(private readonly tx: RelayTx) {}

  private static lookupKey(tbl: string, name: string, value: string): string {
    return `${tbl}\u001f${name}\u001f${value}`;
  }

  /** Reads the rows of every value not read yet, in as few statements as the values allow. */
  async prefetch<T extends IndexedTable>(tbl: T, name: IndexedFields[T], values: Iterable<string>): Promise<void> {
    const missing = [...new Set(values)].filter((value) => !this.fetched.has(BatchLedger.lookupKey(tbl, name, value)));
    for (let start = 0; start < missing.length; start += VALUES_PER_LOOKUP) {
      const chunk = missing.slice(start, start + VALUES_PER_LOOKUP);
      for (const value of chunk) this.fetched.set(BatchLedger.lookupKey(tbl, name, value), []);
      for (const row of await findRowsByAny(this.tx, tbl, name, chunk)) {
        const value = row.data[name];
        if (typeof value === 'string') this.fetched.get(BatchLedger.lookupKey(tbl, name, value))?.push({ tbl: row.tbl, id: row.id, partition: row.partition, data: row.data });
      }
    }
  }

  /** Live rows of `tbl` whose `field` is `value`, with this batch's changes. */
  async rowsBy<T extends IndexedTable>(tbl: T, name: IndexedFields[T], value: string): Promise<TwilioRow[]> {
    await this.prefetch(tbl, name, [value]);
    const stored = this.fetched.get(BatchLedger.lookupKey(tbl, name, value))!.map((row) => this.current(row));
    const storedKeys = new Set(stored.map(refKey));
    const created = [...this.changes.values()].filter((row) => row.tbl === tbl && row.data[name] === value && !storedKeys.has(refKey(row)));
    return [...stored, ...created];
  }

  /** The borrower's latest sent recovery action (the one a reply answers), with this batch's changes. */
  async latestSentActionOf(borrowerId: string): Promise<TwilioRow | null> {
    const row = await latestSentActionOf(this.tx, borrowerId);
    return row ? this.current({ tbl: row.tbl, id: row.id, partition: row.partition, data: row.data }) : null;
  }

  stage(changes: readonly TwilioRow[]): void {
    for (const change of changes) this.changes.set(refKey(change), change);
  }

  /** Every row this batch changed, in its last state. */
  staged(): TwilioRow[] {
    return [...this.changes.values()];
  }

  private current(row: TwilioRow): TwilioRow {
    return this.changes.get(refKey(row)) ?? row;
  }
}
