import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, type Permission } from '../roles';
import type { RowData } from './merge-row';
import { checkRowChange } from './row-rules';

const agent = ROLE_PERMISSIONS.agent;
const supervisor = ROLE_PERMISSIONS.supervisor;
const admin = ROLE_PERMISSIONS.admin;
const system: readonly Permission[] = [];

type Row = [string, string, RowData | null, RowData | null, readonly Permission[], string | null];

/** `expected`: null when allowed, else a fragment of the reason. */
function judge(rows: Row[]) {
  it.each(rows)('%s', (_name, tbl, before, after, permissions, expected) => {
    const reason = checkRowChange({ tbl, before, after, permissions });
    if (expected === null) expect(reason).toBeNull();
    else expect(reason).toContain(expected);
  });
}

const action = (status: string): RowData => ({ id: 'ra1', case_id: 'c1', status });
const message = (status: string): RowData => ({ id: 'm1', status, body: 'Hello' });
const promise = (status: string): RowData => ({ id: 'p1', status, amount_minor: 1000 });
const event = (status: string): RowData => ({ id: 'de1', status, reason: null });
/** The steps an offer took to reach each status, so a move's history grows by the steps between. */
const PATH: Readonly<Record<string, readonly string[]>> = {
  draft: ['draft'],
  pending_approval: ['draft', 'pending_approval'],
  approved: ['draft', 'pending_approval', 'approved'],
  rejected: ['draft', 'pending_approval', 'rejected'],
  offered: ['draft', 'pending_approval', 'approved', 'offered'],
  accepted: ['draft', 'pending_approval', 'approved', 'offered', 'accepted'],
  declined: ['draft', 'pending_approval', 'approved', 'offered', 'declined'],
  expired: ['draft', 'pending_approval', 'approved', 'offered', 'expired'],
};
const offer = (status: string, requiresApproval: 0 | 1 = 1): RowData => ({
  id: 's1', status, requires_approval: requiresApproval, history: (PATH[status] ?? [status]).map((step) => ({ status: step, by: 'u1', at: '2026-12-01T10:00:00Z' })),
});

describe('recovery_actions.status moves only forward (nextActionStatus)', () => {
  judge([
    ['pending → sent', 'recovery_actions', action('pending'), action('sent'), agent, null],
    ['sent → delivered', 'recovery_actions', action('sent'), action('delivered'), system, null],
    ['delivered → responded', 'recovery_actions', action('delivered'), action('responded'), system, null],
    ['failed → responded', 'recovery_actions', action('failed'), action('responded'), system, null],
    ['delivered → sent is refused', 'recovery_actions', action('delivered'), action('sent'), admin, 'delivered cannot become sent'],
    ['responded → delivered is refused', 'recovery_actions', action('responded'), action('delivered'), admin, 'responded cannot become delivered'],
    ['pending → responded is refused', 'recovery_actions', action('pending'), action('responded'), admin, 'pending cannot become responded'],
    ['sent → pending is refused', 'recovery_actions', action('sent'), action('pending'), admin, 'sent cannot become pending'],
    ['an unknown status is refused', 'recovery_actions', action('sent'), action('lost'), admin, 'status "lost" is not one of'],
    ['a created action in any known status', 'recovery_actions', null, action('sent'), agent, null],
    ['a created action in an unknown status is refused', 'recovery_actions', null, action('bogus'), agent, 'not one of'],
    ['other columns change freely', 'recovery_actions', action('sent'), { ...action('sent'), case_id: 'c2' }, agent, null],
  ]);
});

describe('messages.status moves only forward (nextMessageStatus)', () => {
  judge([
    ['queued → sent', 'messages', message('queued'), message('sent'), system, null],
    ['sent → delivered', 'messages', message('sent'), message('delivered'), system, null],
    ['delivered → sent is refused', 'messages', message('delivered'), message('sent'), admin, 'delivered cannot become sent'],
    ['delivered → failed is refused (outcomes are final)', 'messages', message('delivered'), message('failed'), admin, 'delivered cannot become failed'],
    ['received never changes', 'messages', message('received'), message('delivered'), admin, 'received cannot become delivered'],
    ['a created inbound message', 'messages', null, message('received'), system, null],
  ]);
});

describe('promises.status: pending → an outcome, outcomes stay', () => {
  judge([
    ['pending → kept', 'promises', promise('pending'), promise('kept'), agent, null],
    ['pending → partially_kept', 'promises', promise('pending'), promise('partially_kept'), agent, null],
    ['pending → broken', 'promises', promise('pending'), promise('broken'), agent, null],
    ['pending → cancelled', 'promises', promise('pending'), promise('cancelled'), agent, null],
    ['broken → pending is refused', 'promises', promise('broken'), promise('pending'), admin, 'broken cannot become pending'],
    ['kept → cancelled is refused', 'promises', promise('kept'), promise('cancelled'), admin, 'kept cannot become cancelled'],
    ['cancelled → kept is refused', 'promises', promise('cancelled'), promise('kept'), admin, 'cancelled cannot become kept'],
    ['a final promise’s other columns may still change', 'promises', promise('kept'), { ...promise('kept'), amount_minor: 5 }, agent, null],
  ]);
});

describe('dunning_events.status: planned → anything, deferred → sent or failed, the rest stay', () => {
  judge([
    ['planned → sent', 'dunning_events', event('planned'), event('sent'), system, null],
    ['planned → deferred', 'dunning_events', event('planned'), event('deferred'), system, null],
    ['planned → suppressed', 'dunning_events', event('planned'), event('suppressed'), system, null],
    ['deferred → sent', 'dunning_events', event('deferred'), event('sent'), system, null],
    ['deferred → failed', 'dunning_events', event('deferred'), event('failed'), system, null],
    ['deferred → planned is refused', 'dunning_events', event('deferred'), event('planned'), system, 'deferred cannot become planned'],
    ['deferred → superseded is refused', 'dunning_events', event('deferred'), event('superseded'), system, 'deferred cannot become superseded'],
    ['sent → failed is refused', 'dunning_events', event('sent'), event('failed'), system, 'sent cannot become failed'],
    ['suppressed → planned is refused', 'dunning_events', event('suppressed'), event('planned'), system, 'suppressed cannot become planned'],
  ]);
});

describe('settlement_offers.status: one lifecycle step, approvals by approve_settlement', () => {
  judge([
    ['an agent submits a draft', 'settlement_offers', offer('draft'), offer('pending_approval'), agent, null],
    ['an agent approving is refused', 'settlement_offers', offer('pending_approval'), offer('approved'), agent, 'needs the approve_settlement permission'],
    ['an agent rejecting is refused', 'settlement_offers', offer('pending_approval'), offer('rejected'), agent, 'needs the approve_settlement permission'],
    ['a supervisor approves', 'settlement_offers', offer('pending_approval'), offer('approved'), supervisor, null],
    ['a supervisor rejects', 'settlement_offers', offer('pending_approval'), offer('rejected'), supervisor, null],
    ['an approved offer is offered', 'settlement_offers', offer('approved'), offer('offered'), agent, null],
    ['a draft needing no approval is offered directly', 'settlement_offers', offer('draft', 0), offer('offered', 0), agent, null],
    ['a draft needing approval cannot be offered', 'settlement_offers', offer('draft', 1), offer('offered', 1), admin, 'an offer that is draft cannot become offered'],
    ['a draft cannot skip to approved, even for a supervisor', 'settlement_offers', offer('draft'), offer('approved'), supervisor, 'an offer that is draft cannot become approved'],
    ['offered → accepted', 'settlement_offers', offer('offered'), offer('accepted'), agent, null],
    ['offered → expired', 'settlement_offers', offer('offered'), offer('expired'), system, null],
    ['accepted is final', 'settlement_offers', offer('accepted'), offer('offered'), admin, 'an offer that is accepted cannot become offered'],
    ['a new offer is a draft', 'settlement_offers', null, offer('draft'), agent, null],
    ['a new offer cannot start approved', 'settlement_offers', null, offer('approved'), supervisor, 'starts as draft, not approved'],
    ['requires_approval cannot be dropped after drafting', 'settlement_offers', offer('draft', 1), offer('draft', 0), supervisor, 'requires_approval is fixed'],
  ]);
});

describe('insert-only tables', () => {
  const rows: Row[] = ['activities', 'contact_attempts', 'case_assignments', 'bucket_events', 'letters', 'gl_entries'].flatMap((tbl): Row[] => [
    [`${tbl}: a new row`, tbl, null, { id: 'x', note: 'a' }, agent, null],
    [`${tbl}: the same row again changes nothing`, tbl, { id: 'x', note: 'a' }, { id: 'x', note: 'a' }, agent, null],
    [`${tbl}: rewriting a row is refused`, tbl, { id: 'x', note: 'a' }, { id: 'x', note: 'b' }, admin, 'written once and never changed'],
    [`${tbl}: deleting a row is refused`, tbl, { id: 'x', note: 'a' }, null, admin, 'never deleted'],
  ]);
  judge(rows);
});

describe('configuration tables need admin_settings', () => {
  const tables = ['users', 'compliance_rules', 'queues', 'queue_rules', 'queue_members', 'dunning_schedules', 'dunning_steps', 'pre_delinquency_rules', 'sla_configs', 'fee_schedules', 'products', 'collection_agencies'];
  const rows: Row[] = tables.flatMap((tbl): Row[] => [
    [`${tbl}: an agent creating is refused`, tbl, null, { id: 'x', v: 1 }, agent, 'needs the admin_settings permission'],
    [`${tbl}: a supervisor changing is refused`, tbl, { id: 'x', v: 1 }, { id: 'x', v: 2 }, supervisor, 'needs the admin_settings permission'],
    [`${tbl}: the system changing is refused`, tbl, { id: 'x', v: 1 }, { id: 'x', v: 2 }, system, 'needs the admin_settings permission'],
    [`${tbl}: an admin creates`, tbl, null, { id: 'x', v: 1 }, admin, null],
    [`${tbl}: an admin changes`, tbl, { id: 'x', v: 1 }, { id: 'x', v: 2 }, admin, null],
    [`${tbl}: touching without changing is no change`, tbl, { id: 'x', v: 1 }, { id: 'x', v: 1 }, agent, null],
  ]);
  judge([
    ...rows,
    ['an agent raising their own role is refused', 'users', { id: 'u1', role: 'agent', active: 1 }, { id: 'u1', role: 'admin', active: 1 }, agent, 'admin_settings'],
  ]);
});

describe('deletes: only queue membership', () => {
  judge([
    ['an admin removes a queue member', 'queue_members', { queue_id: 'q1', user_id: 'u1', position: 1 }, null, admin, null],
    ['an agent removing a queue member is refused', 'queue_members', { queue_id: 'q1', user_id: 'u1', position: 1 }, null, agent, 'admin_settings'],
    ['deleting a case is refused', 'cases', { id: 'c1' }, null, admin, 'cases rows are never deleted'],
    ['deleting a promise is refused', 'promises', promise('pending'), null, admin, 'promises rows are never deleted'],
    ['deleting what is absent is nothing', 'cases', null, null, agent, null],
  ]);
});

describe('contact_overrides: granting needs override_do_not_contact; using one does not', () => {
  const granted: RowData = { id: 'o1', borrower_id: 'b1', expires_at: '2026-12-01T00:00:00.000Z', used_at: null };
  judge([
    ['a supervisor grants', 'contact_overrides', null, granted, supervisor, null],
    ['an agent granting is refused', 'contact_overrides', null, granted, agent, 'needs the override_do_not_contact permission'],
    ['an agent uses one', 'contact_overrides', granted, { ...granted, used_at: '2026-11-22T10:00:00.000Z' }, agent, null],
    ['an agent extending one is refused', 'contact_overrides', granted, { ...granted, expires_at: '2027-01-01T00:00:00.000Z' }, agent, 'may only be marked used'],
    ['an agent un-using one is refused', 'contact_overrides', { ...granted, used_at: '2026-11-22T10:00:00.000Z' }, granted, agent, 'may only be marked used'],
    ['a supervisor extends one', 'contact_overrides', granted, { ...granted, expires_at: '2027-01-01T00:00:00.000Z' }, supervisor, null],
  ]);
});

describe('borrowers and phones: lifting do-not-contact needs a supervisor; a STOP mark stays until the borrower opts in', () => {
  const borrower = (doNotContact: 0 | 1): RowData => ({ id: 'b1', do_not_contact: doNotContact, language: 'en' });
  const phone = (smsConsent: 0 | 1, optedOutAt: string | null): RowData => ({ id: 'ph1', sms_consent: smsConsent, opted_out_at: optedOutAt });
  judge([
    ['an agent sets do-not-contact', 'borrowers', borrower(0), borrower(1), agent, null],
    ['an agent lifting it is refused', 'borrowers', borrower(1), borrower(0), agent, 'needs the override_do_not_contact permission'],
    ['a supervisor lifts it', 'borrowers', borrower(1), borrower(0), supervisor, null],
    ['an agent edits a do-not-contact borrower otherwise', 'borrowers', borrower(1), { ...borrower(1), language: 'es' }, agent, null],
    ['the STOP reply revokes consent', 'phones', phone(1, null), phone(0, '2026-11-22T10:00:00.000Z'), system, null],
    // The row's consent does not speak over the opt-out: the gate keeps to the number's (text_opt_outs), and the mark stays.
    ['consent ticked on a row with a STOP mark leaves the mark, so the STOP stands', 'phones', phone(0, '2026-11-22T10:00:00.000Z'), phone(1, '2026-11-22T10:00:00.000Z'), supervisor, null],
    ['an opt-in that clears the STOP restores it', 'phones', phone(0, '2026-11-22T10:00:00.000Z'), phone(1, null), system, null],
    ['a new number with consent', 'phones', null, phone(1, null), agent, null],
    ['clearing a STOP mark is refused to a person, even a supervisor', 'phones', phone(0, '2026-11-22T10:00:00.000Z'), phone(0, null), supervisor, 'opted_out_at'],
    ['clearing it with consent is refused to a person', 'phones', phone(0, '2026-11-22T10:00:00.000Z'), phone(1, null), agent, 'opted_out_at'],
  ]);
});

describe('text_opt_outs: an opt-out sticks to the number until the borrower’s START or their recorded consent (issue 14, item 5)', () => {
  const STOP_AT = '2026-11-22T10:00:00.000Z';
  const standing: RowData = {
    id: 'to1', borrower_id: 'b1', e164: '+18685550100', opted_out_at: STOP_AT, opt_out_via: 'reply', opt_out_word: 'STOP', opt_out_reference: 'SM1',
    restored_at: null, restored_via: null, restored_by: null, restored_word: null, restored_reference: null, consent_method: null, consent_given_on: null,
  };
  const started: RowData = { ...standing, restored_at: '2026-11-25T09:00:00.000Z', restored_via: 'reply', restored_word: 'START', restored_reference: 'SM2' };
  const consented: RowData = {
    ...standing, restored_at: '2026-11-25T09:00:00.000Z', restored_via: 'recorded_consent', restored_by: 'u1', restored_reference: 'Form TC-2291', consent_method: 'signed_form', consent_given_on: '2026-11-24',
  };
  judge([
    ['anyone records a STOP', 'text_opt_outs', null, standing, agent, null],
    ['the system records one', 'text_opt_outs', null, standing, system, null],
    ['the borrower’s START, taken by the system, restores it', 'text_opt_outs', standing, started, system, null],
    ['UNSTOP does too', 'text_opt_outs', standing, { ...started, restored_word: 'UNSTOP' }, system, null],
    ['a person cannot pass a restore off as the borrower’s START', 'text_opt_outs', standing, started, supervisor, 'only the borrower’s own reply'],
    ['a START restore names its word', 'text_opt_outs', standing, { ...started, restored_word: 'YES' }, system, 'START or UNSTOP'],
    ['a START restore names its message', 'text_opt_outs', standing, { ...started, restored_reference: null }, system, 'SID'],
    ['an agent records the borrower’s consent with its source', 'text_opt_outs', standing, consented, agent, null],
    ['a consent for a number known only by its phone mark may be recorded restored at once', 'text_opt_outs', null, consented, agent, null],
    ['a restore with no source is refused', 'text_opt_outs', standing, { ...standing, restored_at: '2026-11-25T09:00:00.000Z' }, supervisor, 'restored_via'],
    ['a consent with no method is refused', 'text_opt_outs', standing, { ...consented, consent_method: null }, agent, 'consent_method'],
    ['a consent with an unknown method is refused', 'text_opt_outs', standing, { ...consented, consent_method: 'verbal' }, agent, 'consent_method'],
    ['a consent with no evidence is refused', 'text_opt_outs', standing, { ...consented, restored_reference: '  ' }, agent, 'restored_reference'],
    ['a consent with no date is refused', 'text_opt_outs', standing, { ...consented, consent_given_on: null }, agent, 'consent_given_on'],
    ['a consent given before the STOP is refused', 'text_opt_outs', standing, { ...consented, consent_given_on: '2026-11-01' }, agent, 'before the opt-out'],
    ['a consent nobody recorded is refused', 'text_opt_outs', standing, { ...consented, restored_by: null }, agent, 'restored_by'],
    ['the system does not record a person’s consent', 'text_opt_outs', standing, consented, system, 'needs the update_case permission'],
    ['a restore is final: clearing it is refused', 'text_opt_outs', started, standing, system, 'final'],
    ['a restore is final: rewriting it is refused', 'text_opt_outs', consented, { ...consented, restored_reference: 'Form TC-9999' }, supervisor, 'final'],
    ['an opt-out’s number never changes', 'text_opt_outs', standing, { ...standing, e164: '+18685550199' }, supervisor, 'e164'],
    ['an opt-out’s time never changes', 'text_opt_outs', standing, { ...standing, opted_out_at: '2027-01-01T00:00:00.000Z' }, system, 'opted_out_at'],
    ['clearing its time is refused', 'text_opt_outs', standing, { ...standing, opted_out_at: null }, system, 'opted_out_at'],
    ['a standing opt-out carries no restore columns', 'text_opt_outs', null, { ...standing, restored_by: 'u1' }, agent, 'restored_by'],
    ['deleting one is refused', 'text_opt_outs', standing, null, admin, 'never deleted'],
  ]);
});

describe('everything else', () => {
  judge([
    ['an agent updates a case', 'cases', { id: 'c1', dpd: 3 }, { id: 'c1', dpd: 4 }, agent, null],
    ['an agent creates a task', 'tasks', null, { id: 't1' }, agent, null],
    ['the system writes a phone', 'phones', { id: 'ph1', sms_consent: 1 }, { id: 'ph1', sms_consent: 0 }, system, null],
  ]);
});
