import { randomUUID } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { AppError } from '../../src-shared/errors';
import { findJurisdiction } from '../../src-shared/domain/jurisdictions';
import { roleAllows } from '../../src-shared/roles';
import type { HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';
import { runCommand } from '../store/run-command';
import { textingOf } from '../compliance/text-opt-outs';
import { createBorrowerProfileReader } from './borrower-profile';
import { casesOfBorrower } from './borrower-cases';
import { textConsentHandlers } from './text-consent-handlers';

type Slice = 'borrowers.profile' | 'borrowers.setDoNotContact' | 'borrowers.savePhone' | 'borrowers.saveEmail' | 'borrowers.setPreferences' | 'contacts.recordTextConsent';

/** Seed 001's borrower profile: read it, stop or allow contact, and keep numbers, addresses and preferences current. */
export function borrowerHandlers(store: Store): HandlerSlice<Slice> {
  const { sqlite } = store;
  const readProfile = createBorrowerProfileReader(sqlite);
  const requireBorrower = (borrowerId: string) => {
    const row = sqlite.prepare('SELECT id, jurisdiction, do_not_contact, communication_preferences, language FROM borrowers WHERE id = ?').get(borrowerId) as
      | { id: string; jurisdiction: string; do_not_contact: number; communication_preferences: string; language: string }
      | undefined;
    if (!row) throw new AppError('not_found', `no borrower ${borrowerId}`, 'borrowerId');
    return row;
  };
  /** Only one primary number or address per borrower: a new primary demotes the others. */
  const demotePrimary = (table: 'phones' | 'emails', borrowerId: string, keepId: string) =>
    sqlite.prepare(`UPDATE ${table} SET is_primary = 0 WHERE borrower_id = ? AND id <> ? AND is_primary = 1`).run(borrowerId, keepId);

  return {
    'borrowers.profile': (input) => readProfile(input.borrowerId, new Date().toISOString().slice(0, 10)),

    'borrowers.setDoNotContact': (input, { actor, broadcast }) => {
      const borrower = requireBorrower(input.borrowerId);
      if (borrower.do_not_contact === 1 && !input.doNotContact && !roleAllows(actor!.role, 'override_do_not_contact')) {
        throw new AppError('forbidden', 'lifting do-not-contact needs a supervisor (the override_do_not_contact permission)', 'doNotContact');
      }
      if ((borrower.do_not_contact === 1) === input.doNotContact) return { doNotContact: input.doNotContact };
      runCommand(store, actor!, 'borrowers.setDoNotContact', input, () => {
        sqlite.prepare('UPDATE borrowers SET do_not_contact = ? WHERE id = ?').run(input.doNotContact ? 1 : 0, input.borrowerId);
        const type = input.doNotContact ? 'borrower.do_not_contact_set' : 'borrower.do_not_contact_lifted';
        return { value: null, audit: [{ type, entityType: 'borrower', entityId: input.borrowerId, payload: { reason: input.reason } }] };
      });
      broadcast('cases.changed', { caseIds: casesOfBorrower(store, input.borrowerId) });
      return { doNotContact: input.doNotContact };
    },

    'borrowers.savePhone': (input, { actor, broadcast }) => {
      const borrower = requireBorrower(input.borrowerId);
      const country = findJurisdiction(borrower.jurisdiction)?.country;
      const phone = parsePhoneNumberFromString(input.number, country);
      if (!phone?.isValid()) throw new AppError('validation', `${input.number} is not a valid phone number for ${borrower.jurisdiction}`, 'number');
      const existing = input.phoneId
        ? (sqlite.prepare('SELECT id, e164, sms_consent FROM phones WHERE id = ? AND borrower_id = ?').get(input.phoneId, input.borrowerId) as { id: string; e164: string; sms_consent: number } | undefined)
        : undefined;
      if (input.phoneId && !existing) throw new AppError('not_found', `the borrower has no phone ${input.phoneId}`, 'phoneId');
      // A STOP is the borrower's word on the number, whatever row holds it: saving a row never lifts it,
      // and ticking consent on the row that took the STOP is refused outright, to say so.
      const blocked = textingOf(sqlite, input.borrowerId, phone.number).revoked;
      if (blocked && existing?.e164 === phone.number && input.smsConsent && existing.sms_consent === 0) {
        throw new AppError('conflict', `the borrower opted out of texts on this number (${blocked.since}); texting comes back only when they reply START, or with their consent recorded with its source`, 'smsConsent');
      }
      const phoneId = existing?.id ?? `phone_${randomUUID()}`;
      runCommand(store, actor!, 'borrowers.savePhone', input, () => {
        const values = { id: phoneId, borrowerId: input.borrowerId, e164: phone.number, label: input.label, type: input.type, primary: input.isPrimary ? 1 : 0, active: input.isActive ? 1 : 0, consent: input.smsConsent ? 1 : 0 };
        if (existing) {
          sqlite.prepare('UPDATE phones SET e164 = @e164, label = @label, type = @type, is_primary = @primary, is_active = @active, sms_consent = @consent WHERE id = @id').run(values);
        } else {
          sqlite.prepare('INSERT INTO phones (id, borrower_id, e164, label, type, is_primary, is_active, sms_consent) VALUES (@id, @borrowerId, @e164, @label, @type, @primary, @active, @consent)').run(values);
        }
        if (input.isPrimary) demotePrimary('phones', input.borrowerId, phoneId);
        const payload = { phoneId, e164: phone.number, label: input.label, isPrimary: input.isPrimary, isActive: input.isActive, smsConsent: input.smsConsent, textingBlockedSince: blocked?.since ?? null };
        return { value: null, audit: [{ type: existing ? 'borrower.phone_updated' : 'borrower.phone_added', entityType: 'borrower', entityId: input.borrowerId, payload }] };
      });
      broadcast('cases.changed', { caseIds: casesOfBorrower(store, input.borrowerId) });
      return { phoneId, textingBlockedSince: blocked?.since ?? null };
    },

    'borrowers.saveEmail': (input, { actor, broadcast }) => {
      requireBorrower(input.borrowerId);
      const existing = input.emailId ? (sqlite.prepare('SELECT id FROM emails WHERE id = ? AND borrower_id = ?').get(input.emailId, input.borrowerId) as { id: string } | undefined) : undefined;
      if (input.emailId && !existing) throw new AppError('not_found', `the borrower has no email ${input.emailId}`, 'emailId');
      const emailId = existing?.id ?? `email_${randomUUID()}`;
      runCommand(store, actor!, 'borrowers.saveEmail', input, () => {
        const values = { id: emailId, borrowerId: input.borrowerId, email: input.email, label: input.label, primary: input.isPrimary ? 1 : 0, active: input.isActive ? 1 : 0 };
        if (existing) sqlite.prepare('UPDATE emails SET email = @email, label = @label, is_primary = @primary, is_active = @active WHERE id = @id').run(values);
        else sqlite.prepare('INSERT INTO emails (id, borrower_id, email, label, is_primary, is_active) VALUES (@id, @borrowerId, @email, @label, @primary, @active)').run(values);
        if (input.isPrimary) demotePrimary('emails', input.borrowerId, emailId);
        return { value: null, audit: [{ type: existing ? 'borrower.email_updated' : 'borrower.email_added', entityType: 'borrower', entityId: input.borrowerId, payload: { emailId, email: input.email, isPrimary: input.isPrimary, isActive: input.isActive } }] };
      });
      broadcast('cases.changed', { caseIds: casesOfBorrower(store, input.borrowerId) });
      return { emailId };
    },

    'borrowers.setPreferences': (input, { actor, broadcast }) => {
      const borrower = requireBorrower(input.borrowerId);
      runCommand(store, actor!, 'borrowers.setPreferences', input, () => {
        const preferences = { ...(input.channel ? { channel: input.channel } : {}), ...(input.hours ? { hours: input.hours } : {}) };
        sqlite.prepare('UPDATE borrowers SET language = ?, communication_preferences = ? WHERE id = ?').run(input.language, JSON.stringify(preferences), input.borrowerId);
        const from = { language: borrower.language, ...(JSON.parse(borrower.communication_preferences) as object) };
        return { value: null, audit: [{ type: 'borrower.preferences_updated', entityType: 'borrower', entityId: input.borrowerId, payload: { from, to: { language: input.language, ...preferences } } }] };
      });
      broadcast('cases.changed', { caseIds: casesOfBorrower(store, input.borrowerId) });
      return null;
    },

    ...textConsentHandlers(store),
  };
}
