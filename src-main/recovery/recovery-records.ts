import type Database from 'better-sqlite3';
import type { RecoveryActionView, ThreadMessage } from '../../src-shared/contract/recovery';
import type { DefaultType, Severity } from '../../src-shared/domain/vocabulary';
import { AppError } from '../../src-shared/errors';
import type { TemplateVariables } from '../templates';
import { mapTwilioError } from '../twilio/twilio-errors';

/** A `recovery_actions` row as stored. */
export interface ActionRow {
  id: string;
  case_id: string;
  type: RecoveryActionView['type'];
  channel: RecoveryActionView['channel'];
  recipient_phone: string | null;
  recipient_email: string | null;
  /** The dunning step's template; null: chosen by default type and severity. */
  template_name: string | null;
  content: string | null;
  twilio_message_sid: string | null;
  twilio_call_sid: string | null;
  email_message_id: string | null;
  letter_id: string | null;
  dunning_event_id: string | null;
  status: RecoveryActionView['status'];
  scheduled_at: string | null;
  sent_at: string | null;
  delivered_at: string | null;
  error_code: string | null;
  error_message: string | null;
  triggered_by: RecoveryActionView['triggeredBy'];
  created_at: string;
}

/** Who a case's (or, before any case, a loan's) messages go to, and what its templates say about it. */
export interface ContactParty {
  /** The active case, or null for a loan not in collections (a pre-delinquency reminder). */
  caseId: string | null;
  loanId: string;
  borrowerId: string;
  language: string;
  timezone: string | null;
  defaultType: DefaultType | null;
  severity: Severity | null;
  /** The number the compliance gate judged (same choice as `checkContact`), or null. */
  phone: string | null;
  email: string | null;
  variables: TemplateVariables;
}

export function toView(row: ActionRow): RecoveryActionView {
  return {
    id: row.id, caseId: row.case_id, type: row.type, channel: row.channel, status: row.status, recipient: row.recipient_phone ?? row.recipient_email,
    content: row.content, scheduledAt: row.scheduled_at, sentAt: row.sent_at, deliveredAt: row.delivered_at, errorCode: row.error_code,
    errorMessage: row.error_message, triggeredBy: row.triggered_by, createdAt: row.created_at, letterId: row.letter_id,
  };
}

export function requireAction(sqlite: Database.Database, actionId: string): ActionRow {
  const row = sqlite.prepare('SELECT * FROM recovery_actions WHERE id = ?').get(actionId) as ActionRow | undefined;
  if (!row) throw new AppError('not_found', `no recovery action ${actionId}`, 'actionId');
  return row;
}

export function actionsOfCase(sqlite: Database.Database, caseId: string): RecoveryActionView[] {
  return (sqlite.prepare('SELECT * FROM recovery_actions WHERE case_id = ? ORDER BY created_at, id').all(caseId) as ActionRow[]).map(toView);
}

/** The SMS/WhatsApp thread of the case's borrower (all their cases: a reply answers the person); rowid keeps arrival order within one instant. */
export function threadOfCase(sqlite: Database.Database, caseId: string): ThreadMessage[] {
  const rows = sqlite
    .prepare(`SELECT m.id, m.channel, m.direction, m.body, m.status, m.error_code AS errorCode, m.at FROM messages m
      WHERE m.borrower_id = (SELECT l.borrower_id FROM cases c JOIN loans l ON l.id = c.loan_id WHERE c.id = ?) ORDER BY m.at, m.rowid`)
    .all(caseId) as Omit<ThreadMessage, 'errorMessage'>[];
  return rows.map((row) => ({ ...row, errorMessage: row.errorCode === null ? null : mapTwilioError(Number(row.errorCode)).message }));
}

/** Lender facts the templates print; kept in `app_meta` so an install sets its own. */
const LENDER_DEFAULTS = { lender_name: 'Recourse Lending', lender_phone: '+1 868 555 0100', portal_link: 'https://pay.example.com' } as const;

const PARTY_COLUMNS = `l.id AS loan_id, l.account_number, l.currency AS loan_currency, c.id AS case_id, c.default_type, c.severity, c.dpd, c.amount_past_due_minor, c.balance_minor,
  b.id AS borrower_id, b.first_name || ' ' || b.last_name AS borrower_name, b.language, b.timezone, u.name AS agent_name,
  (SELECT e164 FROM phones WHERE borrower_id = b.id ORDER BY is_active DESC, is_primary DESC, id LIMIT 1) AS phone,
  (SELECT email FROM emails WHERE borrower_id = b.id ORDER BY is_active DESC, is_primary DESC, id LIMIT 1) AS email`;

/** The mailing (else primary) address as the lines of an envelope, for letters. */
function postalLines(sqlite: Database.Database, borrowerId: string): string | null {
  const row = sqlite
    .prepare(`SELECT line1, line2, city, state, postal_code, country FROM addresses WHERE borrower_id = ? ORDER BY label = 'mailing' DESC, is_primary DESC, id LIMIT 1`)
    .get(borrowerId) as { line1: string; line2: string | null; city: string; state: string | null; postal_code: string | null; country: string } | undefined;
  if (!row) return null;
  const cityLine = [row.city, row.state, row.postal_code].filter((part) => part !== null && part !== '').join(' ');
  return [row.line1, row.line2, cityLine, row.country].filter((line) => line !== null && line !== '').join('\n');
}

function lenderFacts(sqlite: Database.Database): Record<string, string> {
  return Object.fromEntries(
    Object.entries(LENDER_DEFAULTS).map(([key, fallback]) => [key, (sqlite.prepare('SELECT value FROM app_meta WHERE key = ?').pluck().get(key) as string | undefined) ?? fallback]),
  );
}

/** The party of a case (`caseId`) or of a loan and its active case if any (`loanId`). */
export function contactPartyOf(sqlite: Database.Database, of: { caseId: string } | { loanId: string }): ContactParty {
  const row = ('caseId' in of
    ? sqlite.prepare(`SELECT ${PARTY_COLUMNS} FROM cases c JOIN loans l ON l.id = c.loan_id JOIN borrowers b ON b.id = l.borrower_id LEFT JOIN users u ON u.id = c.assigned_agent_id WHERE c.id = ?`).get(of.caseId)
    : sqlite
        .prepare(`SELECT ${PARTY_COLUMNS} FROM loans l JOIN borrowers b ON b.id = l.borrower_id LEFT JOIN cases c ON c.loan_id = l.id AND c.active = 1
          LEFT JOIN users u ON u.id = c.assigned_agent_id WHERE l.id = ? ORDER BY c.opened_on DESC LIMIT 1`)
        .get(of.loanId)) as Record<string, string | number | null> | undefined;
  if (!row) throw 'caseId' in of ? new AppError('not_found', `no case ${of.caseId}`, 'caseId') : new AppError('not_found', `no loan ${of.loanId}`, 'loanId');
  const text = (value: string | number | null | undefined): string | null => (value === null || value === undefined ? null : String(value));
  return {
    caseId: text(row.case_id), loanId: String(row.loan_id), borrowerId: String(row.borrower_id), language: String(row.language), timezone: text(row.timezone),
    defaultType: row.default_type as DefaultType | null, severity: row.severity as Severity | null, phone: text(row.phone), email: text(row.email),
    variables: {
      ...lenderFacts(sqlite), borrower_name: row.borrower_name, borrower_address: postalLines(sqlite, String(row.borrower_id)), loan_id: row.account_number, deal_id: row.account_number,
      default_type: row.default_type, severity: row.severity, days_past_due: row.dpd, amount_overdue: row.amount_past_due_minor, balance: row.balance_minor,
      currency: row.loan_currency, agent_name: row.agent_name,
    },
  };
}


/** Where an attempt on each channel is recorded from: the carrier that took it. */
const SOURCE_OF_CHANNEL: Readonly<Record<string, 'twilio' | 'email' | 'letter'>> = { sms: 'twilio', whatsapp: 'twilio', voice: 'twilio', email: 'email', letter: 'letter' };

/** An outbound attempt, counted by the caps (DESIGN §2), or a blocked one kept with its reasons for the compliance report. */
export function insertContactAttempt(
  sqlite: Database.Database,
  attempt: { id: string; borrowerId: string; loanId: string; channel: string; outcome: 'attempt' | 'failed'; at: string; blockedReasons?: string[]; source?: 'activity' },
): void {
  const blocked = attempt.blockedReasons !== undefined;
  sqlite
    .prepare(`INSERT INTO contact_attempts (id, borrower_id, loan_id, channel, direction, outcome, at, source, blocked, blocked_reasons) VALUES (?, ?, ?, ?, 'outbound', ?, ?, ?, ?, ?)`)
    .run(attempt.id, attempt.borrowerId, attempt.loanId, attempt.channel, attempt.outcome, attempt.at, attempt.source ?? SOURCE_OF_CHANNEL[attempt.channel] ?? 'twilio', blocked ? 1 : 0,
      blocked ? JSON.stringify(attempt.blockedReasons) : null);
}
