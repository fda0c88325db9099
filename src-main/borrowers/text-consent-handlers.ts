import { businessDateAt, type IsoDate } from '../../src-shared/dates';
import { AppError } from '../../src-shared/errors';
import { restoreTextingByConsent, textingOf } from '../compliance/text-opt-outs';
import type { HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';
import { runCommand } from '../store/run-command';
import { casesOfBorrower } from './borrower-cases';

/** Where the calendar day is latest and earliest: for a borrower whose zone is unknown, a date is judged against the widest day. */
const LATEST_ZONE = 'Pacific/Kiritimati';
const EARLIEST_ZONE = 'Pacific/Pago_Pago';

function knownZone(zone: string | null): string | null {
  if (zone === null) return null;
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}

/**
 * Seed 001's consent record for texts, after an opt-out: the borrower's consent, given after their
 * STOP and recorded with how they gave it, its evidence and the day, restores texting on the number.
 * It is audited here, and the relay takes it only with that source (`row-rules.ts`).
 */
export function textConsentHandlers(store: Store): HandlerSlice<'contacts.recordTextConsent'> {
  const { sqlite } = store;
  return {
    'contacts.recordTextConsent': (input, { actor, broadcast }) => {
      const { borrowerId, e164, method, reference } = input;
      const givenOn = input.givenOn as IsoDate;
      const borrower = sqlite.prepare('SELECT timezone FROM borrowers WHERE id = ?').get(borrowerId) as { timezone: string | null } | undefined;
      if (!borrower) throw new AppError('not_found', `no borrower ${borrowerId}`, 'borrowerId');
      const held = sqlite.prepare('SELECT 1 FROM phones WHERE borrower_id = @borrowerId AND e164 = @e164 UNION ALL SELECT 1 FROM text_opt_outs WHERE borrower_id = @borrowerId AND e164 = @e164').get({ borrowerId, e164 });
      if (!held) throw new AppError('not_found', `the borrower has no number ${e164}`, 'e164');
      const { revoked } = textingOf(sqlite, borrowerId, e164);
      if (!revoked) throw new AppError('conflict', `texting ${e164} is not revoked: there is no opt-out to lift`, 'e164');
      const zone = knownZone(borrower.timezone);
      const today = businessDateAt(new Date(), zone ?? LATEST_ZONE);
      if (givenOn > today) throw new AppError('validation', `consent cannot be dated after today (${today} for the borrower)`, 'givenOn');
      // Consent from before the STOP is what the STOP withdrew.
      const stoppedOn = businessDateAt(new Date(revoked.since), zone ?? EARLIEST_ZONE);
      if (givenOn < stoppedOn) throw new AppError('validation', `the borrower opted out on ${stoppedOn}: only consent given since then can lift it`, 'givenOn');
      const restoredAt = runCommand(store, actor!, 'contacts.recordTextConsent', input, (at) => {
        const restored = restoreTextingByConsent(sqlite, borrowerId, e164, { recordedBy: actor!.id, method, reference, givenOn }, at);
        const payload = { e164, method, reference, givenOn, optedOutSince: revoked.since, optOutIds: restored.map((row) => row.id) };
        return { value: at, audit: [{ type: 'contact.text_consent_recorded', entityType: 'borrower', entityId: borrowerId, payload }] };
      });
      broadcast('cases.changed', { caseIds: casesOfBorrower(store, borrowerId) });
      return { e164, restoredAt };
    },
  };
}
