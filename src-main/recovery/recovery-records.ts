import type Database from 'better-sqlite3';
import type { RecoveryActionView, ThreadMessage } from '../../src-shared/contract/recovery';
import type { DefaultType, Severity } from '../../src-shared/domain/vocabulary';
import { AppError } from '../../src-shared/errors';
import type { TemplateVariables } from '../templates';

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
  status: RecoveryActionView['status'];
  scheduled_at: string | null;
  sent_at: string | null;
  delivered_at: string | null;
  error_code: string | null;
  error_message: string | null;
  triggered_by: RecoveryActionView['triggeredBy'];
  created_at: string;
}

/** Who a case's messages go to, and what its templates say about it. */
export interface CaseParty {
  caseId: string;
  loanId: string;
  borrowerId: string;
  language: string;
  defaultType: DefaultType;
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
    errorMessage: row.error_message, triggeredBy: row.triggered_by, createdAt: row.created_at,
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
  return sqlite
    .prepare(`SELECT m.id, m.channel, m.direction, m.body, m.status, m.error_code AS errorCode, m.at FROM messages m
      WHERE m.borrower_id = (SELECT l.borrower_id FROM cases c JOIN loans l ON l.id = c.loan_id WHERE c.id = ?) ORDER BY m.at, m.rowid`)
    .all(caseId) as ThreadMessage[];
}

/** Lender facts the templates print; kept in `app_meta` so an install sets its own. */
const LENDER_DEFAULTS = { lender_name: 'Recourse Lending', lender_phone: '+1 868 555 0100', portal_link: 'https://pay.example.com' } as const;

export function casePartyOf(sqlite: Database.Database, caseId: string): CaseParty {
  const row = sqlite
    .prepare(`SELECT c.id, c.loan_id, c.default_type, c.severity, c.dpd, c.amount_past_due_minor, c.balance_minor, c.currency, c.account_number,
        b.id AS borrower_id, b.first_name || ' ' || b.last_name AS borrower_name, b.language, u.name AS agent_name,
        (SELECT e164 FROM phones WHERE borrower_id = b.id ORDER BY is_active DESC, is_primary DESC, id LIMIT 1) AS phone,
        (SELECT email FROM emails WHERE borrower_id = b.id ORDER BY is_active DESC, is_primary DESC, id LIMIT 1) AS email
      FROM cases c JOIN loans l ON l.id = c.loan_id JOIN borrowers b ON b.id = l.borrower_id LEFT JOIN users u ON u.id = c.assigned_agent_id WHERE c.id = ?`)
    .get(caseId) as Record<string, string | number | null> | undefined;
  if (!row) throw new AppError('not_found', `no case ${caseId}`, 'caseId');
  const meta = Object.fromEntries(
    Object.entries(LENDER_DEFAULTS).map(([key, fallback]) => [key, (sqlite.prepare('SELECT value FROM app_meta WHERE key = ?').pluck().get(key) as string | undefined) ?? fallback]),
  );
  return {
    caseId, loanId: String(row.loan_id), borrowerId: String(row.borrower_id), language: String(row.language), defaultType: row.default_type as DefaultType,
    severity: row.severity as Severity | null, phone: row.phone === null ? null : String(row.phone), email: row.email === null ? null : String(row.email),
    variables: {
      ...meta, borrower_name: row.borrower_name, loan_id: row.account_number, deal_id: row.account_number, default_type: row.default_type, severity: row.severity,
      days_past_due: row.dpd, amount_overdue: row.amount_past_due_minor, balance: row.balance_minor, currency: row.currency, agent_name: row.agent_name,
    },
  };
}

/** STOP or Twilio 21610: `sms_consent` covers SMS and WhatsApp, so one write revokes both (DESIGN §2). */
export function revokeTextConsent(sqlite: Database.Database, borrowerId: string, e164: string, at: string): boolean {
  return sqlite.prepare('UPDATE phones SET sms_consent = 0, opted_out_at = coalesce(opted_out_at, ?) WHERE borrower_id = ? AND e164 = ?').run(at, borrowerId, e164).changes > 0;
}

export function insertContactAttempt(
  sqlite: Database.Database,
  attempt: { id: string; borrowerId: string; loanId: string; channel: string; outcome: 'attempt' | 'failed'; at: string; blockedReasons?: string[] },
): void {
  const blocked = attempt.blockedReasons !== undefined;
  sqlite
    .prepare(`INSERT INTO contact_attempts (id, borrower_id, loan_id, channel, direction, outcome, at, source, blocked, blocked_reasons) VALUES (?, ?, ?, ?, 'outbound', ?, ?, 'twilio', ?, ?)`)
    .run(attempt.id, attempt.borrowerId, attempt.loanId, attempt.channel, attempt.outcome, attempt.at, blocked ? 1 : 0, blocked ? JSON.stringify(attempt.blockedReasons) : null);
}
