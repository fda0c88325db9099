import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { IsoDate } from '../../src-shared/dates';
import { findJurisdiction } from '../../src-shared/domain/jurisdictions';
import type { TapeCsv } from './csv-file';
import { FieldReader, type Issues } from './fields';
import { UniqueKeys, type References } from './references';
import { TAPE_PHONE_TYPES } from '../../src-shared/tape-format';

export interface BorrowerRecord {
  externalId: string;
  firstName: string;
  lastName: string;
  dateOfBirth: IsoDate | null;
  ssnLastFour: string | null;
  language: string;
  timezone: string | null;
  jurisdiction: string;
  doNotContact: boolean;
  vulnerable: boolean;
  hardship: boolean;
  email: string | null;
}

export interface PhoneRecord {
  borrowerExternalId: string;
  e164: string;
  type: (typeof TAPE_PHONE_TYPES)[number];
  isPrimary: boolean;
  smsConsent: boolean;
}

/** The store's default language, used when the tape leaves it blank. */
const DEFAULT_LANGUAGE = 'en';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** IANA names are Area/Location; this keeps out abbreviations (EST) and offsets Intl would also accept. */
const IANA_NAME = /^(?:UTC|[A-Z][A-Za-z_-]*(?:\/[A-Za-z0-9_+-]+)+)$/;

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
const zoneVerdicts = new Map<string, boolean>();

function isIso639Language(code: string): boolean {
  return /^[a-z]{2}$/.test(code) && languageNames.of(code) !== undefined;
}

/** Whether the runtime's time-zone database knows the zone (aliases included); cached since a tape repeats a few zones. */
function isIanaZone(name: string): boolean {
  let verdict = zoneVerdicts.get(name);
  if (verdict === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: name });
      verdict = IANA_NAME.test(name);
    } catch {
      verdict = false;
    }
    zoneVerdicts.set(name, verdict);
  }
  return verdict;
}

export function parseBorrowers(csv: TapeCsv, issues: Issues, refs: References): BorrowerRecord[] {
  refs.borrowersComplete = csv.complete;
  const unique = new UniqueKeys('borrower_id');
  const records: BorrowerRecord[] = [];
  for (const row of csv.rows) {
    const r = new FieldReader(issues, 'borrowers', row.line, row.values);
    const externalId = r.required('borrower_id');
    const jurisdictionCode = r.required('jurisdiction');
    const jurisdiction =
      jurisdictionCode === undefined || findJurisdiction(jurisdictionCode)
        ? jurisdictionCode
        : r.fail(`jurisdiction "${jurisdictionCode}" is not a known jurisdiction (TT, JM, BB, GY, US-XX or US-NY-NYC)`);
    if (externalId !== undefined && unique.claim(r, [externalId])) refs.tapeBorrowers.set(externalId, { jurisdiction: jurisdiction ?? null });
    const language = r.optional('language', (column) => {
      const value = r.raw(column);
      return isIso639Language(value) ? value : r.fail(`${column} "${value}" is not a 2-letter ISO 639-1 language code`);
    });
    const record = r.result<BorrowerRecord>({
      externalId,
      firstName: r.required('first_name'),
      lastName: r.required('last_name'),
      dateOfBirth: r.optional('date_of_birth', (column) => r.date(column)),
      ssnLastFour: r.optional('ssn_last_four', (column) => r.matching(column, /^\d{4}$/, 'must be exactly 4 digits')),
      language: language === null ? DEFAULT_LANGUAGE : language,
      timezone: r.optional('timezone', (column) => {
        const value = r.raw(column);
        return isIanaZone(value) ? value : r.fail(`${column} "${value}" is not an IANA time zone (e.g. America/Port_of_Spain)`);
      }),
      jurisdiction,
      doNotContact: r.bool('do_not_contact'),
      vulnerable: r.bool('vulnerable'),
      hardship: r.bool('hardship'),
      email: r.optional('email', (column) => r.matching(column, EMAIL, 'is not an email address')),
    });
    if (record) records.push(record);
  }
  return records;
}

export function parsePhones(csv: TapeCsv, issues: Issues, refs: References): PhoneRecord[] {
  const unique = new UniqueKeys('phone');
  const primaryLine = new Map<string, number>();
  const records: PhoneRecord[] = [];
  for (const row of csv.rows) {
    const r = new FieldReader(issues, 'phones', row.line, row.values);
    const borrower = refs.requireBorrower(r, 'borrower_id');
    const text = r.required('phone');
    let e164: string | undefined;
    if (text !== undefined && borrower) {
      // Local numbers are read in the borrower's country (DESIGN §4). Without a usable
      // jurisdiction (its row is already reported) only a number with its +country code can be checked.
      const country = borrower.known?.jurisdiction ? findJurisdiction(borrower.known.jurisdiction)?.country : undefined;
      if (country || text.startsWith('+')) {
        const parsed = parsePhoneNumberFromString(text, country ? { defaultCountry: country } : {});
        if (parsed?.isValid()) e164 = parsed.number;
        else r.fail(`phone "${text}" is not a valid phone number${country ? ` (read with default country ${country})` : ''}`);
      } else r.markUnusable();
    }
    const isPrimary = r.bool('is_primary');
    if (borrower && e164 !== undefined) unique.claim(r, [borrower.externalId, e164]);
    if (borrower && isPrimary) {
      const first = primaryLine.get(borrower.externalId);
      if (first === undefined) primaryLine.set(borrower.externalId, row.line);
      else r.fail(`is_primary is true but borrower_id "${borrower.externalId}" already has a primary phone (line ${first})`);
    }
    const record = r.result<PhoneRecord>({
      borrowerExternalId: borrower?.externalId,
      e164,
      type: r.oneOf('type', TAPE_PHONE_TYPES),
      isPrimary,
      smsConsent: r.bool('sms_consent'),
    });
    if (record) records.push(record);
  }
  return records;
}
