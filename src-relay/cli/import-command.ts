import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../src-shared/errors';
import { tapeProgressLog } from '../../src-shared/tape-format';
import type { RelayConfig } from '../config';
import { FeedRejected } from '../feed/feed-rejected';
import { importTapeFeed, type ImportedTape } from '../feed/import-tape-feed';
import { startRelay } from '../start-relay';

export const IMPORT_USAGE = 'import --dir DIR [--json]';

function describeImport(imported: ImportedTape): string {
  const counts = Object.entries(imported.summary).map(([name, count]) => `${name} ${count}`).join(', ');
  return `Imported the loan tape: ${counts}; ${imported.rowsWritten} ledger rows changed (ledger version ${imported.version})`;
}

/**
 * `import --dir DIR`: the core-banking loan tape (DESIGN §4) into the ledger, all or nothing. It
 * serves the ledger on a private port for as long as it runs, since the feed host that checks the
 * tape pulls the replica from a relay (with PGlite, the relay itself must be stopped first).
 */
export async function runImportCommand(args: string[], config: RelayConfig, print: (line: string) => void, printError: (line: string) => void): Promise<void> {
  const { values } = parseArgs({ args, options: { dir: { type: 'string' }, json: { type: 'boolean' } } });
  if (!values.dir) throw new AppError('validation', `usage: npm run relay -- ${IMPORT_USAGE}`, 'dir');
  const dir = resolve(values.dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new AppError('validation', `--dir ${dir} is not a folder`, 'dir');

  const relay = await startRelay({ database: config.database, port: 0 });
  try {
    const line = tapeProgressLog();
    const imported = await importTapeFeed({ db: relay.database.db, target: config.database, relayUrl: relay.url }, dir, (progress) => {
      const text = line(progress);
      if (text) printError(text);
    });
    print(values.json ? JSON.stringify({ ok: true, ...imported }) : describeImport(imported));
  } catch (error) {
    if (error instanceof FeedRejected) for (const line of error.errors) printError(line);
    throw error;
  } finally {
    await relay.close();
  }
}
