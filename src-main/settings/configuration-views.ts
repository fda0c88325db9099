import type Database from 'better-sqlite3';
import type { Channel, Stage, SubStatus } from '../../src-shared/domain/vocabulary';
import { AppError } from '../../src-shared/errors';
import type { DunningScheduleView, FeeScheduleView, QueueView, SettingsConfiguration, SlaConfigView } from '../../src-shared/contract';

type Row = Record<string, string | number | null>;

export function queueView(sqlite: Database.Database, id: string): QueueView {
  const queue = sqlite.prepare('SELECT * FROM queues WHERE id = ?').get(id) as Row | undefined;
  if (!queue) throw new AppError('not_found', `no queue ${id}`, 'id');
  const rules = (sqlite.prepare('SELECT * FROM queue_rules WHERE queue_id = ? ORDER BY id').all(id) as Row[]).map((rule) => ({
    id: String(rule.id),
    dpdMin: rule.dpd_min as number | null,
    dpdMax: rule.dpd_max as number | null,
    balanceMinMinor: rule.balance_min_minor as number | null,
    balanceMaxMinor: rule.balance_max_minor as number | null,
    productCode: rule.product_code as string | null,
    riskGrade: rule.risk_grade as string | null,
  }));
  return {
    id,
    name: String(queue.name),
    priority: Number(queue.priority),
    isActive: queue.is_active === 1,
    defaultCollectorId: queue.default_collector_id as string | null,
    memberIds: sqlite.prepare('SELECT user_id FROM queue_members WHERE queue_id = ? ORDER BY position').pluck().all(id) as string[],
    rules,
    openCases: sqlite.prepare('SELECT count(*) FROM cases WHERE queue_id = ? AND active = 1').pluck().get(id) as number,
  };
}

export function dunningScheduleView(sqlite: Database.Database, id: string): DunningScheduleView {
  const schedule = sqlite.prepare('SELECT * FROM dunning_schedules WHERE id = ?').get(id) as Row | undefined;
  if (!schedule) throw new AppError('not_found', `no dunning schedule ${id}`, 'id');
  const steps = (sqlite.prepare('SELECT * FROM dunning_steps WHERE schedule_id = ? ORDER BY dpd_trigger, channel').all(id) as Row[]).map((step) => ({
    id: String(step.id),
    dpdTrigger: Number(step.dpd_trigger),
    channel: step.channel as Channel,
    templateName: String(step.template_name),
    suppressDuring: JSON.parse(String(step.suppress_during)) as SubStatus[],
    escalate: step.escalate === 1,
  }));
  return {
    id,
    name: String(schedule.name),
    isDefault: schedule.is_default === 1,
    steps,
    productCodes: sqlite.prepare('SELECT code FROM products WHERE dunning_schedule_id = ? ORDER BY code').pluck().all(id) as string[],
  };
}

export function slaConfigViews(sqlite: Database.Database): SlaConfigView[] {
  const rows = sqlite.prepare('SELECT stage, first_contact_hours, follow_up_hours FROM sla_configs').all() as Row[];
  const order = ['early_1_30', 'mid_31_60', 'late_61_90', 'severe_90_plus'];
  return rows
    .map((row) => ({ stage: row.stage as Stage, firstContactHours: Number(row.first_contact_hours), followUpHours: Number(row.follow_up_hours) }))
    .sort((a, b) => order.indexOf(a.stage) - order.indexOf(b.stage));
}

export function feeScheduleView(row: Row): FeeScheduleView {
  return {
    id: String(row.id),
    productCode: String(row.product_code),
    currency: String(row.currency),
    graceDays: Number(row.grace_days),
    flatFeeMinor: Number(row.flat_fee_minor),
    percentBps: Number(row.percent_bps),
    maxFeeMinor: row.max_fee_minor as number | null,
  };
}

/** Everything the configuration sections show, read in one go. */
export function settingsConfiguration(sqlite: Database.Database): SettingsConfiguration {
  const queueIds = sqlite.prepare('SELECT id FROM queues ORDER BY priority, name').pluck().all() as string[];
  const scheduleIds = sqlite.prepare('SELECT id FROM dunning_schedules ORDER BY is_default DESC, name').pluck().all() as string[];
  return {
    queues: queueIds.map((id) => queueView(sqlite, id)),
    dunningSchedules: scheduleIds.map((id) => dunningScheduleView(sqlite, id)),
    slaConfigs: slaConfigViews(sqlite),
    feeSchedules: (sqlite.prepare('SELECT * FROM fee_schedules ORDER BY product_code, currency').all() as Row[]).map(feeScheduleView),
    products: (sqlite.prepare('SELECT code, name, kind, dunning_schedule_id FROM products ORDER BY code').all() as Row[]).map((row) => ({
      code: String(row.code),
      name: String(row.name),
      kind: String(row.kind),
      dunningScheduleId: row.dunning_schedule_id as string | null,
    })),
    collectors: sqlite.prepare(`SELECT id, name FROM users WHERE active = 1 AND role IN ('agent', 'supervisor') ORDER BY name`).all() as { id: string; name: string }[],
  };
}
