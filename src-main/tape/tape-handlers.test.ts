import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TapeImportProgress } from '../../src-shared/contract';
import { useSeededDispatcher } from '../../tests-support/dispatcher';
import { tapeHandlers } from './tape-handlers';
import { writeTape, type Tape } from './write-tape';

const dir = mkdtempSync(join(tmpdir(), 'recourse-tape-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const seeded = useSeededDispatcher(20);

/** One borrower with a loan two installments behind whatever today is. */
function tape(dueOn = '2026-01-15'): Tape {
  return {
    borrowers: [{ borrower_id: 'TAPE-B1', first_name: 'Asha', last_name: 'Ramdial', language: 'en', timezone: 'America/Port_of_Spain', jurisdiction: 'TT', do_not_contact: false, vulnerable: false, hardship: false }],
    phones: [{ borrower_id: 'TAPE-B1', phone: '868-620-1234', type: 'mobile', is_primary: true, sms_consent: true }],
    loans: [{ account_number: 'TAPE-1001', borrower_id: 'TAPE-B1', product: 'personal_loan', currency: 'TTD', principal: '1000.00', interest_rate_pct: '0', originated_on: '2025-12-15' }],
    installments: [
      { account_number: 'TAPE-1001', seq: 1, due_on: dueOn, principal_due: '500.00', interest_due: '0', fees_due: '0' },
      { account_number: 'TAPE-1001', seq: 2, due_on: '2026-02-15', principal_due: '500.00', interest_due: '0', fees_due: '0' },
    ],
    payments: [],
  };
}

const caseOf = (account: string) => seeded.store.sqlite.prepare('SELECT dpd, amount_past_due_minor AS pastDue FROM cases WHERE account_number = ?').get(account);

describe('tape.import', () => {
  it('refuses an agent', async () => {
    writeTape(join(dir, 'good'), tape());
    const result = await seeded.t.dispatch(seeded.t.sessionAs('agent'), 'tape.import', { dir: join(dir, 'good') });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('names the bad line of a refused tape and writes nothing', async () => {
    writeTape(join(dir, 'bad'), tape('2026-01-32'));
    const result = await seeded.t.dispatch(seeded.t.sessionAs('admin'), 'tape.import', { dir: join(dir, 'bad') });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'validation', field: 'dir' });
    expect(result.error.message.split('\n')).toEqual(['installments.csv:2: due_on "2026-01-32" is not a real date (YYYY-MM-DD)', 'Nothing was imported.']);
    expect(seeded.store.sqlite.prepare("SELECT count(*) FROM loans WHERE account_number = 'TAPE-1001'").pluck().get()).toBe(0);
  });

  it('says so when the folder does not exist', async () => {
    const result = await seeded.t.dispatch(seeded.t.sessionAs('admin'), 'tape.import', { dir: join(dir, 'nowhere') });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', message: `There is no folder at ${join(dir, 'nowhere')}.` } });
  });

  it('imports for an admin with progress, then runs the daily run so the loan has its case', async () => {
    seeded.t.events.length = 0;
    const value = (await seeded.t.ok(seeded.t.sessionAs('admin'), 'tape.import', { dir: join(dir, 'good') })) as { summary: { loans: number; installments: number }; dailyRun: { loans: number } };
    expect(value.summary).toMatchObject({ borrowers: 1, phones: 1, loans: 1, installments: 2, payments: 0 });
    expect(value.dailyRun.loans).toBeGreaterThan(0);
    const progress = seeded.t.events.filter((e) => e.event === 'tape.progress').map((e) => e.payload as TapeImportProgress);
    expect(progress[0]).toEqual({ step: 'reading', file: 'borrowers.csv', done: 0, total: 7, unit: 'files' });
    expect(progress.at(-1)).toMatchObject({ step: 'writing', done: 5, total: 5 });
    expect(seeded.t.events.filter((e) => e.event === 'engine.progress').at(-1)?.payload).toMatchObject({ job: 'delinquency', finished: true });
    expect(caseOf('TAPE-1001')).toMatchObject({ pastDue: 100_000 });
  });

  it('is refused on a desktop connected to a relay, whose ledger takes tapes through the relay', () => {
    const overRelay = tapeHandlers(seeded.store, () => 'online');
    const admin = seeded.t.sessionAs('admin');
    expect(() => overRelay['tape.import']({ dir: join(dir, 'good'), runDaily: true }, { session: admin, actor: { id: admin.user!.id, role: 'admin' }, broadcast: () => {} })).toThrow(/syncs with a relay/);
  });
});

describe('tape.chooseFolder', () => {
  it('answers the picked folder where the app has a picker, and says to type the path where it has none', async () => {
    const admin = seeded.t.sessionAs('admin');
    const context = { session: admin, actor: { id: admin.user!.id, role: 'admin' as const }, broadcast: () => {} };
    const titles: string[] = [];
    const withPicker = tapeHandlers(seeded.store, () => 'local', (title) => (titles.push(title), Promise.resolve('/srv/tapes/2026-11')));
    expect(await withPicker['tape.chooseFolder']({}, context)).toEqual({ dir: '/srv/tapes/2026-11' });
    expect(titles).toEqual(['Choose the loan tape folder']);
    expect(await seeded.t.dispatch(admin, 'tape.chooseFolder', {})).toMatchObject({ ok: false, error: { code: 'conflict', message: 'This window has no folder picker: type the folder’s path instead.' } });
  });
});
