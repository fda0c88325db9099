import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { TapeImportProgress } from '../../src-shared/contract';
import { RowChange } from '../../src-shared/sync/protocol';
import type { FeedReplica } from './feed-replica';

/** The counts the desktop's importer reports (src-main/tape/import-tape.ts `ImportSummary`). */
export const TapeSummary = z.object({
  borrowers: z.number().int(),
  phones: z.number().int(),
  loans: z.number().int(),
  installments: z.number().int(),
  payments: z.number().int(),
  promises: z.number().int(),
  contacts: z.number().int(),
  emails: z.number().int(),
  productsCreated: z.number().int(),
});
export type TapeSummary = z.infer<typeof TapeSummary>;

const FeedHostProgress = z.object({ progress: TapeImportProgress });

function parseJsonLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}

const FeedHostOutcome = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), summary: TapeSummary }),
  z.object({ ok: z.literal(false), errors: z.array(z.string()).min(1) }),
]);

export type FeedHostResult = { ok: true; summary: TapeSummary; changes: RowChange[] } | { ok: false; errors: string[] };

/** The feed host's answer: its outcome on the first line, then a row change a line. */
async function readResult(path: string): Promise<FeedHostResult> {
  let outcome: z.infer<typeof FeedHostOutcome> | null = null;
  const changes: RowChange[] = [];
  for await (const line of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
    if (line === '') continue;
    if (outcome === null) outcome = FeedHostOutcome.parse(JSON.parse(line));
    else changes.push(RowChange.parse(JSON.parse(line)));
  }
  if (outcome === null) throw new Error('the feed host wrote no result');
  return outcome.ok ? { ...outcome, changes } : outcome;
}

const FEED_HOST = resolve(dirname(fileURLToPath(import.meta.url)), '../../src-main/feed-host/main.ts');

/**
 * Runs the desktop's tape import on the replica in a child process (the relay may not load desktop
 * code, DESIGN §1): it pulls the ledger from `relayUrl` with the replica's token first, so the
 * tape's references to earlier imports are checked against the ledger as it stands.
 */
export async function runFeedHost(replica: FeedReplica, relayUrl: string, tapeDir: string, onProgress?: (progress: TapeImportProgress) => void): Promise<FeedHostResult> {
  const work = mkdtempSync(join(tmpdir(), 'recourse-feed-'));
  const out = join(work, 'result.ndjson');
  try {
    const args = ['--import', 'tsx', FEED_HOST, '--db', replica.dbPath, '--relay', relayUrl, '--dir', tapeDir, '--out', out];
    const stderr: Buffer[] = [];
    // The token travels in the environment, which other users cannot read, rather than in the arguments, which they can.
    const env = { ...process.env, FEED_DEVICE_TOKEN: replica.token, RECOURSE_LOG_LEVEL: process.env.RECOURSE_LOG_LEVEL ?? 'warn' };
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => {
      const report = FeedHostProgress.safeParse(parseJsonLine(line));
      if (report.success) onProgress?.(report.data.progress);
    });
    const code = await new Promise<number | null>((done, fail) => {
      child.once('error', fail);
      child.once('close', done);
    });
    if (code !== 0) throw new Error(`the feed host exited with ${code}: ${Buffer.concat(stderr).toString('utf8').trim().slice(-2000)}`);
    return await readResult(out);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
