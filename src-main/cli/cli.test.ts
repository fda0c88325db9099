import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/open-store';
import { writeTape, type Tape } from '../tape/write-tape';

const dir = mkdtempSync(join(tmpdir(), 'recourse-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/cli/main.ts', ...args], { encoding: 'utf8', env: { ...process.env, RECOURSE_LOG_LEVEL: 'warn' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tape(badDueOn?: string): Tape {
  const installments = [1, 2, 3, 4, 5, 6].map((seq) => ({
    account_number: 'TT-1001',
    seq,
    due_on: seq === 4 && badDueOn ? badDueOn : `2026-0${seq}-15`,
    principal_due: '500.00',
    interest_due: '25.50',
    fees_due: '0',
  }));
  return {
    borrowers: [{ borrower_id: 'B1', first_name: 'Asha', last_name: 'Ramdial', date_of_birth: '1988-04-02', language: 'en', timezone: 'America/Port_of_Spain', jurisdiction: 'TT', do_not_contact: false, vulnerable: false, hardship: false, email: 'asha@example.com' }],
    phones: [{ borrower_id: 'B1', phone: '868-620-1234', type: 'mobile', is_primary: true, sms_consent: true }],
    loans: [{ account_number: 'TT-1001', borrower_id: 'B1', product: 'personal_loan', currency: 'TTD', principal: '3000.00', interest_rate_pct: '12.5', originated_on: '2025-12-15', risk_grade: 'B' }],
    installments,
    payments: [{ account_number: 'TT-1001', paid_on: '2026-01-15', amount: '525.50', reference: 'P1' }],
    promises: [{ account_number: 'TT-1001', created_on: '2026-03-18', due_on: '2026-03-31', amount: '1051.00' }],
  };
}

describe('the headless CLI', () => {
  it('seeds 300 loans and lists five cases as JSON', () => {
    const db = join(dir, 'seeded.db');
    const seeded = cli('seed', '--db', db, '--loans', '300', '--seed', '7', '--as-of', '2026-11-20');
    expect(seeded.code, seeded.stderr).toBe(0);
    const listed = cli('cases', '--db', db, '--limit', '5', '--json');
    expect(listed.code, listed.stderr).toBe(0);
    const cases = JSON.parse(listed.stdout) as { account_number: string; dpd: number; balance: number }[];
    expect(cases).toHaveLength(5);
    for (const c of cases) expect(c.dpd).toBeGreaterThan(0);

    const one = cli('case', '--db', db, '--loan', cases[0]!.account_number, '--json');
    expect(one.code, one.stderr).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ account_number: cases[0]!.account_number, dpd: cases[0]!.dpd, balance: cases[0]!.balance });
  });

  it('imports a good tape, then computes the case for a date with nightly and case --as-of', () => {
    const db = join(dir, 'imported.db');
    writeTape(join(dir, 'good'), tape());
    const imported = cli('import', '--db', db, '--dir', join(dir, 'good'));
    expect(imported.code, imported.stderr).toBe(0);
    // Progress goes to stderr, a line per step and file, ending with every row written.
    expect(imported.stderr).toContain('Reading borrowers.csv (file 1 of 7)');
    expect(imported.stderr).toContain('Checking contacts.csv (file 7 of 7)');
    expect(imported.stderr.trim().split('\n').at(-1)).toMatch(/^Writing promises\.csv: ([\d,]+) of \1 rows \(100%\)$/);
    const asOf = cli('case', '--db', db, '--loan', 'TT-1001', '--as-of', '2026-03-20', '--json');
    expect(JSON.parse(asOf.stdout)).toMatchObject({ dpd: 33, amount_past_due: 105_100, bucket: 'dpd_30_59', stage: 'mid_31_60', severity: 'high' });
    expect(cli('nightly', '--db', db, '--as-of', '2026-03-20', '--json').code).toBe(0);
    const listed = JSON.parse(cli('cases', '--db', db, '--json').stdout) as { account_number: string; dpd: number }[];
    expect(listed).toEqual([expect.objectContaining({ account_number: 'TT-1001', dpd: 33 })]);
    const promises = JSON.parse(cli('case', '--db', db, '--loan', 'TT-1001', '--json').stdout).promises;
    expect(promises).toEqual([{ due_on: '2026-03-31', amount: 105_100, status: 'pending' }]);
    const store = openStore(db);
    expect(store.sqlite.prepare('SELECT count(*) FROM promises WHERE case_id IS NOT NULL').pluck().get()).toBe(1);
    store.close();
  });

  it('rejects a tape with a bad date on installments.csv line 5 and leaves no loan behind', () => {
    const db = join(dir, 'rejected.db');
    writeTape(join(dir, 'bad'), tape('2026-02-30'));
    const result = cli('import', '--db', db, '--dir', join(dir, 'bad'));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/^installments\.csv:5: /m);
    const store = openStore(db);
    expect(store.sqlite.prepare('SELECT count(*) FROM loans').pluck().get()).toBe(0);
    expect(store.sqlite.prepare('SELECT count(*) FROM borrowers').pluck().get()).toBe(0);
    store.close();
  });

  it('answers can-contact with the reasons of the gate and the next allowed moment', () => {
    const db = join(dir, 'imported.db');
    const early = JSON.parse(cli('can-contact', '--db', db, '--loan', 'TT-1001', '--channel', 'sms', '--at', '2026-03-20T11:30:00Z', '--json').stdout);
    // 07:30 in Port of Spain (UTC−4): before the 08:00 start of TT's contact hours.
    expect(early).toEqual({ allowed: false, reasons: ['outside_hours'], next_allowed_at: '2026-03-20T12:00:00.000Z' });
    const open = JSON.parse(cli('can-contact', '--db', db, '--loan', 'TT-1001', '--channel', 'voice', '--at', '2026-03-20T12:00:00Z', '--json').stdout);
    expect(open).toEqual({ allowed: true, reasons: [], next_allowed_at: '2026-03-20T12:00:00.000Z' });
    const store = openStore(db);
    store.sqlite.prepare('UPDATE borrowers SET do_not_contact = 1').run();
    store.close();
    const dnc = JSON.parse(cli('can-contact', '--db', db, '--loan', 'TT-1001', '--channel', 'sms', '--at', '2026-03-20T15:00:00Z', '--json').stdout);
    expect(dnc).toEqual({ allowed: false, reasons: ['do_not_contact'], next_allowed_at: null });
  });

  it('names a bad flag and exits non-zero', () => {
    const result = cli('nightly', '--db', join(dir, 'seeded.db'), '--as-of', '2026-13-01');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--as-of must be a date written YYYY-MM-DD');
  });
});
