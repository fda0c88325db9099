import { z } from 'zod';
import type { JurisdictionRule } from '../compliance/rules';
import type { ContactDirection } from '../domain/contact-outcome';
import type { Channel, ContactOutcome } from '../domain/vocabulary';
import { CONSENT_TYPES, LEGAL_REPRESENTATIVE_TYPES } from '../domain/vocabulary';
import { defineChannel } from './define-channel';

const id = z.string().min(1).max(64);

/** How many attempts the compliance tab lists; older ones still count in the per-channel totals. */
export const COMPLIANCE_ATTEMPT_LIMIT = 200;

/** One contact attempt with the borrower, on this loan or another of theirs; a blocked one never went out. */
export interface ContactAttemptView {
  id: string;
  channel: Channel;
  direction: ContactDirection;
  outcome: ContactOutcome;
  at: string;
  source: 'tape' | 'activity' | 'twilio' | 'email' | 'letter';
  blocked: boolean;
  /** The gate's reasons for a blocked attempt (`ContactReason`s), in its order; empty otherwise. */
  blockedReasons: string[];
  /** False for an attempt on another of the borrower's loans, which still counts toward cross-loan caps. */
  onThisLoan: boolean;
}

/** Every attempt ever recorded on one channel, not only the listed ones. */
export interface ChannelTally {
  channel: Channel;
  /** Outbound attempts that went out (any outcome). */
  outbound: number;
  inbound: number;
  /** Outbound attempts the gate refused. */
  blocked: number;
  /** The latest attempt of any kind. */
  lastAt: string | null;
}

/** The rule the gate applies to this borrower, and whether a stored row or the built-in preset supplied it. */
export interface AppliedRule extends JurisdictionRule {
  source: 'stored' | 'preset';
  /** Seed 003 caps count contacts on all the borrower's loans; the US rules count per debt. */
  countsAcrossLoans: boolean;
  regulationF: boolean;
}

export interface CaseComplianceView {
  caseId: string;
  borrowerId: string;
  jurisdiction: string;
  timezone: string | null;
  /** The borrower's own contact window, which narrows the rule's hours for automated contact. */
  preferredHours: { start: string; end: string } | null;
  preferredChannel: string | null;
  holds: {
    doNotContact: boolean;
    dispute: boolean;
    bankruptcy: boolean;
    legalRepresentatives: { name: string; type: (typeof LEGAL_REPRESENTATIVE_TYPES)[number]; firm: string | null; activeFrom: string; activeTo: string | null; activeNow: boolean }[];
  };
  /** Supervisors' one-contact permissions to call a do-not-contact borrower, newest first. */
  overrides: { id: string; grantedByName: string | null; reason: string; grantedAt: string; expiresAt: string; usedAt: string | null }[];
  rule: AppliedRule;
  phones: { e164: string; label: string; type: string; isPrimary: boolean; active: boolean; smsConsent: boolean; optedOutAt: string | null }[];
  emails: { email: string; label: string; isPrimary: boolean; active: boolean; optedOut: boolean }[];
  consents: { type: (typeof CONSENT_TYPES)[number]; grantedAt: string; revokedAt: string | null }[];
  tallies: ChannelTally[];
  /** Newest first, at most `COMPLIANCE_ATTEMPT_LIMIT`. */
  attempts: ContactAttemptView[];
  totalAttempts: number;
}

export const caseComplianceChannels = {
  /** Contact history, holds, consents and the jurisdiction's rule for the case's borrower (the compliance tab). */
  'cases.compliance': defineChannel<CaseComplianceView>()({ input: z.object({ caseId: id }).strict(), permission: 'view_cases', kind: 'query' }),
};
