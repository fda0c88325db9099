import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { DunningScheduleInput, FeeScheduleInput, QueueInput, SlaConfigInput } from '../../src-shared/contract';
import { AppError } from '../../src-shared/errors';
import type { Store } from '../store/open-store';
import { runCommand, type Actor } from '../store/run-command';
import { listTemplates } from '../templates';
import { dunningScheduleView, feeScheduleView, queueView, slaConfigViews } from './configuration-views';

/**
 * Changes to the configuration tables. Each is one command (`runCommand`): audited, and pushed to
 * the relay, which checks again that the actor holds `admin_settings`. Beyond the contract's
 * schemas, what only the ledger can tell is checked here: the collectors, products and templates
 * named must exist.
 */

function requireActiveUsers(sqlite: Database.Database, ids: readonly string[], field: string): void {
  const check = sqlite.prepare(`SELECT 1 FROM users WHERE id = ? AND active = 1 AND role IN ('agent', 'supervisor')`).pluck();
  ids.forEach((id, index) => {
    if (check.get(id) === undefined) throw new AppError('validation', `${field}.${index}: ${id} is not an active agent or supervisor`, `${field}.${index}`);
  });
}

function requireProduct(sqlite: Database.Database, code: string | null, field: string): void {
  if (code !== null && sqlite.prepare('SELECT 1 FROM products WHERE code = ?').pluck().get(code) === undefined) {
    throw new AppError('validation', `${field}: there is no product ${code}`, field);
  }
}

/** Rows of a child table kept to exactly `keep`: others of the parent are removed. */
function removeOthers(sqlite: Database.Database, table: 'queue_rules' | 'dunning_steps', parentColumn: string, parentId: string, keep: readonly string[]): void {
  const existing = sqlite.prepare(`SELECT id FROM ${table} WHERE ${parentColumn} = ?`).pluck().all(parentId) as string[];
  const remove = sqlite.prepare(`DELETE FROM ${table} WHERE id = ?`);
  for (const id of existing) if (!keep.includes(id)) remove.run(id);
}

export function saveQueue(store: Store, actor: Actor, input: QueueInput) {
  const { sqlite } = store;
  if (input.id !== undefined && sqlite.prepare('SELECT 1 FROM queues WHERE id = ?').pluck().get(input.id) === undefined) throw new AppError('not_found', `no queue ${input.id}`, 'id');
  requireActiveUsers(sqlite, input.memberIds, 'memberIds');
  input.rules.forEach((rule, index) => requireProduct(sqlite, rule.productCode, `rules.${index}.productCode`));
  const id = input.id ?? randomUUID();
  runCommand(store, actor, 'settings.saveQueue', input, () => {
    sqlite
      .prepare(`INSERT INTO queues (id, name, priority, default_collector_id, is_active) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET name = excluded.name, priority = excluded.priority, default_collector_id = excluded.default_collector_id, is_active = excluded.is_active`)
      .run(id, input.name, input.priority, input.defaultCollectorId, input.isActive ? 1 : 0);
    const ruleIds = input.rules.map((rule) => rule.id ?? randomUUID());
    removeOthers(sqlite, 'queue_rules', 'queue_id', id, ruleIds);
    const upsertRule = sqlite.prepare(`INSERT INTO queue_rules (id, queue_id, dpd_min, dpd_max, balance_min_minor, balance_max_minor, product_code, risk_grade) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET dpd_min = excluded.dpd_min, dpd_max = excluded.dpd_max, balance_min_minor = excluded.balance_min_minor,
        balance_max_minor = excluded.balance_max_minor, product_code = excluded.product_code, risk_grade = excluded.risk_grade WHERE queue_rules.queue_id = excluded.queue_id`);
    input.rules.forEach((rule, index) => {
      const written = upsertRule.run(ruleIds[index], id, rule.dpdMin, rule.dpdMax, rule.balanceMinMinor, rule.balanceMaxMinor, rule.productCode, rule.riskGrade).changes;
      if (written === 0) throw new AppError('validation', `rules.${index}.id: rule ${rule.id} belongs to another queue`, `rules.${index}.id`);
    });
    const members = sqlite.prepare('SELECT user_id FROM queue_members WHERE queue_id = ?').pluck().all(id) as string[];
    const removeMember = sqlite.prepare('DELETE FROM queue_members WHERE queue_id = ? AND user_id = ?');
    for (const userId of members) if (!input.memberIds.includes(userId)) removeMember.run(id, userId);
    const upsertMember = sqlite.prepare(`INSERT INTO queue_members (queue_id, user_id, position) VALUES (?, ?, ?)
      ON CONFLICT(queue_id, user_id) DO UPDATE SET position = excluded.position`);
    input.memberIds.forEach((userId, position) => upsertMember.run(id, userId, position));
    return { value: null, audit: [{ type: 'settings.queue_saved', entityType: 'queue', entityId: id, payload: input }] };
  });
  return queueView(sqlite, id);
}

export function saveDunningSchedule(store: Store, actor: Actor, input: DunningScheduleInput) {
  const { sqlite } = store;
  if (input.id !== undefined && sqlite.prepare('SELECT 1 FROM dunning_schedules WHERE id = ?').pluck().get(input.id) === undefined) {
    throw new AppError('not_found', `no dunning schedule ${input.id}`, 'id');
  }
  // A step names a template every language falls back to: an English file must exist.
  const shipped = new Set(listTemplates().filter((template) => template.language === 'en').map((template) => template.name));
  input.steps.forEach((step, index) => {
    if (!shipped.has(step.templateName)) throw new AppError('validation', `steps.${index}.templateName: there is no template ${step.templateName}`, `steps.${index}.templateName`);
  });
  const id = input.id ?? randomUUID();
  runCommand(store, actor, 'settings.saveDunningSchedule', input, () => {
    if (input.isDefault) sqlite.prepare('UPDATE dunning_schedules SET is_default = 0 WHERE id <> ? AND is_default = 1').run(id);
    sqlite
      .prepare(`INSERT INTO dunning_schedules (id, name, is_default) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, is_default = excluded.is_default`)
      .run(id, input.name, input.isDefault ? 1 : 0);
    const stepIds = input.steps.map((step) => step.id ?? randomUUID());
    removeOthers(sqlite, 'dunning_steps', 'schedule_id', id, stepIds);
    const upsertStep = sqlite.prepare(`INSERT INTO dunning_steps (id, schedule_id, dpd_trigger, channel, template_name, suppress_during, escalate) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET dpd_trigger = excluded.dpd_trigger, channel = excluded.channel, template_name = excluded.template_name,
        suppress_during = excluded.suppress_during, escalate = excluded.escalate WHERE dunning_steps.schedule_id = excluded.schedule_id`);
    input.steps.forEach((step, index) => {
      const written = upsertStep.run(stepIds[index], id, step.dpdTrigger, step.channel, step.templateName, JSON.stringify(step.suppressDuring), step.escalate ? 1 : 0).changes;
      if (written === 0) throw new AppError('validation', `steps.${index}.id: step ${step.id} belongs to another schedule`, `steps.${index}.id`);
    });
    return { value: null, audit: [{ type: 'settings.dunning_schedule_saved', entityType: 'dunning_schedule', entityId: id, payload: input }] };
  });
  return dunningScheduleView(sqlite, id);
}

export function saveSlaConfigs(store: Store, actor: Actor, configs: readonly SlaConfigInput[]) {
  const { sqlite } = store;
  const stages = configs.map((config) => config.stage);
  const repeated = stages.findIndex((stage, index) => stages.indexOf(stage) !== index);
  if (repeated >= 0) throw new AppError('validation', `configs.${repeated}.stage: ${stages[repeated]} is listed twice`, `configs.${repeated}.stage`);
  runCommand(store, actor, 'settings.saveSlaConfigs', { configs }, () => {
    const upsert = sqlite.prepare(`INSERT INTO sla_configs (stage, first_contact_hours, follow_up_hours) VALUES (?, ?, ?)
      ON CONFLICT(stage) DO UPDATE SET first_contact_hours = excluded.first_contact_hours, follow_up_hours = excluded.follow_up_hours`);
    for (const config of configs) upsert.run(config.stage, config.firstContactHours, config.followUpHours);
    return { value: null, audit: configs.map((config) => ({ type: 'settings.sla_saved', entityType: 'sla_config', entityId: config.stage, payload: config })) };
  });
  return slaConfigViews(sqlite);
}

export function saveFeeSchedule(store: Store, actor: Actor, input: FeeScheduleInput) {
  const { sqlite } = store;
  requireProduct(sqlite, input.productCode, 'productCode');
  if (input.id !== undefined && sqlite.prepare('SELECT 1 FROM fee_schedules WHERE id = ?').pluck().get(input.id) === undefined) throw new AppError('not_found', `no fee schedule ${input.id}`, 'id');
  const clash = sqlite.prepare('SELECT id FROM fee_schedules WHERE product_code = ? AND currency = ? AND id <> ?').pluck().get(input.productCode, input.currency, input.id ?? '');
  if (clash !== undefined) throw new AppError('conflict', `currency: ${input.productCode} already has a ${input.currency} fee schedule`, 'currency');
  const id = input.id ?? randomUUID();
  runCommand(store, actor, 'settings.saveFeeSchedule', input, () => {
    sqlite
      .prepare(`INSERT INTO fee_schedules (id, product_code, currency, grace_days, flat_fee_minor, percent_bps, max_fee_minor) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET product_code = excluded.product_code, currency = excluded.currency, grace_days = excluded.grace_days,
          flat_fee_minor = excluded.flat_fee_minor, percent_bps = excluded.percent_bps, max_fee_minor = excluded.max_fee_minor`)
      .run(id, input.productCode, input.currency, input.graceDays, input.flatFeeMinor, input.percentBps, input.maxFeeMinor);
    return { value: null, audit: [{ type: 'settings.fee_schedule_saved', entityType: 'fee_schedule', entityId: id, payload: input }] };
  });
  return feeScheduleView(sqlite.prepare('SELECT * FROM fee_schedules WHERE id = ?').get(id) as Record<string, string | number | null>);
}
