import { randomInt } from 'node:crypto';
import type { RelayDb } from '../db/relay-database';
import { writeRows, type LedgerRow, type LedgerRowInput } from '../ledger';
import { getRow } from '../ledger/ledger-lookups';
import { fakeSid } from './twilio-requests';

export const PARTITION = 'team-north';

/**
 * One borrower's rows as the desktop pushes them (snake_case columns of its SQLite tables): a
 * phone, a loan with an open case, a sent SMS reminder with its message, and a placed call.
 */
export function borrowerRows(options: { language?: string } = {}) {
  const key = `${Date.now().toString(36)}${randomInt(1_000_000).toString(36)}`;
  const e164 = `+1868${randomInt(2_000_000, 9_999_999)}`;
  const ids = { borrower: `b-${key}`, phone: `ph-${key}`, loan: `l-${key}`, kase: `c-${key}`, smsAction: `ra-sms-${key}`, callAction: `ra-call-${key}`, message: `m-${key}` };
  const sids = { message: fakeSid('SM'), call: fakeSid('CA') };
  const row = (tbl: string, id: string, data: Record<string, unknown>): LedgerRowInput => ({ tbl, id, partition: PARTITION, data: { id, ...data } });
  return {
    e164,
    ids,
    sids,
    borrower: row('borrowers', ids.borrower, { external_id: `EXT-${key}`, first_name: 'Ana', last_name: 'Rivera', language: options.language ?? 'en', jurisdiction: 'TT', do_not_contact: 0 }),
    phone: row('phones', ids.phone, { borrower_id: ids.borrower, e164, label: 'mobile', type: 'mobile', is_primary: 1, is_verified: 1, is_active: 1, sms_consent: 1, opted_out_at: null }),
    loan: row('loans', ids.loan, { borrower_id: ids.borrower, account_number: `ACC-${key}`, currency: 'USD' }),
    kase: row('cases', ids.kase, { loan_id: ids.loan, account_number: `ACC-${key}`, currency: 'USD', status: 'open', dpd: 5, amount_past_due_minor: 123450, balance_minor: 900000 }),
    smsAction: row('recovery_actions', ids.smsAction, {
      case_id: ids.kase, type: 'sms_reminder', channel: 'sms', recipient_phone: e164, recipient_email: null, template_name: null, content: 'Reminder',
      twilio_message_sid: sids.message, twilio_call_sid: null, status: 'sent', scheduled_at: null, sent_at: '2026-11-20T14:00:00.000Z',
      delivered_at: null, error_code: null, error_message: null, triggered_by: 'dunning', created_by: null, created_at: '2026-11-20T14:00:00.000Z',
    }),
    message: row('messages', ids.message, {
      borrower_id: ids.borrower, case_id: ids.kase, recovery_action_id: ids.smsAction, channel: 'sms', direction: 'outbound', from_address: '+18685550100',
      to_address: e164, body: 'Reminder', twilio_sid: sids.message, status: 'queued', error_code: null, at: '2026-11-20T14:00:00.000Z',
    }),
    callAction: row('recovery_actions', ids.callAction, {
      case_id: ids.kase, type: 'voice_call', channel: 'voice', recipient_phone: e164, recipient_email: null, template_name: null, content: null,
      twilio_message_sid: null, twilio_call_sid: sids.call, status: 'sent', scheduled_at: null, sent_at: '2026-11-19T15:00:00.000Z',
      delivered_at: null, error_code: null, error_message: null, triggered_by: 'dunning', created_by: null, created_at: '2026-11-19T15:00:00.000Z',
    }),
  };
}

export type BorrowerRows = ReturnType<typeof borrowerRows>;

export function seedRows(db: RelayDb, rows: LedgerRowInput[]): Promise<LedgerRow[]> {
  return db.transaction((tx) => writeRows(tx, rows));
}

/** Every row of one borrower, for tests that need the whole picture at once. */
export function allRowsOf(fixture: BorrowerRows): LedgerRowInput[] {
  return [fixture.borrower, fixture.phone, fixture.loan, fixture.kase, fixture.smsAction, fixture.message, fixture.callAction];
}

export async function readRow(db: RelayDb, tbl: string, id: string): Promise<LedgerRow | null> {
  return db.transaction((tx) => getRow(tx, tbl, id));
}
