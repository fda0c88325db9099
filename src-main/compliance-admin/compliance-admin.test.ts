import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BlockedContactsReport, ComplianceCaseHit, ComplianceRuleView, ContactCheck } from '../../src-shared/contract';
import { presetRule } from '../../src-shared/compliance/rules';
import { ROLE_PERMISSIONS } from '../../src-shared/roles';
import type { RowChange } from '../../src-shared/sync/protocol';
import { checkRowChange } from '../../src-shared/sync/row-rules';
import { useSeededDispatcher } from '../../tests-support/dispatcher';

const seeded = useSeededDispatcher(60);

const as = (role: 'agent' | 'supervisor' | 'admin') => seeded.t.sessionAs(role);
const rules = async () => (await seeded.t.ok(as('supervisor'), 'complianceAdmin.rules', {})) as ComplianceRuleView[];
const check = async (caseId: string) => (await seeded.t.ok(as('agent'), 'compliance.check', { caseId, channel: 'voice' })) as ContactCheck;
async function refusal(role: 'agent' | 'supervisor' | 'admin', channel: string, payload: unknown) {
  const result = await seeded.t.dispatch(as(role), channel, payload);
  if (result.ok) throw new Error(`${channel} was allowed`);
  return result.error;
}
const lastOutbox = () => seeded.store.sqlite.prepare('SELECT name, actor_id, changes FROM outbox ORDER BY rowid DESC LIMIT 1').get() as { name: string; actor_id: string; changes: string };
const lastAudit = () => seeded.store.sqlite.prepare('SELECT type, entity_type, entity_id, actor_id FROM audit_events ORDER BY seq DESC LIMIT 1').get();
const ttHours = (hoursStart: string, hoursEnd: string) => ({ ...presetRule('TT'), hoursStart, hoursEnd });

// compliance.check reads the wall clock: hold it at 10:00 in Port of Spain (UTC−4).
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-02T14:00:00Z'));
});
afterAll(() => vi.useRealTimers());

/** A TT case whose voice call the gate allows at 10:00 under the preset, so only the hours can flip it. */
async function allowedTtCase(): Promise<string> {
  const ids = seeded.store.sqlite.prepare(`SELECT c.id FROM cases c JOIN loans l ON l.id = c.loan_id JOIN borrowers b ON b.id = l.borrower_id
    WHERE c.active = 1 AND b.jurisdiction = 'TT' ORDER BY c.id`).pluck().all() as string[];
  for (const id of ids) if ((await check(id)).allowed) return id;
  throw new Error('no TT case is callable at 10:00');
}

describe('complianceAdmin.rules', () => {
  it('lists every borrower jurisdiction and the US presets, each with the rule the gate applies and where it comes from', async () => {
    const { sqlite } = seeded.store;
    const list = await rules();
    const codes = list.map((rule) => rule.jurisdiction);
    for (const code of sqlite.prepare('SELECT DISTINCT jurisdiction FROM borrowers').pluck().all() as string[]) expect(codes).toContain(code);
    expect(codes).toEqual(expect.arrayContaining(['US', 'US-MA', 'US-NY-NYC']));
    const nyc = list.find((rule) => rule.jurisdiction === 'US-NY-NYC')!;
    expect(nyc).toMatchObject({ preset: 'US-NY-NYC', regulationF: true, countsAcrossLoans: false, presetValues: presetRule('US-NY-NYC') });
    const tt = list.find((rule) => rule.jurisdiction === 'TT')!;
    expect(tt.borrowers).toBe(sqlite.prepare(`SELECT count(*) FROM borrowers WHERE jurisdiction = 'TT'`).pluck().get());
    expect(tt.source).toBe(sqlite.prepare(`SELECT 1 FROM compliance_rules WHERE jurisdiction = 'TT'`).get() ? 'stored' : 'preset');
  });
});

describe('complianceAdmin.saveRule and resetRule', () => {
  it('an admin narrowing TT’s hours turns an allowed call into outside_hours with the new opening, and a reset allows it again', async () => {
    const caseId = await allowedTtCase();
    const admin = as('admin');
    const saved = (await seeded.t.ok(admin, 'complianceAdmin.saveRule', ttHours('11:00', '20:00'))) as ComplianceRuleView;
    expect(saved).toMatchObject({ jurisdiction: 'TT', source: 'stored', hoursStart: '11:00', hoursEnd: '20:00' });
    const refused = await check(caseId);
    expect(refused.allowed).toBe(false);
    expect(refused.reasons).toContain('outside_hours');
    expect(refused.nextAllowedAt).toBe('2026-12-02T15:00:00.000Z');

    expect(lastAudit()).toEqual({ type: 'compliance.rule_saved', entity_type: 'compliance_rule', entity_id: 'TT', actor_id: admin.user!.id });
    const pushed = lastOutbox();
    expect(pushed.name).toBe('complianceAdmin.saveRule');
    const changes = JSON.parse(pushed.changes) as RowChange[];
    expect(changes.map((change) => change.tbl)).toEqual(['compliance_rules']);
    // The relay accepts the row from an admin and would refuse it from a supervisor.
    const verdict = (role: 'admin' | 'supervisor') => changes.map((change) => checkRowChange({ tbl: change.tbl, before: change.base, after: change.op === 'upsert' ? change.data : null, permissions: ROLE_PERMISSIONS[role] }));
    expect(verdict('admin')).toEqual([null]);
    expect(verdict('supervisor')[0]).toMatch(/admin_settings/);

    const reset = (await seeded.t.ok(admin, 'complianceAdmin.resetRule', { jurisdiction: 'TT' })) as ComplianceRuleView;
    expect(reset).toMatchObject({ source: 'preset', hoursStart: presetRule('TT').hoursStart, hoursEnd: presetRule('TT').hoursEnd });
    expect(lastAudit()).toMatchObject({ type: 'compliance.rule_reset', entity_id: 'TT' });
    expect((await check(caseId)).allowed).toBe(true);
  });

  it('refuses supervisors and agents, and leaves the rule as it was', async () => {
    const before = (await rules()).find((rule) => rule.jurisdiction === 'TT');
    expect(await refusal('supervisor', 'complianceAdmin.saveRule', ttHours('12:00', '13:00'))).toMatchObject({ code: 'forbidden' });
    expect(await refusal('agent', 'complianceAdmin.saveRule', ttHours('12:00', '13:00'))).toMatchObject({ code: 'forbidden' });
    expect(await refusal('supervisor', 'complianceAdmin.resetRule', { jurisdiction: 'TT' })).toMatchObject({ code: 'forbidden' });
    expect(await refusal('agent', 'complianceAdmin.rules', {})).toMatchObject({ code: 'forbidden' });
    expect((await rules()).find((rule) => rule.jurisdiction === 'TT')).toEqual(before);
  });

  it('refuses hours that end before they start, a weekly cap below the daily one and a repeated channel, naming the field', async () => {
    expect(await refusal('admin', 'complianceAdmin.saveRule', ttHours('18:00', '09:00'))).toMatchObject({ code: 'validation', field: 'hoursEnd' });
    expect(await refusal('admin', 'complianceAdmin.saveRule', { ...presetRule('TT'), dailyCap: 5, weeklyCap: 4 })).toMatchObject({ code: 'validation', field: 'weeklyCap' });
    expect(await refusal('admin', 'complianceAdmin.saveRule', { ...presetRule('TT'), countedChannels: ['sms', 'sms'] })).toMatchObject({ code: 'validation', field: 'countedChannels' });
    expect(await refusal('admin', 'complianceAdmin.saveRule', ttHours('8:00', '20:00'))).toMatchObject({ code: 'validation', field: 'hoursStart' });
  });
});

describe('complianceAdmin.findCases', () => {
  it('finds cases by the start of the account number, with the borrower’s jurisdiction', async () => {
    const { sqlite } = seeded.store;
    const account = sqlite.prepare('SELECT account_number FROM cases WHERE active = 1 ORDER BY id LIMIT 1').pluck().get() as string;
    const hits = (await seeded.t.ok(as('supervisor'), 'complianceAdmin.findCases', { accountNumber: account.slice(0, -1) })) as ComplianceCaseHit[];
    expect(hits.map((hit) => hit.accountNumber)).toContain(account);
    for (const hit of hits) expect(hit.accountNumber.startsWith(account.slice(0, -1))).toBe(true);
    expect(await seeded.t.ok(as('supervisor'), 'complianceAdmin.findCases', { accountNumber: 'no-such-%' })).toEqual([]);
  });
});

describe('complianceAdmin.blockedReport and blockedCsv', () => {
  it('counts a call refused for do-not-contact under its reason and channel, lists it, and exports it as CSV', async () => {
    const { sqlite } = seeded.store;
    const range = { from: '2026-12-02', to: '2026-12-02' };
    const before = (await seeded.t.ok(as('supervisor'), 'complianceAdmin.blockedReport', range)) as BlockedContactsReport;
    const target = sqlite.prepare(`SELECT c.id, c.account_number, b.id AS borrower_id FROM cases c JOIN loans l ON l.id = c.loan_id JOIN borrowers b ON b.id = l.borrower_id
      WHERE c.active = 1 AND b.do_not_contact = 0 ORDER BY c.id DESC LIMIT 1`).get() as { id: string; account_number: string; borrower_id: string };
    sqlite.prepare('UPDATE borrowers SET do_not_contact = 1 WHERE id = ?').run(target.borrower_id);
    expect(((await seeded.t.ok(as('agent'), 'compliance.prepareCall', { caseId: target.id })) as ContactCheck).allowed).toBe(false);

    const after = (await seeded.t.ok(as('supervisor'), 'complianceAdmin.blockedReport', range)) as BlockedContactsReport;
    expect(after.total).toBe(before.total + 1);
    const dncVoice = (report: BlockedContactsReport) => report.groups.find((group) => group.reason === 'do_not_contact' && group.channel === 'voice')?.count ?? 0;
    expect(dncVoice(after)).toBe(dncVoice(before) + 1);
    expect(after.attempts[0]).toMatchObject({ channel: 'voice', accountNumber: target.account_number, at: '2026-12-02T14:00:00.000Z' });
    expect(after.attempts[0]!.reasons).toContain('do_not_contact');

    const elsewhere = (await seeded.t.ok(as('supervisor'), 'complianceAdmin.blockedReport', { from: '2026-12-03', to: '2026-12-31' })) as BlockedContactsReport;
    expect(elsewhere.attempts.map((attempt) => attempt.id)).not.toContain(after.attempts[0]!.id);
    const smsOnly = (await seeded.t.ok(as('supervisor'), 'complianceAdmin.blockedReport', { ...range, channel: 'sms' })) as BlockedContactsReport;
    expect(smsOnly.attempts.every((attempt) => attempt.channel === 'sms')).toBe(true);

    const exported = (await seeded.t.ok(as('supervisor'), 'complianceAdmin.blockedCsv', range)) as { filename: string; csv: string; rows: number };
    expect(exported.rows).toBe(after.total);
    const lines = exported.csv.trim().split('\n');
    expect(lines[0]).toBe('at,channel,account_number,borrower,jurisdiction,reasons');
    expect(lines).toHaveLength(after.total + 1);
    expect(lines[1]).toContain(target.account_number);
    expect(await refusal('supervisor', 'complianceAdmin.blockedReport', { from: '2026-12-05', to: '2026-12-01' })).toMatchObject({ code: 'validation', field: 'to' });
  });
});
