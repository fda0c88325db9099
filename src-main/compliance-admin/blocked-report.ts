import type Database from 'better-sqlite3';
import { stringify } from 'csv-stringify/sync';
import { BLOCKED_LIST_LIMIT, type BlockedAttemptView, type BlockedContactsReport, type BlockedReportInput } from '../../src-shared/contract';
import type { Channel } from '../../src-shared/domain/vocabulary';
import type { z } from 'zod';

type Range = z.output<typeof BlockedReportInput>;

interface BlockedRow extends Omit<BlockedAttemptView, 'reasons'> {
  blocked_reasons: string | null;
}

/** Every blocked attempt between the two dates (UTC, both inclusive), newest first, narrowed by reason and channel when given. */
function blockedAttempts(sqlite: Database.Database, range: Range): BlockedAttemptView[] {
  const rows = sqlite
    .prepare(`SELECT a.id, a.at, a.channel, l.account_number AS accountNumber, b.first_name || ' ' || b.last_name AS borrowerName, b.jurisdiction, a.blocked_reasons
      FROM contact_attempts a JOIN loans l ON l.id = a.loan_id JOIN borrowers b ON b.id = a.borrower_id
      WHERE a.blocked = 1 AND a.at >= ? AND a.at < ? AND (? IS NULL OR a.channel = ?)
      ORDER BY a.at DESC, a.id DESC`)
    .all(range.from, nextDay(range.to), range.channel, range.channel) as BlockedRow[];
  return rows
    .map(({ blocked_reasons, ...row }) => ({ ...row, reasons: blocked_reasons ? (JSON.parse(blocked_reasons) as string[]) : [] }))
    .filter((row) => range.reason === null || row.reasons.includes(range.reason));
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export function blockedContactsReport(sqlite: Database.Database, range: Range): BlockedContactsReport {
  const attempts = blockedAttempts(sqlite, range);
  const counts = new Map<string, { reason: string; channel: Channel; count: number }>();
  for (const attempt of attempts) {
    // An attempt refused without a recorded reason still counts, under "unrecorded".
    for (const reason of attempt.reasons.length > 0 ? attempt.reasons : ['unrecorded']) {
      const key = `${reason}\u0000${attempt.channel}`;
      const group = counts.get(key) ?? { reason, channel: attempt.channel, count: 0 };
      group.count += 1;
      counts.set(key, group);
    }
  }
  const groups = [...counts.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason) || a.channel.localeCompare(b.channel));
  return { from: range.from, to: range.to, total: attempts.length, groups, attempts: attempts.slice(0, BLOCKED_LIST_LIMIT) };
}

export function blockedContactsCsv(sqlite: Database.Database, range: Range) {
  const attempts = blockedAttempts(sqlite, range);
  const csv = stringify(
    attempts.map((attempt) => [attempt.at, attempt.channel, attempt.accountNumber, attempt.borrowerName, attempt.jurisdiction, attempt.reasons.join(' ')]),
    { header: true, columns: ['at', 'channel', 'account_number', 'borrower', 'jurisdiction', 'reasons'] },
  );
  return { filename: `blocked-contacts-${range.from}-to-${range.to}.csv`, csv, rows: attempts.length };
}
