import { AppError } from '../../src-shared/errors';
import type { Store } from '../store/open-store';
import { runCommand, type Actor } from '../store/run-command';

/**
 * A manual contact with a do-not-contact borrower went ahead on a supervisor's override; it is
 * good for one contact, so the contact consumes it (before it leaves, so a retry cannot reuse it).
 * Nothing happens for a borrower who is not marked do-not-contact.
 */
export function useDoNotContactOverride(store: Store, actor: Actor, party: { borrowerId: string; caseId: string | null }, at: string): void {
  const { sqlite } = store;
  const dnc = sqlite.prepare('SELECT do_not_contact FROM borrowers WHERE id = ?').pluck().get(party.borrowerId) === 1;
  if (!dnc) return;
  runCommand(store, actor, 'contacts.useDoNotContactOverride', { caseId: party.caseId }, () => {
    const override = sqlite
      .prepare('SELECT id FROM contact_overrides WHERE borrower_id = ? AND used_at IS NULL AND granted_at <= ? AND expires_at > ? ORDER BY granted_at LIMIT 1')
      .pluck().get(party.borrowerId, at, at) as string | undefined;
    if (!override) throw new AppError('forbidden', 'the do-not-contact override was used or expired before the contact', 'caseId');
    sqlite.prepare('UPDATE contact_overrides SET used_at = ? WHERE id = ?').run(at, override);
    return { value: null, audit: [{ type: 'contact.dnc_override_used', entityType: 'contact_override', entityId: override, payload: { caseId: party.caseId } }] };
  });
}
