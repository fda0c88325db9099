import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { DatabaseTarget } from '../config';

/** The server the Postgres tests create their databases on; override with RELAY_TEST_POSTGRES_URL. */
const ADMIN_URL = process.env.RELAY_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface ScratchDatabase {
  target: DatabaseTarget;
  drop(): Promise<void>;
}

async function asAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`the relay's Postgres tests need a server at ${ADMIN_URL} (set RELAY_TEST_POSTGRES_URL): ${(error as Error).message}`);
  }
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A fresh, empty Postgres database for one test file, dropped afterwards. */
export async function scratchPostgres(): Promise<ScratchDatabase & { target: { url: string } }> {
  const name = `relay_test_${randomBytes(6).toString('hex')}`;
  await asAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { target: { url: url.toString() }, drop: () => asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * A freshly initialised, empty PGlite folder. `initdb` takes seconds, so it runs once per PGlite
 * version into a shared template that each test copies; migrations still run on every copy.
 */
async function pgliteTemplate(): Promise<string> {
  const manifest = join(dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite'))), '..', 'package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const template = join(tmpdir(), `recourse-relay-pglite-template-${version}`);
  if (existsSync(template)) return template;
  const building = mkdtempSync(join(tmpdir(), 'recourse-relay-pglite-building-'));
  await (await PGlite.create(building)).close();
  try {
    renameSync(building, template);
  } catch {
    // Another test worker finished its template first; theirs is as good.
    rmSync(building, { recursive: true, force: true });
  }
  return template;
}

/** An empty data folder for an embedded PGlite ledger. */
export async function scratchPglite(): Promise<ScratchDatabase & { target: { dataDir: string } }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'relay-test-'));
  cpSync(await pgliteTemplate(), dataDir, { recursive: true });
  return { target: { dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** Both ledgers the relay supports, for suites that must hold on each. */
export const BACKENDS = [
  { name: 'postgres', scratch: scratchPostgres },
  { name: 'pglite', scratch: scratchPglite },
] as const;
