import { COMPLIANCE_ATTEMPT_LIMIT, type CaseComplianceView, type ContactAttemptView } from '../../src-shared/contract';
import { appliesRegulationF, countsAcrossLoans, presetRule } from '../../src-shared/compliance/rules';
import { CHANNELS } from '../../src-shared/domain/vocabulary';
import { requireCase } from '../case-work/require-case';
import { ruleFor } from '../compliance/contact-facts';
import { textingByNumber } from '../compliance/text-opt-outs';
import type { HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';
import type { CommunicationPreferences } from '../store/schema/people';

interface PartyRow {
  borrower_id: string;
  loan_id: string;
  jurisdiction: string;
  timezone: string | null;
  do_not_contact: number;
  communication_preferences: string;
  sub_status: string | null;
  dispute_flag: number;
}

interface AttemptRow extends Omit<ContactAttemptView, 'blocked' | 'blockedReasons' | 'onThisLoan'> {
  loan_id: string;
  blocked: number;
  blocked_reasons: string | null;
}

const flag = (value: number) => value === 1;

/** `cases.compliance`: everything the compliance gate weighs about the case's borrower, for the agent to read. */
export function caseComplianceHandlers(store: Store): HandlerSlice<'cases.compliance'> {
  const { sqlite } = store;
  const party = sqlite.prepare(`SELECT b.id AS borrower_id, l.id AS loan_id, b.jurisdiction, b.timezone, b.do_not_contact, b.communication_preferences, l.sub_status, c.dispute_flag
    FROM cases c JOIN loans l ON l.id = c.loan_id JOIN borrowers b ON b.id = l.borrower_id WHERE c.id = ?`);
  const representatives = sqlite.prepare(`SELECT name, type, firm, active_from AS activeFrom, active_to AS activeTo,
      (active_from <= @today AND (active_to IS NULL OR active_to >= @today)) AS activeNow
    FROM legal_representatives WHERE borrower_id = @borrowerId ORDER BY active_from DESC`);
  const overrides = sqlite.prepare(`SELECT o.id, u.name AS grantedByName, o.reason, o.granted_at AS grantedAt, o.expires_at AS expiresAt, o.used_at AS usedAt
    FROM contact_overrides o LEFT JOIN users u ON u.id = o.granted_by WHERE o.borrower_id = ? ORDER BY o.granted_at DESC`);
  const phones = sqlite.prepare(`SELECT e164, label, type, is_primary AS isPrimary, is_active AS active, sms_consent AS smsConsent
    FROM phones WHERE borrower_id = ? ORDER BY is_primary DESC, is_active DESC, id`);
  const emails = sqlite.prepare(`SELECT email, label, is_primary AS isPrimary, is_active AS active, opted_out AS optedOut FROM emails WHERE borrower_id = ? ORDER BY is_primary DESC, is_active DESC, id`);
  const consents = sqlite.prepare('SELECT consent_type AS type, granted_at AS grantedAt, revoked_at AS revokedAt FROM consents WHERE borrower_id = ? ORDER BY granted_at DESC');
  const tallies = sqlite.prepare(`SELECT channel,
      sum(direction = 'outbound' AND blocked = 0) AS outbound, sum(direction = 'inbound') AS inbound, sum(blocked) AS blocked, max(at) AS lastAt
    FROM contact_attempts WHERE borrower_id = ? GROUP BY channel`);
  const attempts = sqlite.prepare(`SELECT id, loan_id, channel, direction, outcome, at, source, blocked, blocked_reasons
    FROM contact_attempts WHERE borrower_id = ? ORDER BY at DESC, id DESC LIMIT ${COMPLIANCE_ATTEMPT_LIMIT}`);

  /** A number's opt-out binds it, whichever row holds it; a restored number's rows keep their STOP mark, which no longer speaks for it. */
  const phonesOf = (borrowerId: string): CaseComplianceView['phones'] => {
    const texting = textingByNumber(sqlite, borrowerId);
    return (phones.all(borrowerId) as (Omit<CaseComplianceView['phones'][number], 'isPrimary' | 'active' | 'smsConsent' | 'optedOutAt'> & { isPrimary: number; active: number; smsConsent: number })[])
      .map((phone) => ({ ...phone, isPrimary: flag(phone.isPrimary), active: flag(phone.active), smsConsent: flag(phone.smsConsent), optedOutAt: texting.get(phone.e164)?.revoked?.since ?? null }));
  };

  return {
    'cases.compliance': ({ caseId }) => {
      requireCase(sqlite, caseId);
      const p = party.get(caseId) as PartyRow;
      const today = new Date().toISOString().slice(0, 10);
      const preferences = JSON.parse(p.communication_preferences) as CommunicationPreferences;
      const stored = ruleFor(sqlite, p.jurisdiction);
      const rule = stored ?? presetRule(p.jurisdiction);
      const byChannel = new Map((tallies.all(p.borrower_id) as { channel: string; outbound: number; inbound: number; blocked: number; lastAt: string }[]).map((row) => [row.channel, row]));
      const attemptRows = attempts.all(p.borrower_id) as AttemptRow[];
      const view: CaseComplianceView = {
        caseId,
        borrowerId: p.borrower_id,
        jurisdiction: p.jurisdiction,
        timezone: p.timezone,
        preferredHours: preferences.hours ?? null,
        preferredChannel: preferences.channel ?? null,
        holds: {
          doNotContact: flag(p.do_not_contact),
          dispute: p.sub_status === 'dispute' || flag(p.dispute_flag),
          bankruptcy: p.sub_status === 'bankruptcy',
          legalRepresentatives: (representatives.all({ today, borrowerId: p.borrower_id }) as (Omit<CaseComplianceView['holds']['legalRepresentatives'][number], 'activeNow'> & { activeNow: number })[])
            .map((rep) => ({ ...rep, activeNow: rep.activeNow === 1 })),
        },
        overrides: overrides.all(p.borrower_id) as CaseComplianceView['overrides'],
        rule: { ...rule, source: stored ? 'stored' : 'preset', countsAcrossLoans: countsAcrossLoans(rule.preset), regulationF: appliesRegulationF(rule.preset) },
        phones: phonesOf(p.borrower_id),
        emails: (emails.all(p.borrower_id) as (Omit<CaseComplianceView['emails'][number], 'isPrimary' | 'active' | 'optedOut'> & { isPrimary: number; active: number; optedOut: number })[])
          .map((email) => ({ ...email, isPrimary: flag(email.isPrimary), active: flag(email.active), optedOut: flag(email.optedOut) })),
        consents: consents.all(p.borrower_id) as CaseComplianceView['consents'],
        // Every channel, even one never used, so the agent sees a zero rather than a gap.
        tallies: CHANNELS.map((channel) => {
          const row = byChannel.get(channel);
          return { channel, outbound: row?.outbound ?? 0, inbound: row?.inbound ?? 0, blocked: row?.blocked ?? 0, lastAt: row?.lastAt ?? null };
        }),
        attempts: attemptRows.map(({ loan_id, blocked, blocked_reasons, ...attempt }) => ({
          ...attempt,
          blocked: flag(blocked),
          blockedReasons: blocked_reasons ? (JSON.parse(blocked_reasons) as string[]) : [],
          onThisLoan: loan_id === p.loan_id,
        })),
        totalAttempts: [...byChannel.values()].reduce((sum, row) => sum + row.outbound + row.inbound + row.blocked, 0),
      };
      return view;
    },
  };
}
