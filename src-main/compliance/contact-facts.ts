import type Database from 'better-sqlite3';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { canContact, type CanContactInput, type ContactDecision } from '../../src-shared/compliance';
import type { JurisdictionRule } from '../../src-shared/compliance';
import type { ContactAddress, ContactChannel, ContactRecord } from '../../src-shared/compliance/types';
import type { CommunicationPreferences } from '../store/schema/people';
import { AppError } from '../../src-shared/errors';
import { textingByNumber, type NumberTexting } from './text-opt-outs';

const HISTORY_DAYS = 8;

interface LoanParty {
  loan_id: string;
  borrower_id: string;
  sub_status: string | null;
  do_not_contact: number;
  timezone: string | null;
  jurisdiction: string;
  communication_preferences: string;
  case_dispute: number | null;
}

/** What the recorded line type, or libphonenumber's when it says fixed line, tells about a number. */
function mobileness(e164: string, recordedType: string): boolean | null {
  if (recordedType === 'mobile') return true;
  if (recordedType === 'home' || recordedType === 'work' || recordedType === 'fax') return false;
  const type = parsePhoneNumberFromString(e164)?.getType();
  return type === 'MOBILE' ? true : type === 'FIXED_LINE' ? false : null;
}

function addressFor(sqlite: Database.Database, borrowerId: string, channel: ContactChannel, texting: ReadonlyMap<string, NumberTexting>): ContactAddress | null {
  if (channel === 'letter') return postalAddressOf(sqlite, borrowerId);
  if (channel === 'email') {
    const email = sqlite.prepare('SELECT email, is_active, opted_out FROM emails WHERE borrower_id = ? ORDER BY is_active DESC, is_primary DESC, id LIMIT 1').get(borrowerId) as
      | { email: string; is_active: number; opted_out: number }
      | undefined;
    if (!email) return null;
    return { address: email.email, valid: /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.email), isMobile: null, smsConsent: true, optedOut: email.opted_out === 1, active: email.is_active === 1 };
  }
  const phone = sqlite.prepare('SELECT e164, type, is_active, sms_consent FROM phones WHERE borrower_id = ? ORDER BY is_active DESC, is_primary DESC, id LIMIT 1').get(borrowerId) as
    | { e164: string; type: string; is_active: number; sms_consent: number }
    | undefined;
  if (!phone) return null;
  return {
    address: phone.e164,
    valid: parsePhoneNumberFromString(phone.e164)?.isValid() ?? false,
    isMobile: mobileness(phone.e164, phone.type),
    smsConsent: phone.sms_consent === 1,
    // The number's opt-out, not the row's mark: a restored number's rows keep the mark of its STOP.
    optedOut: texting.get(phone.e164)?.revoked != null,
    active: phone.is_active === 1,
  };
}

/** The mailing address first, then the primary one; one without a street, city or country cannot take a letter. */
function postalAddressOf(sqlite: Database.Database, borrowerId: string): ContactAddress | null {
  const row = sqlite
    .prepare(`SELECT line1, line2, city, state, postal_code, country FROM addresses WHERE borrower_id = ? ORDER BY label = 'mailing' DESC, is_primary DESC, id LIMIT 1`)
    .get(borrowerId) as { line1: string; line2: string | null; city: string; state: string | null; postal_code: string | null; country: string } | undefined;
  if (!row) return null;
  const address = [row.line1, row.line2, row.city, row.state, row.postal_code, row.country].filter((part) => part !== null && part.trim() !== '').join(', ');
  return { address, valid: [row.line1, row.city, row.country].every((part) => part.trim() !== ''), isMobile: null, smsConsent: true, optedOut: false, active: true };
}

export function ruleFor(sqlite: Database.Database, jurisdiction: string): JurisdictionRule | null {
  // A US state without a row of its own follows the `US` row (DESIGN §2: any other US-XX gets US rules).
  const candidates = jurisdiction.startsWith('US-') && jurisdiction !== 'US-MA' && jurisdiction !== 'US-NY-NYC' ? [jurisdiction, 'US'] : [jurisdiction];
  for (const code of candidates) {
    const row = sqlite.prepare('SELECT * FROM compliance_rules WHERE jurisdiction = ? AND is_active = 1').get(code) as
      | { preset: JurisdictionRule['preset']; hours_start: string; hours_end: string; daily_cap: number | null; weekly_cap: number | null; cooling_off_minutes: number | null; counted_channels: string }
      | undefined;
    if (row) {
      return {
        jurisdiction, preset: row.preset, hoursStart: row.hours_start, hoursEnd: row.hours_end, dailyCap: row.daily_cap, weeklyCap: row.weekly_cap,
        coolingOffMinutes: row.cooling_off_minutes, countedChannels: JSON.parse(row.counted_channels) as JurisdictionRule['countedChannels'],
      };
    }
  }
  return null;
}

/**
 * Gathers everything the compliance gate needs about one loan's borrower from the store and asks
 * it. Every send path and the `can-contact` command come through here.
 */
export function checkContact(sqlite: Database.Database, request: { loanId: string; channel: ContactChannel; at: string; manual: boolean }): ContactDecision {
  const party = sqlite
    .prepare(`SELECT l.id AS loan_id, b.id AS borrower_id, l.sub_status, b.do_not_contact, b.timezone, b.jurisdiction, b.communication_preferences,
                (SELECT max(c.dispute_flag) FROM cases c WHERE c.loan_id = l.id AND c.active = 1) AS case_dispute
              FROM loans l JOIN borrowers b ON b.id = l.borrower_id WHERE l.id = ?`)
    .get(request.loanId) as LoanParty | undefined;
  if (!party) throw new AppError('not_found', `no loan ${request.loanId}`, 'loanId');
  const atDate = request.at.slice(0, 10);
  const representative = sqlite
    .prepare('SELECT 1 FROM legal_representatives WHERE borrower_id = ? AND active_from <= ? AND (active_to IS NULL OR active_to >= ?)')
    .get(party.borrower_id, atDate, atDate);
  const since = new Date(Date.parse(request.at) - HISTORY_DAYS * 86_400_000).toISOString();
  const history = sqlite
    .prepare(`SELECT loan_id AS loanId, channel, direction, outcome, at FROM contact_attempts WHERE borrower_id = ? AND at >= ? AND blocked = 0 ORDER BY at`)
    .all(party.borrower_id, since) as ContactRecord[];
  const override = sqlite.prepare('SELECT 1 FROM contact_overrides WHERE borrower_id = ? AND used_at IS NULL AND granted_at <= ? AND expires_at > ?').get(party.borrower_id, request.at, request.at);
  const preferences = JSON.parse(party.communication_preferences) as CommunicationPreferences;
  // Opt-outs bind the borrower's numbers, not their phone rows: every number with one standing is off limits to texts.
  const texting = textingByNumber(sqlite, party.borrower_id);
  const input: CanContactInput = {
    borrower: {
      doNotContact: party.do_not_contact === 1,
      timezone: party.timezone,
      jurisdiction: party.jurisdiction,
      preferredHours: preferences.hours ?? null,
      legalRepresentativeActive: representative !== undefined,
      activeDispute: party.sub_status === 'dispute' || party.case_dispute === 1,
      bankruptcy: party.sub_status === 'bankruptcy',
      textOptOuts: [...texting].filter(([, number]) => number.revoked !== null).map(([e164]) => e164),
    },
    loanId: party.loan_id,
    channel: request.channel,
    to: addressFor(sqlite, party.borrower_id, request.channel, texting),
    at: request.at,
    manual: request.manual,
    override: override ? { doNotContact: true } : null,
    rule: ruleFor(sqlite, party.jurisdiction),
    history,
  };
  return canContact(input);
}
