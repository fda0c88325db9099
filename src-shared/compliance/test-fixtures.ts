import type { Channel, ContactOutcome } from '../domain/vocabulary';
import { canContact } from './can-contact';
import type { BorrowerContactProfile, CanContactInput, ContactAddress, ContactDecision, ContactRecord } from './types';

/** Builders shared by the compliance tests: a contactable borrower unless a test says otherwise. */
export const MOBILE: ContactAddress = { address: '+18685550100', valid: true, isMobile: true, smsConsent: true, optedOut: false, active: true };

export const TT_BORROWER: BorrowerContactProfile = {
  doNotContact: false,
  timezone: 'America/Port_of_Spain',
  jurisdiction: 'TT',
  preferredHours: null,
  preferredChannel: null,
  legalRepresentativeActive: false,
  activeDispute: false,
  bankruptcy: false,
  textOptOuts: [],
};

type Request = Partial<Omit<CanContactInput, 'borrower' | 'to'>> & { borrower?: Partial<BorrowerContactProfile>; to?: Partial<ContactAddress> | null };

export function request(overrides: Request = {}): CanContactInput {
  const { borrower, to, ...rest } = overrides;
  return {
    loanId: 'L1',
    channel: 'voice',
    at: '2024-06-03T15:00:00Z',
    manual: false,
    override: null,
    rule: null,
    history: [],
    ...rest,
    borrower: { ...TT_BORROWER, ...borrower },
    to: to === null ? null : { ...MOBILE, ...to },
  };
}

export function check(overrides: Request = {}): ContactDecision {
  return canContact(request(overrides));
}

export function outbound(at: string, channel: Channel = 'voice', outcome: ContactOutcome = 'attempt', loanId = 'L1'): ContactRecord {
  return { loanId, channel, direction: 'outbound', outcome, at };
}

export function inbound(at: string, channel: Channel = 'voice', outcome: ContactOutcome = 'conversation', loanId = 'L1'): ContactRecord {
  return { loanId, channel, direction: 'inbound', outcome, at };
}

export const allowedAt = (at: string): ContactDecision => ({ allowed: true, reasons: [], nextAllowedAt: new Date(at).toISOString() });
