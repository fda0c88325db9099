import { requireCase } from '../case-work/require-case';
import { checkContact } from '../compliance/contact-facts';
import type { HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';
import type { Communications } from './communications';

type Slice =
  | 'communications.status' | 'communications.saveTwilio' | 'communications.clearTwilio' | 'communications.saveSmtp' | 'communications.clearSmtp'
  | 'communications.testSmtp' | 'compliance.check';

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
  };
}
