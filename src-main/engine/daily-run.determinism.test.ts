import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededStore, TEST_AS_OF } from '../../tests-support/temp-store';
import { addDays } from '../../src-shared/dates';
import { openStore, type Store } from '../store/open-store';
import { runDaily } from './daily-run';

const DERIVED = ['loans', 'cases', 'early_warning_flags', 'bucket_events', 'promises', 'dashboard_snapshots', 'dunning_events', 'fee_records', 'gl_entries', 'tasks'];

function dump(store: Store): Record<string, unknown[]> {
  return Object.fromEntries(DERIVED.map((table) => [table, store.sqlite.prepare(`SELECT * FROM ${table} ORDER BY 1`).raw().all()]));
}

let temp: ReturnType<typeof seededStore>;
let copies: Store[] = [];
beforeAll(() => {
  temp = seededStore(150);
  temp.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  copies = ['a.db', 'b.db'].map((name) => {
    copyFileSync(join(temp.dir, 'test.db'), join(temp.dir, name));
    return openStore(join(temp.dir, name));
  });
});
afterAll(() => {
  for (const copy of copies) copy.close();
  temp.cleanup();
});

describe('the daily run is a pure function of the ledger and the date', () => {
  it('changes nothing when run twice for the same date', () => {
    const before = dump(temp.store);
    const again = runDaily(temp.store, TEST_AS_OF);
    expect(dump(temp.store)).toEqual(before);
    expect([again.casesOpened, again.casesClosed, again.bucketChanges, again.flagsRaised, again.flagsCleared, again.promisesJudged]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('leaves two copies of one database byte-identical after running on their own', () => {
    for (const copy of copies) for (let day = 1; day <= 5; day += 1) runDaily(copy, addDays(TEST_AS_OF, day));
    const [a, b] = copies.map(dump);
    expect(a).toEqual(b);
    expect((a!.cases as unknown[]).length).toBeGreaterThan(10);
  });

  it('reaches the same state whether days are run one by one or skipped to the last', () => {
    const skipped = openStore(join(temp.dir, 'test.db'));
    runDaily(skipped, addDays(TEST_AS_OF, 5));
    const loans = (store: Store) => store.sqlite.prepare('SELECT id, dpd, amount_past_due_minor, balance_minor, bucket FROM loans ORDER BY id').raw().all();
    expect(loans(skipped)).toEqual(loans(copies[0]!));
    skipped.close();
  });
});
