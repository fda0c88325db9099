import type Database from 'better-sqlite3';
import type { BorrowerProfile, PreferredChannel } from '../../src-shared/contract';
import { AppError } from '../../src-shared/errors';
import { textingByNumber, type NumberTexting } from '../compliance/text-opt-outs';
import type { CommunicationPreferences } from '../store/schema/people';

type Row = Record<string, string | number | null>;
const flag = (value: unknown) => value === 1;
const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

/** Reads one borrower's profile (seed 001); the compliance gate's rule for a representative in force applies to `inForce`. */
export function createBorrowerProfileReader(sqlite: Database.Database): (borrowerId: string, today: string) => BorrowerProfile {
  const borrower = sqlite.prepare('SELECT * FROM borrowers WHERE id = ?');
  const business = sqlite.prepare('SELECT * FROM business_details WHERE borrower_id = ?');
  const addresses = sqlite.prepare('SELECT * FROM addresses WHERE borrower_id = ? ORDER BY is_primary DESC, label');
  const phones = sqlite.prepare('SELECT * FROM phones WHERE borrower_id = ? ORDER BY is_active DESC, is_primary DESC, label, id');
  const emails = sqlite.prepare('SELECT * FROM emails WHERE borrower_id = ? ORDER BY is_active DESC, is_primary DESC, label, id');
  const identities = sqlite.prepare('SELECT * FROM identities WHERE borrower_id = ? ORDER BY document_type');
  const consents = sqlite.prepare('SELECT * FROM consents WHERE borrower_id = ? ORDER BY granted_at DESC');
  const representatives = sqlite.prepare('SELECT * FROM legal_representatives WHERE borrower_id = ? ORDER BY active_from DESC');
  // Loans the borrower is the primary borrower on, or a party to.
  const loans = sqlite.prepare(`
    SELECT l.id, l.account_number, l.product_code, l.status, l.currency, l.balance_minor, l.dpd,
      coalesce(p.role, 'borrower') AS role, coalesce(p.liability, 'primary') AS liability,
      (SELECT c.id FROM cases c WHERE c.loan_id = l.id AND c.active = 1) AS case_id
    FROM loans l LEFT JOIN loan_parties p ON p.loan_id = l.id AND p.borrower_id = @borrowerId
    WHERE l.borrower_id = @borrowerId OR p.id IS NOT NULL
    ORDER BY l.account_number`);
  const otherParties = sqlite.prepare(`
    SELECT b.first_name || ' ' || b.last_name AS name, p.role, p.liability FROM loan_parties p JOIN borrowers b ON b.id = p.borrower_id
    WHERE p.loan_id = ? AND p.borrower_id <> ? ORDER BY p.role, name`);
  const userName = sqlite.prepare('SELECT name FROM users WHERE id = ?').pluck();
  /** What the profile shows of texting a number: the opt-out binds the number, so every row holding it shows it. */
  const textingView = (number: NumberTexting | undefined) => {
    const restore = number?.lastRestore ?? null;
    return {
      optedOutAt: number?.revoked?.since ?? null,
      optedOutVia: number?.revoked?.via ?? null,
      textingRestored: restore && {
        at: restore.restored_at!, via: restore.restored_via!, method: restore.consent_method, reference: restore.restored_reference,
        recordedBy: restore.restored_by === null ? null : ((userName.get(restore.restored_by) as string | undefined) ?? restore.restored_by),
      },
    };
  };
  const instruments = sqlite.prepare('SELECT * FROM payment_instruments WHERE borrower_id = ? ORDER BY is_default DESC, id');
  const autopay = sqlite.prepare(`SELECT a.*, i.account_number_masked FROM autopay_plans a JOIN payment_instruments i ON i.id = a.instrument_id
    WHERE a.borrower_id = ? ORDER BY a.is_active DESC, a.id`);

  return (borrowerId, today) => {
    const b = borrower.get(borrowerId) as Row | undefined;
    if (!b) throw new AppError('not_found', `no borrower ${borrowerId}`, 'borrowerId');
    const preferences = JSON.parse(String(b.communication_preferences)) as CommunicationPreferences;
    const biz = business.get(borrowerId) as Row | undefined;
    const texting = textingByNumber(sqlite, borrowerId);
    return {
      id: borrowerId,
      externalId: String(b.external_id),
      name: `${b.first_name} ${b.last_name}`,
      dateOfBirth: text(b.date_of_birth) as BorrowerProfile['dateOfBirth'],
      ssnLastFour: text(b.ssn_last_four),
      employer: text(b.employer),
      annualIncome: b.annual_income_minor === null ? null : { amountMinor: Number(b.annual_income_minor), currency: String(b.annual_income_currency) },
      jurisdiction: String(b.jurisdiction),
      timezone: text(b.timezone),
      language: String(b.language),
      preferences: { channel: (preferences.channel ?? null) as PreferredChannel | null, hours: preferences.hours ?? null },
      doNotContact: flag(b.do_not_contact),
      vulnerable: flag(b.vulnerable),
      hardship: flag(b.hardship),
      business: biz ? { name: String(biz.business_name), entityType: String(biz.entity_type), einMasked: text(biz.ein_masked), industry: text(biz.industry) } : null,
      addresses: (addresses.all(borrowerId) as Row[]).map((a) => ({
        id: String(a.id),
        label: String(a.label),
        line: [a.line1, a.line2, a.city, a.state, a.postal_code, a.country].filter((part) => part !== null && part !== '').join(', '),
        isPrimary: flag(a.is_primary),
      })),
      phones: (phones.all(borrowerId) as Row[]).map((p) => ({
        id: String(p.id), e164: String(p.e164), label: p.label as BorrowerProfile['phones'][number]['label'], type: p.type as BorrowerProfile['phones'][number]['type'],
        isPrimary: flag(p.is_primary), isVerified: flag(p.is_verified), isActive: flag(p.is_active), smsConsent: flag(p.sms_consent), ...textingView(texting.get(String(p.e164))),
      })),
      emails: (emails.all(borrowerId) as Row[]).map((e) => ({
        id: String(e.id), email: String(e.email), label: e.label as BorrowerProfile['emails'][number]['label'],
        isPrimary: flag(e.is_primary), isVerified: flag(e.is_verified), isActive: flag(e.is_active), optedOut: flag(e.opted_out),
      })),
      identities: (identities.all(borrowerId) as Row[]).map((i) => ({
        id: String(i.id), documentType: i.document_type as BorrowerProfile['identities'][number]['documentType'], numberMasked: String(i.document_number_masked),
        expiresOn: text(i.expires_on) as BorrowerProfile['identities'][number]['expiresOn'],
      })),
      consents: (consents.all(borrowerId) as Row[]).map((c) => ({
        id: String(c.id), type: c.consent_type as BorrowerProfile['consents'][number]['type'], grantedAt: String(c.granted_at), revokedAt: text(c.revoked_at),
      })),
      legalRepresentatives: (representatives.all(borrowerId) as Row[]).map((r) => ({
        id: String(r.id), type: r.type as BorrowerProfile['legalRepresentatives'][number]['type'], name: String(r.name), firm: text(r.firm),
        phone: text(r.phone_e164), email: text(r.email), activeFrom: String(r.active_from) as BorrowerProfile['legalRepresentatives'][number]['activeFrom'],
        activeTo: text(r.active_to) as BorrowerProfile['legalRepresentatives'][number]['activeTo'],
        inForce: String(r.active_from) <= today && (r.active_to === null || String(r.active_to) >= today),
      })),
      loans: (loans.all({ borrowerId }) as Row[]).map((l) => ({
        loanId: String(l.id), accountNumber: String(l.account_number), productCode: String(l.product_code), status: String(l.status), currency: String(l.currency),
        balanceMinor: Number(l.balance_minor), dpd: Number(l.dpd), caseId: text(l.case_id),
        role: l.role as BorrowerProfile['loans'][number]['role'], liability: l.liability as BorrowerProfile['loans'][number]['liability'],
        otherParties: otherParties.all(l.id, borrowerId) as BorrowerProfile['loans'][number]['otherParties'],
      })),
      paymentInstruments: (instruments.all(borrowerId) as Row[]).map((i) => ({
        id: String(i.id), type: i.instrument_type as BorrowerProfile['paymentInstruments'][number]['type'], numberMasked: String(i.account_number_masked), isDefault: flag(i.is_default),
      })),
      autopayPlans: (autopay.all(borrowerId) as Row[]).map((a) => ({
        id: String(a.id), instrumentMasked: String(a.account_number_masked), frequency: String(a.frequency),
        nextPaymentOn: text(a.next_payment_on) as BorrowerProfile['autopayPlans'][number]['nextPaymentOn'], amountType: String(a.amount_type),
        fixedAmountMinor: a.fixed_amount_minor === null ? null : Number(a.fixed_amount_minor), isActive: flag(a.is_active),
      })),
    };
  };
}
