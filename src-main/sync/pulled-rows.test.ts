import { afterEach, describe, expect, it } from 'vitest';
import type { LedgerRowImage, PullResponse } from '../../src-shared/sync/protocol';
import { caseFamily, replicaRow } from '../../tests-support/replica-rows';
import { tempStore } from '../../tests-support/temp-store';
import type { RelayClient } from './relay-client';
import { createSyncSession } from './sync-session';

type Data = Record<string, unknown>;

/** A ledger in memory behind the pull API, `pageSize` rows a page; a pull from `failAt` fails once, as a relay going away mid-pull. */
function fakeLedger(pageSize = 1_000) {
  const rows: LedgerRowImage[] = [];
  let version = 0;
  let failAt: number | null = null;
  return {
    write(tbl: string, id: string, data: Data): void {
      const at = rows.findIndex((row) => row.tbl === tbl && row.id === id);
      if (at !== -1) rows.splice(at, 1);
      rows.push({ tbl, id, version: (version += 1), deleted: false, data });
    },
    failPullFrom(cursor: number): void {
      failAt = cursor;
    },
    relay: {
      async pull(cursor: number): Promise<PullResponse> {
        if (cursor === failAt) {
          failAt = null;
          throw new Error('the relay went away');
        }
        const after = rows.filter((row) => row.version > cursor).sort((a, b) => a.version - b.version);
        const page = after.slice(0, pageSize);
        const hasMore = after.length > pageSize;
        return { rows: page, cursor: hasMore ? page[page.length - 1]!.version : version, hasMore, head: version };
      },
    } as unknown as RelayClient,
  };
}

const activity = (family: ReturnType<typeof caseFamily>, id: string, data: Data = {}): Data =>
  replicaRow('activities', { id, case_id: family.ids.kase, loan_id: family.ids.loan, type: 'NOTE', at: '2026-11-20T10:00:00.000Z', ...data });

describe('a replica takes the rows it can and sets the others aside', () => {
  const temps: ReturnType<typeof tempStore>[] = [];
  const replica = () => {
    const temp = tempStore();
    temps.push(temp);
    return temp.store;
  };
  afterEach(() => {
    for (const temp of temps.splice(0)) temp.cleanup();
  });
  const has = (store: ReturnType<typeof replica>, tbl: string, id: string, key = 'id') => store.sqlite.prepare(`SELECT 1 FROM "${tbl}" WHERE "${key}" = ?`).get(id) !== undefined;
  const aside = (store: ReturnType<typeof replica>) => store.sqlite.prepare('SELECT tbl, key, version, reason FROM sync_set_aside ORDER BY tbl, key').all() as { tbl: string; key: string; version: number; reason: string }[];
  const load = (ledger: ReturnType<typeof fakeLedger>, family: ReturnType<typeof caseFamily>) => {
    for (const row of family.rows) ledger.write(row.tbl, row.id, row.data);
  };

  it('sets aside a row that does not fit the schema, and one SQLite refuses, and writes the rest of the page', async () => {
    const store = replica();
    const ledger = fakeLedger();
    const family = caseFamily('one');
    load(ledger, family);
    const { loan_id: _loan, ...noLoan } = activity(family, 'a-bad');
    ledger.write('activities', 'a-bad', noLoan);
    ledger.write('activities', 'a-good', activity(family, 'a-good'));
    // Another borrower with the same external id: the replica's unique index refuses it.
    ledger.write('borrowers', 'b-twin', { ...family.borrower, id: 'b-twin' });
    const session = createSyncSession(store, ledger.relay);

    expect(await session.pull()).toEqual({ rows: 7 });
    expect(session.setAsideCount()).toBe(2);
    expect(aside(store)).toEqual([
      { tbl: 'activities', key: 'a-bad', version: 5, reason: 'activities a-bad: column loan_id is required (NOT NULL) but absent' },
      { tbl: 'borrowers', key: 'b-twin', version: 7, reason: "borrowers b-twin: this desktop's schema refused it (UNIQUE constraint failed: borrowers.external_id)" },
    ]);
    expect([has(store, 'activities', 'a-good'), has(store, 'activities', 'a-bad'), has(store, 'borrowers', 'b-twin')]).toEqual([true, false, false]);
    expect(session.cursor()).toBe(7);
  });

  it('moves out a row naming a missing parent with the rows naming it, and takes them all once the parent arrives', async () => {
    const store = replica();
    const ledger = fakeLedger(2);
    const family = caseFamily('two');
    // The borrower is not in the ledger yet: its loan, the loan's case and the case's activity name nothing.
    for (const row of family.rows.filter((row) => row.tbl !== 'borrowers')) ledger.write(row.tbl, row.id, row.data);
    ledger.write('activities', 'a-1', activity(family, 'a-1'));
    const session = createSyncSession(store, ledger.relay);

    await session.pull();
    expect(aside(store).map((row) => [row.tbl, row.key])).toEqual([['activities', 'a-1'], ['cases', family.ids.kase], ['loans', family.ids.loan]]);
    expect(aside(store).find((row) => row.tbl === 'loans')?.reason).toBe(`loans ${family.ids.loan}: column borrower_id names borrowers ${family.ids.borrower}, which this desktop does not hold (set aside, or not in the ledger)`);
    expect(store.sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(has(store, 'products', family.ids.product, 'code')).toBe(true);

    // A later sync: a new orphan is caught among the rows it wrote, and the parent's arrival lets the rest in.
    ledger.write('activities', 'a-2', activity(family, 'a-2', { case_id: 'c-nowhere' }));
    ledger.write('borrowers', family.ids.borrower, family.borrower);
    await session.pull();
    expect(aside(store).map((row) => row.key)).toEqual(['a-2']);
    expect([has(store, 'loans', family.ids.loan), has(store, 'cases', family.ids.kase), has(store, 'activities', 'a-1')]).toEqual([true, true, true]);
    expect(store.sqlite.prepare('SELECT version FROM sync_versions WHERE tbl = ? AND key = ?').pluck().get('loans', family.ids.loan)).toBe(2);
    expect(store.sqlite.pragma('foreign_key_check')).toEqual([]);

    // A corrected version replaces the entry and applies.
    ledger.write('activities', 'a-2', activity(family, 'a-2'));
    await session.pull();
    expect(session.setAsideCount()).toBe(0);
    expect(has(store, 'activities', 'a-2')).toBe(true);
  });

  it('checks every row after a pull cut short, even once the desktop has restarted', async () => {
    const store = replica();
    const ledger = fakeLedger(1);
    const family = caseFamily('three');
    load(ledger, family);
    await createSyncSession(store, ledger.relay).pull();

    ledger.write('activities', 'a-orphan', activity(family, 'a-orphan', { case_id: 'c-nowhere' }));
    ledger.write('activities', 'a-fine', activity(family, 'a-fine'));
    // The first page (the orphan) is written, then the relay goes away.
    ledger.failPullFrom(5);
    await expect(createSyncSession(store, ledger.relay).pull()).rejects.toThrow('the relay went away');
    expect(has(store, 'activities', 'a-orphan')).toBe(true);

    const restarted = createSyncSession(store, ledger.relay);
    await restarted.pull();
    expect(aside(store).map((row) => row.key)).toEqual(['a-orphan']);
    expect([has(store, 'activities', 'a-orphan'), has(store, 'activities', 'a-fine')]).toEqual([false, true]);
    expect(restarted.setAsideRows()).toEqual([expect.objectContaining({ tbl: 'activities', key: 'a-orphan', version: 5, reason: expect.stringContaining('cases c-nowhere') })]);
  });
});
