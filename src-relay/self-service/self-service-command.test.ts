import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRelayDatabase } from '../db/open-database';
import { startRelay } from '../start-relay';
import { borrowerRows, seedRows } from '../test-support/ledger-fixtures';
import { scratchPglite, scratchPostgres, type ScratchDatabase } from '../test-support/scratch-databases';
import { verifyLink } from './link-token';
import { runSelfServiceCommand } from './self-service-command';

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('npm run relay -- self-service link', () => {
  let database: ScratchDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  async function ledgerWithOneLoan(scratch: () => Promise<ScratchDatabase>) {
    database = await scratch();
    const rows = borrowerRows({ language: 'es' });
    const opened = await openRelayDatabase(database.target);
    await seedRows(opened.db, [rows.borrower, rows.loan]);
    await opened.close();
    return { target: database.target, rows, account: String(rows.loan.data.account_number) };
  }

  it('on the embedded database it generates a key in the data folder once and signs a link to the loan in the borrower’s language', async () => {
    const { target, rows, account } = await ledgerWithOneLoan(scratchPglite);
    const lines: string[] = [];
    const config = { port: 8787, publicUrl: 'https://pay.example.com', twilioAuthToken: null, database: target };
    await runSelfServiceCommand(['link', '--account', account, '--days', '3'], config, (line) => lines.push(line));
    await runSelfServiceCommand(['link', '--account', account], config, (line) => lines.push(line));
    const file = join((target as { dataDir: string }).dataDir, 'self-service.secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secret = readFileSync(file, 'utf8');
    const claimsOf = (url: string) => {
      expect(url.startsWith('https://pay.example.com/self-service?t=')).toBe(true);
      const check = verifyLink(secret, new URL(url).searchParams.get('t')!, nowSeconds());
      if (!check.ok) throw new Error(`the printed link is ${check.reason}`);
      return check.claims;
    };
    const three = claimsOf(lines[1]!);
    expect(three).toMatchObject({ loanId: rows.ids.loan, language: 'es' });
    expect(three.expiresAt - nowSeconds()).toBeGreaterThan(3 * 86_400 - 60);
    expect(three.expiresAt - nowSeconds()).toBeLessThanOrEqual(3 * 86_400);
    expect(claimsOf(lines[3]!).expiresAt - nowSeconds()).toBeGreaterThan(14 * 86_400 - 60);
  });

  it('refuses an unknown account, a bad language and, on Postgres, signing without a shared key', async () => {
    const { target, account } = await ledgerWithOneLoan(scratchPostgres);
    const config = { port: 8787, publicUrl: null, twilioAuthToken: null, database: target };
    await expect(runSelfServiceCommand(['link', '--account', account], config, () => {})).rejects.toThrow(/RELAY_SELF_SERVICE_SECRET/);
    const keyed = { ...config, selfServiceSecret: 'shared-secret-of-at-least-32-characters' };
    await expect(runSelfServiceCommand(['link', '--account', 'NOPE-1'], keyed, () => {})).rejects.toThrow(/no loan with account number NOPE-1/);
    await expect(runSelfServiceCommand(['link', '--account', account, '--lang', 'fr'], keyed, () => {})).rejects.toThrow(/--lang/);
    const lines: string[] = [];
    await runSelfServiceCommand(['link', '--account', account, '--lang', 'en'], keyed, (line) => lines.push(line));
    expect(verifyLink(keyed.selfServiceSecret, new URL(lines[1]!).searchParams.get('t')!, nowSeconds())).toMatchObject({ ok: true, claims: { language: 'en' } });
  });

  it('a relay on Postgres without a shared key serves no self-service page', async () => {
    database = await scratchPostgres();
    const relay = await startRelay({ database: database.target, port: 0 });
    try {
      const answer = await fetch(`${relay.url}/self-service?t=anything.at-all`);
      expect(answer.status).toBe(503);
      expect(await answer.text()).toContain('This page is not available right now');
    } finally {
      await relay.close();
    }
  });
});
