import { existsSync } from 'node:fs';
import { z } from 'zod';
import { queueQuerySchema, type TapeImportProgress } from '../../src-shared/contract';
import { tapeProgressLog } from '../../src-shared/tape-format';
import { CASE_STATUSES, STAGES } from '../../src-shared/domain/vocabulary';
import { createQueueReader } from '../cases/query-queue';
import { checkContact } from '../compliance/contact-facts';
import { seedDatabase, todayUtc } from '../demo/seed-database';
import { runDaily } from '../engine/daily-run';
import { openStore, type Store } from '../store/open-store';
import { publishToRelay } from '../sync/publish';
import { createRelayClient } from '../sync/relay-client';
import { importTape } from '../tape/import-tape';
import { optionalDate, optionalInt, parseFlags, requireString, type Flags } from './args';
import { CliUsageError } from './cli-error';
import { describeCase } from './describe-case';

export interface CommandResult {
  /** Printed as JSON with --json. */
  json: unknown;
  /** Printed otherwise. */
  text: string;
}

function withStore<T>(flags: Flags, mustExist: boolean, work: (store: Store) => T): T {
  const path = requireString(flags, 'db');
  if (mustExist && !existsSync(path)) throw new CliUsageError(`--db ${path}: no such database`);
  const store = openStore(path);
  try {
    return work(store);
  } finally {
    store.close();
  }
}

function enumFlag<T extends string>(flags: Flags, name: string, allowed: readonly T[]): T | undefined {
  const value = flags[name];
  if (value === undefined) return undefined;
  const parsed = z.enum(allowed as [T, ...T[]]).safeParse(value);
  if (!parsed.success) throw new CliUsageError(`--${name} must be one of ${allowed.join(', ')}, got ${String(value)}`);
  return parsed.data;
}

export const COMMANDS: Record<string, { usage: string; run(argv: string[]): CommandResult | Promise<CommandResult> }> = {
  seed: {
    usage: 'seed --db FILE --loans N [--seed S] [--as-of DATE]',
    run(argv) {
      const flags = parseFlags(argv, { db: 'string', loans: 'string', seed: 'string', 'as-of': 'string', json: 'boolean' });
      const loans = optionalInt(flags, 'loans', 1);
      if (loans === undefined) throw new CliUsageError('--loans is required');
      const options = { loans, seed: optionalInt(flags, 'seed', 0) ?? 1, asOf: optionalDate(flags, 'as-of') ?? todayUtc() };
      const { portfolio, lastRun } = withStore(flags, false, (store) => seedDatabase(store, options));
      return { json: { ...options, ...portfolio, openCases: lastRun.delinquent }, text: `seeded ${portfolio.loans} loans as of ${options.asOf}; ${lastRun.delinquent} delinquent` };
    },
  },
  import: {
    usage: 'import --db FILE --dir DIR',
    run(argv) {
      const flags = parseFlags(argv, { db: 'string', dir: 'string', json: 'boolean' });
      const dir = requireString(flags, 'dir');
      // Progress goes to stderr, leaving stdout to the result.
      const line = tapeProgressLog();
      const onProgress = (progress: TapeImportProgress) => {
        const text = line(progress);
        if (text) process.stderr.write(`${text}\n`);
      };
      const summary = withStore(flags, false, (store) => importTape(store, dir, { onProgress }));
      return { json: summary, text: `imported ${JSON.stringify(summary)}` };
    },
  },
  nightly: {
    usage: 'nightly --db FILE --as-of DATE',
    run(argv) {
      const flags = parseFlags(argv, { db: 'string', 'as-of': 'string', json: 'boolean' });
      const asOf = optionalDate(flags, 'as-of');
      if (!asOf) throw new CliUsageError('--as-of is required');
      const summary = withStore(flags, true, (store) => runDaily(store, asOf));
      return { json: summary, text: Object.entries(summary).map(([key, value]) => `${key}: ${value}`).join('\n') };
    },
  },
  cases: {
    usage: 'cases --db FILE [--status S] [--stage S] [--search Q] [--limit N] [--json]',
    run(argv) {
      const flags = parseFlags(argv, { db: 'string', status: 'string', stage: 'string', search: 'string', limit: 'string', json: 'boolean' });
      const status = enumFlag(flags, 'status', CASE_STATUSES);
      const stage = enumFlag(flags, 'stage', STAGES);
      const query = queueQuerySchema.safeParse({
        ...(status ? { statuses: [status] } : {}),
        ...(stage ? { stages: [stage] } : {}),
        ...(typeof flags.search === 'string' ? { search: flags.search } : {}),
        pageSize: optionalInt(flags, 'limit', 1) ?? 50,
      });
      if (!query.success) throw new CliUsageError(query.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
      const page = withStore(flags, true, (store) => createQueueReader(store.sqlite)(query.data));
      const rows = page.rows.map((row) => ({
        case_id: row.caseId, account_number: row.accountNumber, borrower: row.borrowerName, status: row.status, dpd: row.dpd,
        amount_past_due: row.amountPastDueMinor, balance: row.balanceMinor, currency: row.currency, bucket: row.bucket, stage: row.stage,
        severity: row.severity, priority: row.priority, agent: row.assignedAgentName, queue: row.queueName,
      }));
      return { json: rows, text: rows.map((r) => `${r.account_number}  ${r.borrower.padEnd(24)} dpd ${String(r.dpd).padStart(4)}  ${r.stage ?? '-'}  ${r.priority}`).join('\n') };
    },
  },
  'can-contact': {
    usage: 'can-contact --db FILE --loan ACCOUNT --channel sms|whatsapp|voice|email|letter --at ISO [--automated] [--json]',
    run(argv) {
      const flags = parseFlags(argv, { db: 'string', loan: 'string', channel: 'string', at: 'string', automated: 'boolean', json: 'boolean' });
      const account = requireString(flags, 'loan');
      const channel = enumFlag(flags, 'channel', ['sms', 'whatsapp', 'voice', 'email', 'letter'] as const);
      if (!channel) throw new CliUsageError('--channel is required');
      const at = requireString(flags, 'at');
      if (!/T\d{2}:\d{2}/.test(at) || Number.isNaN(Date.parse(at))) throw new CliUsageError(`--at must be an ISO 8601 date-time with an offset, got ${at}`);
      const decision = withStore(flags, true, (store) => {
        const loanId = store.sqlite.prepare('SELECT id FROM loans WHERE account_number = ?').pluck().get(account) as string | undefined;
        if (!loanId) throw new CliUsageError(`--loan ${account}: no such account`);
        return checkContact(store.sqlite, { loanId, channel, at: new Date(at).toISOString(), manual: flags.automated !== true });
      });
      const json = { allowed: decision.allowed, reasons: decision.reasons, next_allowed_at: decision.nextAllowedAt };
      return { json, text: decision.allowed ? 'allowed' : `refused: ${decision.reasons.join(', ')}${decision.nextAllowedAt ? `; next allowed at ${decision.nextAllowedAt}` : ''}` };
    },
  },
  case: {
    usage: 'case --db FILE --loan ACCOUNT [--as-of DATE] [--json]',
    run(argv) {
      const flags = parseFlags(argv, { db: 'string', loan: 'string', 'as-of': 'string', json: 'boolean' });
      const account = requireString(flags, 'loan');
      const asOf = optionalDate(flags, 'as-of');
      const described = withStore(flags, true, (store) => describeCase(store, account, asOf));
      return { json: described, text: JSON.stringify(described, null, 2) };
    },
  },
  publish: {
    usage: 'publish --db FILE --relay URL --token TOKEN',
    async run(argv) {
      const flags = parseFlags(argv, { db: 'string', relay: 'string', token: 'string', json: 'boolean' });
      const relay = createRelayClient(requireString(flags, 'relay'), requireString(flags, 'token'));
      const path = requireString(flags, 'db');
      if (!existsSync(path)) throw new CliUsageError(`--db ${path}: no such database`);
      const store = openStore(path);
      try {
        const { rows } = await publishToRelay(store, relay);
        return { json: { rows }, text: `published ${rows} rows to the relay` };
      } finally {
        store.close();
      }
    },
  },
};
