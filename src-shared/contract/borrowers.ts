import { z } from 'zod';
import { parseIsoDate, type IsoDate } from '../dates';
import { TEXT_CONSENT_METHODS, type TextConsentMethod, type TextOptOutVia, type TextRestoreVia } from '../domain/text-opt-outs';
import {
  CONSENT_TYPES,
  IDENTITY_DOCUMENT_TYPES,
  LEGAL_REPRESENTATIVE_TYPES,
  LIABILITY_TYPES,
  LOAN_PARTY_ROLES,
  PHONE_TYPES,
  type PhoneType,
} from '../domain/vocabulary';
import type { Minor } from '../money';
import { defineChannel } from './define-channel';

const id = z.string().min(1).max(64);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time written HH:MM');

export const CONTACT_CHANNELS = ['sms', 'whatsapp', 'voice', 'email', 'mail'] as const;
export type PreferredChannel = (typeof CONTACT_CHANNELS)[number];
export const BORROWER_LANGUAGES = ['en', 'es'] as const;
export const PHONE_LABELS = ['home', 'work', 'mobile'] as const;
export const EMAIL_LABELS = ['home', 'work'] as const;

export interface PhoneView {
  id: string;
  e164: string;
  label: (typeof PHONE_LABELS)[number];
  type: PhoneType;
  isPrimary: boolean;
  isVerified: boolean;
  isActive: boolean;
  smsConsent: boolean;
  /**
   * When the borrower's opt-out of texting this number began (a STOP, the self-service page), while
   * it stands: it binds the number, so every row holding it shows it. Null while texting is allowed.
   */
  optedOutAt: string | null;
  /** How the standing opt-out came (null when none stands, or when only an old STOP mark on the row tells of it). */
  optedOutVia: TextOptOutVia | null;
  /** The number's latest restore, when no opt-out stands: the borrower's START, or consent someone recorded. */
  textingRestored: { at: string; via: TextRestoreVia; method: TextConsentMethod | null; reference: string | null; recordedBy: string | null } | null;
}

export interface EmailView {
  id: string;
  email: string;
  label: (typeof EMAIL_LABELS)[number];
  isPrimary: boolean;
  isVerified: boolean;
  isActive: boolean;
  optedOut: boolean;
}

/**
 * Seed 001's borrower profile as an agent may see it: the SSN only by its last four digits,
 * payment instruments only masked, and nothing about other borrowers beyond the loans they share.
 */
export interface BorrowerProfile {
  id: string;
  externalId: string;
  name: string;
  dateOfBirth: IsoDate | null;
  ssnLastFour: string | null;
  employer: string | null;
  annualIncome: { amountMinor: Minor; currency: string } | null;
  jurisdiction: string;
  timezone: string | null;
  language: string;
  preferences: { channel: PreferredChannel | null; hours: { start: string; end: string } | null };
  doNotContact: boolean;
  vulnerable: boolean;
  hardship: boolean;
  business: { name: string; entityType: string; einMasked: string | null; industry: string | null } | null;
  addresses: { id: string; label: string; line: string; isPrimary: boolean }[];
  phones: PhoneView[];
  emails: EmailView[];
  identities: { id: string; documentType: (typeof IDENTITY_DOCUMENT_TYPES)[number]; numberMasked: string; expiresOn: IsoDate | null }[];
  consents: { id: string; type: (typeof CONSENT_TYPES)[number]; grantedAt: string; revokedAt: string | null }[];
  /** Representatives in force today: while one is, contact goes to them and not to the borrower. */
  legalRepresentatives: { id: string; type: (typeof LEGAL_REPRESENTATIVE_TYPES)[number]; name: string; firm: string | null; phone: string | null; email: string | null; activeFrom: IsoDate; activeTo: IsoDate | null; inForce: boolean }[];
  /** Every loan this borrower is a party to, with the other parties on it. */
  loans: {
    loanId: string;
    accountNumber: string;
    productCode: string;
    status: string;
    currency: string;
    balanceMinor: Minor;
    dpd: number;
    caseId: string | null;
    role: (typeof LOAN_PARTY_ROLES)[number];
    liability: (typeof LIABILITY_TYPES)[number];
    otherParties: { name: string; role: (typeof LOAN_PARTY_ROLES)[number]; liability: (typeof LIABILITY_TYPES)[number] }[];
  }[];
  paymentInstruments: { id: string; type: 'bank_account' | 'credit_card' | 'debit_card'; numberMasked: string; isDefault: boolean }[];
  autopayPlans: { id: string; instrumentMasked: string; frequency: string; nextPaymentOn: IsoDate | null; amountType: string; fixedAmountMinor: Minor | null; isActive: boolean }[];
}

const setDoNotContact = z.object({ borrowerId: id, doNotContact: z.boolean(), reason: z.string().trim().min(3, 'give a reason of at least 3 characters').max(500) }).strict();

const savePhone = z
  .object({
    borrowerId: id,
    /** Absent: a new number. */
    phoneId: id.optional(),
    number: z.string().trim().min(1, 'give a phone number').max(32),
    label: z.enum(PHONE_LABELS),
    type: z.enum(PHONE_TYPES),
    isPrimary: z.boolean(),
    isActive: z.boolean().default(true),
    smsConsent: z.boolean(),
  })
  .strict();

const saveEmail = z
  .object({
    borrowerId: id,
    emailId: id.optional(),
    email: z.string().trim().toLowerCase().email('must be an email address').max(254),
    label: z.enum(EMAIL_LABELS),
    isPrimary: z.boolean(),
    isActive: z.boolean().default(true),
  })
  .strict();

const setPreferences = z
  .object({
    borrowerId: id,
    language: z.enum(BORROWER_LANGUAGES),
    channel: z.enum(CONTACT_CHANNELS).nullable(),
    hours: z
      .object({ start: clock, end: clock })
      .strict()
      .refine((hours) => hours.start < hours.end, { message: 'the window must end after it starts', path: ['end'] })
      .nullable(),
  })
  .strict();

/**
 * The borrower's consent to texts on a number they opted out of, recorded with what shows they
 * gave it: how (a signed form, a recorded call, a written request), its reference, and the day.
 */
const recordTextConsent = z
  .object({
    borrowerId: id,
    e164: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be a number in E.164 form, e.g. +18685550100'),
    method: z.enum(TEXT_CONSENT_METHODS, 'say how the borrower gave their consent'),
    reference: z.string().trim().min(3, 'name the evidence: the form’s number or the call recording’s id').max(200),
    givenOn: z.string().refine((text) => parseIsoDate(text) !== null, 'give the day the borrower consented, YYYY-MM-DD'),
  })
  .strict();

export type SavePhoneInput = z.input<typeof savePhone>;
export type RecordTextConsentInput = z.input<typeof recordTextConsent>;
export type SaveEmailInput = z.input<typeof saveEmail>;

export const borrowerChannels = {
  'borrowers.profile': defineChannel<BorrowerProfile>()({ input: z.object({ borrowerId: id }).strict(), permission: 'view_cases', kind: 'query' }),
  /** Anyone working cases may stop contact; only a supervisor may lift it again (checked in main and by the relay). */
  'borrowers.setDoNotContact': defineChannel<{ doNotContact: boolean }>()({ input: setDoNotContact, permission: 'update_case', kind: 'command' }),
  /**
   * Saves a number as given; a number the borrower opted out of texting stays opted out whatever
   * the row says (`textingBlockedSince` says since when), and only their START or recorded consent lifts it.
   */
  'borrowers.savePhone': defineChannel<{ phoneId: string; textingBlockedSince: string | null }>()({ input: savePhone, permission: 'update_case', kind: 'command' }),
  /**
   * Restores texting on an opted-out number with the borrower's consent and its source, audited.
   * Any user who works cases may record it (update_case): the borrower's word and its evidence
   * restore texting, not the recorder's rank; without the source nothing is restored.
   */
  'contacts.recordTextConsent': defineChannel<{ e164: string; restoredAt: string }>()({ input: recordTextConsent, permission: 'update_case', kind: 'command' }),
  'borrowers.saveEmail': defineChannel<{ emailId: string }>()({ input: saveEmail, permission: 'update_case', kind: 'command' }),
  'borrowers.setPreferences': defineChannel<null>()({ input: setPreferences, permission: 'update_case', kind: 'command' }),
};
