import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';

/** Creates the harness's demo portfolio (200 loans, seed 1, as of today) with the CLI, so a spec can shape it before the harness starts. */
export function seedDemoDatabase(dbPath: string): void {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/cli/main.ts', 'seed', '--db', dbPath, '--loans', '200', '--seed', '1'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`seeding the demo database failed: ${run.stderr}`);
}

export interface DemoCase {
  caseId: string;
  accountNumber: string;
  borrowerName: string;
  borrowerId: string;
}

/** Zones one or more hours apart, so one of them is always in the middle of its working day. */
const ZONES = [
  'Pacific/Honolulu', 'America/Anchorage', 'America/Los_Angeles', 'America/Denver', 'America/Chicago', 'America/New_York', 'America/Port_of_Spain',
  'America/Sao_Paulo', 'Atlantic/South_Georgia', 'Atlantic/Azores', 'Europe/London', 'Europe/Paris', 'Europe/Athens', 'Europe/Moscow', 'Asia/Dubai',
  'Asia/Karachi', 'Asia/Dhaka', 'Asia/Bangkok', 'Asia/Singapore', 'Asia/Tokyo', 'Australia/Brisbane', 'Pacific/Noumea', 'Pacific/Auckland', 'Pacific/Kiritimati',
];

function localHour(zone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return part('hour') + part('minute') / 60;
}

/** The zone where it is now closest to 1 p.m.: well inside every jurisdiction's contact hours for the length of a spec. */
export function middayZone(at = new Date()): string {
  return [...ZONES].sort((a, b) => Math.abs(localHour(a, at) - 13) - Math.abs(localHour(b, at) - 13))[0]!;
}

const CASE_COLUMNS = `c.id AS caseId, c.account_number AS accountNumber, c.borrower_name AS borrowerName, b.id AS borrowerId`;

/**
 * Active cases whose borrowers the gate would let an agent call and text, given the hour: no hard
 * block (do-not-contact, dispute, bankruptcy, legal representative, opt-out, consent), a mobile
 * number, Caribbean rules (caps across channels, no Regulation F), nothing waiting to be sent. The
 * spec moves each borrower to a zone at midday and clears their last week of contacts, so the
 * clock, caps and cooling-off cannot refuse whenever the suite runs.
 */
export function makeContactableCases(dbPath: string, count: number): DemoCase[] {
  const db = new Database(dbPath);
  try {
    const cases = db.prepare(`SELECT ${CASE_COLUMNS} FROM cases c JOIN loans l ON l.id = c.loan_id JOIN borrowers b ON b.id = l.borrower_id
      WHERE c.active = 1 AND c.dispute_flag = 0 AND l.sub_status IS NULL AND b.do_not_contact = 0 AND b.jurisdiction IN ('TT', 'JM', 'BB', 'GY')
        AND NOT EXISTS (SELECT 1 FROM legal_representatives r WHERE r.borrower_id = b.id)
        AND NOT EXISTS (SELECT 1 FROM recovery_actions a WHERE a.case_id = c.id AND a.status = 'pending')
        AND (SELECT count(*) FROM loans other WHERE other.borrower_id = b.id) = 1
        AND EXISTS (SELECT 1 FROM phones p WHERE p.borrower_id = b.id AND p.is_active = 1 AND p.is_primary = 1 AND p.type = 'mobile' AND p.sms_consent = 1 AND p.opted_out_at IS NULL)
        AND NOT EXISTS (SELECT 1 FROM phones p WHERE p.borrower_id = b.id AND p.is_primary = 0)
      ORDER BY c.priority_score DESC LIMIT ?`).all(count) as DemoCase[];
    if (cases.length < count) throw new Error(`the demo portfolio has only ${cases.length} contactable cases, ${count} wanted`);
    const zone = middayZone();
    const weekAgo = new Date(Date.now() - 8 * 86_400_000).toISOString();
    for (const c of cases) {
      db.prepare('UPDATE borrowers SET timezone = ? WHERE id = ?').run(zone, c.borrowerId);
      db.prepare('DELETE FROM contact_attempts WHERE borrower_id = ? AND at >= ?').run(c.borrowerId, weekAgo);
    }
    return cases;
  } finally {
    db.close();
  }
}

/** An active case of a borrower who asked not to be contacted, as the demo portfolio has them. */
export function doNotContactCase(dbPath: string): DemoCase {
  const db = new Database(dbPath, { readonly: true });
  try {
    const found = db.prepare(`SELECT ${CASE_COLUMNS} FROM cases c JOIN loans l ON l.id = c.loan_id JOIN borrowers b ON b.id = l.borrower_id
      WHERE c.active = 1 AND b.do_not_contact = 1 ORDER BY c.priority_score DESC LIMIT 1`).get() as DemoCase | undefined;
    if (!found) throw new Error('the demo portfolio has no active do-not-contact case');
    return found;
  } finally {
    db.close();
  }
}

/**
 * Gives a borrower an earlier text conversation: a delivered reminder, their reply, and a message
 * the carrier could not deliver (Twilio 30003), as the thread would hold after a few days' work.
 * Inbound texts and undelivered ones are not contact attempts, so the gate's answer is unchanged.
 */
export function addTextHistory(dbPath: string, c: DemoCase): void {
  const db = new Database(dbPath);
  try {
    const phone = db.prepare('SELECT e164 FROM phones WHERE borrower_id = ? AND is_primary = 1').pluck().get(c.borrowerId) as string;
    const lender = '+15005550006';
    const daysAgo = (days: number, hour: number) => new Date(Date.now() - days * 86_400_000 + hour * 60_000).toISOString();
    const insert = db.prepare(`INSERT INTO messages (id, borrower_id, case_id, channel, direction, from_address, to_address, body, status, error_code, at)
      VALUES (?, ?, ?, 'sms', ?, ?, ?, ?, ?, ?, ?)`);
    insert.run(`e2e-${c.caseId}-1`, c.borrowerId, c.caseId, 'outbound', lender, phone, `Reminder: the payment on account ${c.accountNumber} is past due. Reply or call us to arrange it.`, 'delivered', null, daysAgo(3, 0));
    insert.run(`e2e-${c.caseId}-2`, c.borrowerId, c.caseId, 'inbound', phone, lender, 'I lost some hours at work. Can I pay half next week?', 'received', null, daysAgo(3, 42));
    insert.run(`e2e-${c.caseId}-3`, c.borrowerId, c.caseId, 'outbound', lender, phone, 'Thank you. Half next week works; we will confirm the date by phone.', 'undelivered', '30003', daysAgo(2, 0));
  } finally {
    db.close();
  }
}
