import { randomUUID } from 'node:crypto';
import { requireActiveCase, requireCase } from '../case-work/require-case';
import { checkContact } from '../compliance/contact-facts';
import { useDoNotContactOverride } from '../compliance/use-override';
import { contactPartyOf, insertContactAttempt } from '../recovery/recovery-records';
import { runCommand } from '../store/run-command';
import type { HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';
import type { Communications } from './communications';

type Slice =
  | 'communications.status' | 'communications.saveTwilio' | 'communications.clearTwilio' | 'communications.saveSmtp' | 'communications.clearSmtp'
  | 'communications.testSmtp' | 'compliance.check' | 'compliance.prepareCall';

/** Communication settings (admins; secrets go in, never out) and the agent's "may I contact now?". */
export function communicationHandlers(store: Store, communications: Communications): HandlerSlice<Slice> {
  return {
    'communications.status': () => communications.status(),
    'communications.saveTwilio': (input) => communications.saveTwilio(input),
    'communications.clearTwilio': () => communications.clearTwilio(),
    'communications.saveSmtp': (input) => communications.saveSmtp(input),
    'communications.clearSmtp': () => communications.clearSmtp(),
    'communications.testSmtp': async () => {
      await communications.testSmtp();
      return { ok: true as const };
    },
    'compliance.check': (input) => {
      const at = new Date().toISOString();
      const loanId = requireCase(store.sqlite, input.caseId).loan_id;
      return { ...checkContact(store.sqlite, { loanId, channel: input.channel, at, manual: true }), channel: input.channel, at };
    },
    'compliance.prepareCall': (input, { actor, broadcast }) => {
      const at = new Date().toISOString();
      const party = contactPartyOf(store.sqlite, { caseId: requireActiveCase(store.sqlite, input.caseId).id });
      const decision = checkContact(store.sqlite, { loanId: party.loanId, channel: 'voice', at, manual: true });
      if (decision.allowed) useDoNotContactOverride(store, actor!, party, at);
      else {
        runCommand(store, actor!, 'compliance.prepareCall', input, () => {
          const id = randomUUID();
          insertContactAttempt(store.sqlite, { id, borrowerId: party.borrowerId, loanId: party.loanId, channel: 'voice', outcome: 'attempt', at, blockedReasons: decision.reasons, source: 'activity' });
          return { value: null, audit: [{ type: 'contact.blocked', entityType: 'contact_attempt', entityId: id, payload: { caseId: input.caseId, channel: 'voice', reasons: decision.reasons } }] };
        });
        broadcast('cases.changed', { caseIds: [input.caseId] });
      }
      return { ...decision, channel: 'voice' as const, at };
    },
  };
}
