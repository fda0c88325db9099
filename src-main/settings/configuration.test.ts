import { describe, expect, it } from 'vitest';
import type { DunningScheduleView, FeeScheduleView, QueueView, SettingsConfiguration, SlaConfigView } from '../../src-shared/contract';
import { ROLE_PERMISSIONS } from '../../src-shared/roles';
import type { RowChange } from '../../src-shared/sync/protocol';
import { checkRowChange } from '../../src-shared/sync/row-rules';
import { useSeededDispatcher } from '../../tests-support/dispatcher';
import { tableCounts } from '../../tests-support/temp-store';

const seeded = useSeededDispatcher(60);

const lastOutbox = () => seeded.store.sqlite.prepare('SELECT name, actor_id, changes FROM outbox ORDER BY rowid DESC LIMIT 1').get() as { name: string; actor_id: string; changes: string };
const lastAudit = () => seeded.store.sqlite.prepare('SELECT type, entity_type, entity_id, actor_id FROM audit_events ORDER BY seq DESC LIMIT 1').get();
const configuration = async () => (await seeded.t.ok(seeded.t.sessionAs('supervisor'), 'settings.configuration', {})) as SettingsConfiguration;

/** What the relay would say of each row a command pushed, for an actor with these permissions. */
function relayVerdicts(changes: RowChange[], role: 'supervisor' | 'admin'): (string | null)[] {
  return changes.map((change) => checkRowChange({ tbl: change.tbl, before: change.base, after: change.op === 'upsert' ? change.data : null, permissions: ROLE_PERMISSIONS[role] }));
}

async function refusal(role: 'agent' | 'supervisor' | 'admin', channel: string, payload: unknown) {
  const result = await seeded.t.dispatch(seeded.t.sessionAs(role), channel, payload);
  if (result.ok) throw new Error(`${channel} was allowed`);
  return result.error;
}

describe('settings.configuration', () => {
  it('shows supervisors the queues with their rules and collectors, the dunning ladder, SLA timers and fee schedules as stored', async () => {
    const { sqlite } = seeded.store;
    const config = await configuration();
    expect(config.queues.map((queue) => queue.name)).toEqual(sqlite.prepare('SELECT name FROM queues ORDER BY priority, name').pluck().all());
    const first = config.queues[0]!;
    expect(first.memberIds).toEqual(sqlite.prepare('SELECT user_id FROM queue_members WHERE queue_id = ? ORDER BY position').pluck().all(first.id));
    expect(first.rules).toHaveLength(sqlite.prepare('SELECT count(*) FROM queue_rules WHERE queue_id = ?').pluck().get(first.id) as number);
    expect(first.openCases).toBe(sqlite.prepare('SELECT count(*) FROM cases WHERE queue_id = ? AND active = 1').pluck().get(first.id));
    const ladder = config.dunningSchedules.find((schedule) => schedule.isDefault)!;
    expect(ladder.steps.map((step) => step.dpdTrigger)).toEqual(sqlite.prepare('SELECT dpd_trigger FROM dunning_steps WHERE schedule_id = ? ORDER BY dpd_trigger, channel').pluck().all(ladder.id));
    expect(config.slaConfigs.map((sla) => sla.stage)).toEqual(['early_1_30', 'mid_31_60', 'late_61_90', 'severe_90_plus']);
    expect(config.feeSchedules).toHaveLength(sqlite.prepare('SELECT count(*) FROM fee_schedules').pluck().get() as number);
  });

  it('is not for agents', async () => {
    expect((await refusal('agent', 'settings.configuration', {})).code).toBe('forbidden');
  });
});

describe('SLA timers', () => {
  it('an admin changes a stage’s hours in one audited command the relay accepts from an admin only', async () => {
    const admin = seeded.t.sessionAs('admin');
    const saved = (await seeded.t.ok(admin, 'settings.saveSlaConfigs', { configs: [{ stage: 'mid_31_60', firstContactHours: 12, followUpHours: 36 }] })) as SlaConfigView[];
    expect(saved.find((sla) => sla.stage === 'mid_31_60')).toEqual({ stage: 'mid_31_60', firstContactHours: 12, followUpHours: 36 });
    expect(seeded.store.sqlite.prepare(`SELECT first_contact_hours, follow_up_hours FROM sla_configs WHERE stage = 'mid_31_60'`).get()).toEqual({ first_contact_hours: 12, follow_up_hours: 36 });
    expect(lastAudit()).toEqual({ type: 'settings.sla_saved', entity_type: 'sla_config', entity_id: 'mid_31_60', actor_id: admin.user!.id });
    const outbox = lastOutbox();
    expect(outbox.name).toBe('settings.saveSlaConfigs');
    const changes = JSON.parse(outbox.changes) as RowChange[];
    expect(changes.map((change) => [change.tbl, change.id])).toEqual([['sla_configs', 'mid_31_60']]);
    expect(relayVerdicts(changes, 'admin')).toEqual([null]);
    expect(relayVerdicts(changes, 'supervisor')[0]).toMatch(/needs the admin_settings permission/);
  });

  it('refuses agents and supervisors, and hours out of range by field, writing nothing', async () => {
    const before = tableCounts(seeded.store);
    const good = { configs: [{ stage: 'early_1_30', firstContactHours: 4, followUpHours: 24 }] };
    expect((await refusal('agent', 'settings.saveSlaConfigs', good)).code).toBe('forbidden');
    expect((await refusal('supervisor', 'settings.saveSlaConfigs', good)).code).toBe('forbidden');
    const zero = await refusal('admin', 'settings.saveSlaConfigs', { configs: [{ stage: 'early_1_30', firstContactHours: 0, followUpHours: 24 }] });
    expect(zero).toMatchObject({ code: 'validation', field: 'configs.0.firstContactHours' });
    const twice = await refusal('admin', 'settings.saveSlaConfigs', { configs: [good.configs[0], good.configs[0]] });
    expect(twice).toMatchObject({ code: 'validation', field: 'configs.1.stage' });
    expect(tableCounts(seeded.store)).toEqual(before);
  });
});

describe('dunning schedules', () => {
  it('an admin moves, removes and adds steps of the default ladder', async () => {
    const admin = seeded.t.sessionAs('admin');
    const ladder = (await configuration()).dunningSchedules.find((schedule) => schedule.isDefault)!;
    const [first, , ...rest] = ladder.steps;
    // The second step is left out (removed), the first moved two days, and a new one added without an id.
    const steps = [{ ...first!, dpdTrigger: first!.dpdTrigger + 2 }, ...rest, { dpdTrigger: 75, channel: 'email', templateName: 'email_escalation', suppressDuring: ['bankruptcy'], escalate: true }];
    const saved = (await seeded.t.ok(admin, 'settings.saveDunningSchedule', { id: ladder.id, name: 'Default ladder, revised', isDefault: true, steps })) as DunningScheduleView;
    expect(saved.name).toBe('Default ladder, revised');
    expect(saved.steps).toHaveLength(ladder.steps.length);
    expect(saved.steps.find((step) => step.id === first!.id)?.dpdTrigger).toBe(first!.dpdTrigger + 2);
    expect(saved.steps.some((step) => step.id === ladder.steps[1]!.id)).toBe(false);
    expect(saved.steps.find((step) => step.dpdTrigger === 75)).toMatchObject({ channel: 'email', templateName: 'email_escalation', suppressDuring: ['bankruptcy'], escalate: true });
    const changes = JSON.parse(lastOutbox().changes) as RowChange[];
    expect(changes.filter((change) => change.op === 'delete').map((change) => change.id)).toEqual([ladder.steps[1]!.id]);
    expect(relayVerdicts(changes, 'admin').every((reason) => reason === null)).toBe(true);
  });

  it('making a new schedule the default unmarks the old one', async () => {
    const admin = seeded.t.sessionAs('admin');
    const created = (await seeded.t.ok(admin, 'settings.saveDunningSchedule', { name: 'Gentle', isDefault: true, steps: [{ dpdTrigger: 5, channel: 'sms', templateName: 'sms_payment_default', suppressDuring: [], escalate: false }] })) as DunningScheduleView;
    expect(seeded.store.sqlite.prepare('SELECT id FROM dunning_schedules WHERE is_default = 1').pluck().all()).toEqual([created.id]);
  });

  it('names the step at fault: a template of another channel, an unknown template, a repeated day', async () => {
    const step = { dpdTrigger: 5, channel: 'sms', templateName: 'sms_payment_default', suppressDuring: [], escalate: false };
    const wrongChannel = await refusal('admin', 'settings.saveDunningSchedule', { name: 'X', isDefault: false, steps: [{ ...step, templateName: 'email_escalation' }] });
    expect(wrongChannel).toMatchObject({ code: 'validation', field: 'steps.0.templateName' });
    const unknown = await refusal('admin', 'settings.saveDunningSchedule', { name: 'X', isDefault: false, steps: [step, { ...step, dpdTrigger: 9, templateName: 'sms_no_such_thing' }] });
    expect(unknown).toMatchObject({ code: 'validation', field: 'steps.1.templateName' });
    expect(unknown.message).toMatch(/there is no template sms_no_such_thing/);
    expect(await refusal('admin', 'settings.saveDunningSchedule', { name: 'X', isDefault: false, steps: [step, step] })).toMatchObject({ field: 'steps.1.dpdTrigger' });
    expect((await refusal('supervisor', 'settings.saveDunningSchedule', { name: 'X', isDefault: false, steps: [step] })).code).toBe('forbidden');
  });
});

describe('queues and assignment rules', () => {
  it('an admin creates a queue with a rule and a rotation, then drops the rule', async () => {
    const admin = seeded.t.sessionAs('admin');
    const { collectors } = await configuration();
    const members = [collectors[1]!.id, collectors[0]!.id];
    const created = (await seeded.t.ok(admin, 'settings.saveQueue', {
      name: 'Auto loans 30+', priority: 5, isActive: true, memberIds: members, defaultCollectorId: members[0],
      rules: [{ dpdMin: 30, dpdMax: null, balanceMinMinor: null, balanceMaxMinor: null, productCode: null, riskGrade: 'C' }],
    })) as QueueView;
    expect(created).toMatchObject({ name: 'Auto loans 30+', priority: 5, memberIds: members, defaultCollectorId: members[0] });
    expect(created.rules).toEqual([{ id: expect.any(String), dpdMin: 30, dpdMax: null, balanceMinMinor: null, balanceMaxMinor: null, productCode: null, riskGrade: 'C' }]);
    const edited = (await seeded.t.ok(admin, 'settings.saveQueue', { id: created.id, name: 'Auto loans 30+', priority: 5, isActive: false, memberIds: [members[1]], defaultCollectorId: null, rules: [] })) as QueueView;
    expect(edited).toMatchObject({ isActive: false, memberIds: [members[1]], rules: [] });
    expect(seeded.store.sqlite.prepare('SELECT count(*) FROM queue_rules WHERE queue_id = ?').pluck().get(created.id)).toBe(0);
  });

  it('refuses a range upside down, a default collector outside the rotation, an admin or unknown user as collector', async () => {
    const { collectors } = await configuration();
    const queue = { name: 'Q', priority: 1, isActive: true, memberIds: [collectors[0]!.id], defaultCollectorId: null, rules: [] };
    const rule = { dpdMin: 60, dpdMax: 30, balanceMinMinor: null, balanceMaxMinor: null, productCode: null, riskGrade: null };
    expect(await refusal('admin', 'settings.saveQueue', { ...queue, rules: [rule] })).toMatchObject({ code: 'validation', field: 'rules.0.dpdMax' });
    expect(await refusal('admin', 'settings.saveQueue', { ...queue, defaultCollectorId: collectors[1]!.id })).toMatchObject({ field: 'defaultCollectorId' });
    const adminId = seeded.t.sessionAs('admin').user!.id;
    expect(await refusal('admin', 'settings.saveQueue', { ...queue, memberIds: [collectors[0]!.id, adminId] })).toMatchObject({ code: 'validation', field: 'memberIds.1' });
    expect(await refusal('admin', 'settings.saveQueue', { ...queue, rules: [{ ...rule, dpdMax: null, productCode: 'NOPE' }] })).toMatchObject({ field: 'rules.0.productCode' });
    expect((await refusal('supervisor', 'settings.saveQueue', queue)).code).toBe('forbidden');
  });
});

describe('fee schedules', () => {
  it('an admin adds a product’s late fee in a currency and edits it; a second one in the same currency is a conflict', async () => {
    const admin = seeded.t.sessionAs('admin');
    const { products, feeSchedules } = await configuration();
    const product = products.find((candidate) => !feeSchedules.some((fee) => fee.productCode === candidate.code && fee.currency === 'JMD'))!;
    const fee = { productCode: product.code, currency: 'JMD', graceDays: 10, flatFeeMinor: 150_000, percentBps: 0, maxFeeMinor: null };
    const created = (await seeded.t.ok(admin, 'settings.saveFeeSchedule', fee)) as FeeScheduleView;
    expect(created).toMatchObject(fee);
    const edited = (await seeded.t.ok(admin, 'settings.saveFeeSchedule', { ...fee, id: created.id, percentBps: 250, maxFeeMinor: 400_000 })) as FeeScheduleView;
    expect(edited).toMatchObject({ id: created.id, percentBps: 250, maxFeeMinor: 400_000 });
    expect(await refusal('admin', 'settings.saveFeeSchedule', fee)).toMatchObject({ code: 'conflict', field: 'currency' });
  });

  it('names the field of a fee that charges nothing, a cap below the flat fee, a bad currency', async () => {
    const { products } = await configuration();
    const fee = { productCode: products[0]!.code, currency: 'TTD', graceDays: 5, flatFeeMinor: 10_000, percentBps: 0, maxFeeMinor: null };
    expect(await refusal('admin', 'settings.saveFeeSchedule', { ...fee, flatFeeMinor: 0 })).toMatchObject({ field: 'flatFeeMinor' });
    expect(await refusal('admin', 'settings.saveFeeSchedule', { ...fee, maxFeeMinor: 5_000 })).toMatchObject({ field: 'maxFeeMinor' });
    expect(await refusal('admin', 'settings.saveFeeSchedule', { ...fee, currency: 'ttd' })).toMatchObject({ field: 'currency' });
    expect((await refusal('agent', 'settings.saveFeeSchedule', fee)).code).toBe('forbidden');
  });
});
