import type Database from 'better-sqlite3';
import {
  isStanding,
  newTextOptOut,
  restoredByConsent,
  restoredByReply,
  TEXT_RESTORE_COLUMNS,
  textingRevoked,
  type RecordedTextConsent,
  type TextOptOutRow,
  type TextOptOutSource,
  type TextOptOutVia,
} from '../../src-shared/domain/text-opt-outs';

/** Where texting a borrower's number stands: revoked since when and how, else its latest restore, if any. */
export interface NumberTexting {
  revoked: { since: string; via: TextOptOutVia | null } | null;
  lastRestore: TextOptOutRow | null;
}

const COLUMNS = ['id', 'borrower_id', 'e164', 'opted_out_at', 'opt_out_via', 'opt_out_word', 'opt_out_reference', ...TEXT_RESTORE_COLUMNS] as const;

function optOutsOf(sqlite: Database.Database, borrowerId: string, e164: string): TextOptOutRow[] {
  return sqlite.prepare('SELECT * FROM text_opt_outs WHERE borrower_id = ? AND e164 = ? ORDER BY opted_out_at, id').all(borrowerId, e164) as TextOptOutRow[];
}

/** A new opt-out; one already recorded under its id (the same reply seen twice) stays as it is. */
function insertOptOut(sqlite: Database.Database, row: TextOptOutRow): void {
  sqlite.prepare(`INSERT INTO text_opt_outs (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((column) => `@${column}`).join(', ')}) ON CONFLICT (id) DO NOTHING`).run(row);
}

/** Restores an opt-out that stands; a restore is final. */
function writeRestore(sqlite: Database.Database, row: TextOptOutRow): void {
  sqlite.prepare(`UPDATE text_opt_outs SET ${TEXT_RESTORE_COLUMNS.map((column) => `${column} = @${column}`).join(', ')} WHERE id = @id AND restored_at IS NULL`).run(row);
}

/**
 * Texting on each of the borrower's numbers: every number on a phone row or in an opt-out. The
 * rule is `textingRevoked`: the number's opt-outs decide once it has any, else its rows' STOP mark.
 */
export function textingByNumber(sqlite: Database.Database, borrowerId: string): Map<string, NumberTexting> {
  const optOuts = sqlite.prepare('SELECT * FROM text_opt_outs WHERE borrower_id = ? ORDER BY opted_out_at, id').all(borrowerId) as TextOptOutRow[];
  const marks = sqlite.prepare('SELECT e164, min(opted_out_at) AS markedAt FROM phones WHERE borrower_id = ? GROUP BY e164').all(borrowerId) as { e164: string; markedAt: string | null }[];
  const markOf = new Map(marks.map((mark) => [mark.e164, mark.markedAt]));
  const numbers = new Set([...markOf.keys(), ...optOuts.map((row) => row.e164)]);
  const byNumber = new Map<string, NumberTexting>();
  for (const e164 of numbers) {
    const rows = optOuts.filter((row) => row.e164 === e164);
    const markedAt = markOf.get(e164) ?? null;
    if (!textingRevoked(rows, markedAt !== null)) {
      const restores = rows.filter((row) => !isStanding(row)).sort((a, b) => String(a.restored_at).localeCompare(String(b.restored_at)));
      byNumber.set(e164, { revoked: null, lastRestore: restores.at(-1) ?? null });
      continue;
    }
    const first = rows.find(isStanding);
    byNumber.set(e164, { revoked: first ? { since: first.opted_out_at, via: first.opt_out_via } : { since: markedAt!, via: null }, lastRestore: null });
  }
  return byNumber;
}

export function textingOf(sqlite: Database.Database, borrowerId: string, e164: string): NumberTexting {
  return textingByNumber(sqlite, borrowerId).get(e164) ?? { revoked: null, lastRestore: null };
}

/**
 * A STOP, the self-service page or Twilio's 21610 (DESIGN §2): records the borrower's opt-out of
 * the number unless one stands, and marks their phone rows with it as before (no SMS consent, the
 * first opt-out time kept). `sms_consent` covers SMS and WhatsApp, so this revokes both. True when
 * the borrower has the number.
 */
export function recordTextOptOut(sqlite: Database.Database, borrowerId: string, e164: string, at: string, source: TextOptOutSource): boolean {
  const recorded = !optOutsOf(sqlite, borrowerId, e164).some(isStanding);
  if (recorded) insertOptOut(sqlite, newTextOptOut(borrowerId, e164, at, source));
  const marked = sqlite.prepare('UPDATE phones SET sms_consent = 0, opted_out_at = coalesce(opted_out_at, ?) WHERE borrower_id = ? AND e164 = ?').run(at, borrowerId, e164).changes > 0;
  return recorded || marked;
}

/**
 * START or UNSTOP from the number: the borrower's own word restores every opt-out of it that
 * stands, and takes the STOP mark off their rows with it, giving back the consent the STOP took.
 */
export function restoreTextingByReply(sqlite: Database.Database, borrowerId: string, e164: string, reply: { at: string; word: string; sid: string }): boolean {
  const standing = optOutsOf(sqlite, borrowerId, e164).filter(isStanding);
  for (const row of standing) writeRestore(sqlite, restoredByReply(row, reply));
  const unmarked = sqlite.prepare('UPDATE phones SET sms_consent = 1, opted_out_at = NULL WHERE borrower_id = ? AND e164 = ? AND opted_out_at IS NOT NULL').run(borrowerId, e164).changes;
  return standing.length + unmarked > 0;
}

/**
 * Consent a person recorded with its source: restores every opt-out of the number that stands (a
 * number only its rows' STOP mark knows gets its opt-out recorded, restored at once) and gives the
 * borrower's rows with the number SMS consent. The mark stays: only the borrower's START clears it.
 * Answers the opt-outs restored.
 */
export function restoreTextingByConsent(sqlite: Database.Database, borrowerId: string, e164: string, consent: RecordedTextConsent, at: string): TextOptOutRow[] {
  const rows = optOutsOf(sqlite, borrowerId, e164);
  const markedAt = sqlite.prepare('SELECT min(opted_out_at) FROM phones WHERE borrower_id = ? AND e164 = ?').pluck().get(borrowerId, e164) as string | null;
  // A mark from before `text_opt_outs` does not say how it came; most came from a STOP reply.
  const known = rows.length > 0 || markedAt === null;
  const standing = known ? rows.filter(isStanding) : [newTextOptOut(borrowerId, e164, markedAt, { via: 'reply', word: null, reference: null })];
  const restored = standing.map((row) => restoredByConsent(row, consent, at));
  for (const row of restored) (known ? writeRestore : insertOptOut)(sqlite, row);
  sqlite.prepare('UPDATE phones SET sms_consent = 1 WHERE borrower_id = ? AND e164 = ? AND sms_consent = 0').run(borrowerId, e164);
  return restored;
}
