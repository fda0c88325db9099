import type Database from 'better-sqlite3';
import type { Channel, Stage, SubStatus } from '../../src-shared/domain/vocabulary';
import type { FeeSchedule } from '../../src-shared/domain/late-fees';
import { DEFAULT_NON_ACCRUAL_DPD } from '../../src-shared/domain/non-accrual';
import { DEFAULT_REFERENCE_RATES } from '../../src-shared/domain/priority';
import type { SlaConfigs } from '../../src-shared/engine/case-timers';
import type { DunningStep, PreDelinquencyRule } from '../../src-shared/engine/dunning-plan';

/** The configuration the daily run applies, read once per run. */
export interface EngineConfig {
  sla: SlaConfigs;
  /** Dunning steps per product code; products without a schedule of their own follow the default one. */
  dunningStepsFor(productCode: string): readonly DunningStep[];
  preDelinquencyRules: readonly PreDelinquencyRule[];
  feeScheduleFor(productCode: string, currency: string): FeeSchedule | null;
  /** Above this DPD a loan goes on non-accrual (`app_meta` key `non_accrual_dpd`, default 90). */
  nonAccrualThresholdDpd: number;
  /** USD per unit of a currency for ranking (`app_meta` `reference_rate:<CUR>`, else the defaults; unknown: 1). */
  referenceRate(currency: string): number;
}

export function readEngineConfig(sqlite: Database.Database): EngineConfig {
  const sla: SlaConfigs = {};
  for (const row of sqlite.prepare('SELECT stage, first_contact_hours, follow_up_hours FROM sla_configs').all() as { stage: Stage; first_contact_hours: number; follow_up_hours: number }[]) {
    sla[row.stage] = { firstContactHours: row.first_contact_hours, followUpHours: row.follow_up_hours };
  }
  const steps = new Map<string, DunningStep[]>();
  for (const row of sqlite.prepare('SELECT * FROM dunning_steps ORDER BY schedule_id, dpd_trigger, id').all() as {
    id: string; schedule_id: string; dpd_trigger: number; channel: Channel; template_name: string; suppress_during: string; escalate: number;
  }[]) {
    const step: DunningStep = { id: row.id, dpdTrigger: row.dpd_trigger, channel: row.channel, templateName: row.template_name, suppressDuring: JSON.parse(row.suppress_during) as SubStatus[], escalate: row.escalate === 1 };
    steps.set(row.schedule_id, [...(steps.get(row.schedule_id) ?? []), step]);
  }
  const defaultSchedule = sqlite.prepare('SELECT id FROM dunning_schedules WHERE is_default = 1 ORDER BY id LIMIT 1').pluck().get() as string | undefined;
  const scheduleOf = new Map((sqlite.prepare('SELECT code, dunning_schedule_id FROM products').all() as { code: string; dunning_schedule_id: string | null }[]).map((p) => [p.code, p.dunning_schedule_id]));
  const preDelinquencyRules = sqlite.prepare('SELECT id, days_before AS daysBefore, action FROM pre_delinquency_rules WHERE is_active = 1 ORDER BY id').all() as PreDelinquencyRule[];
  const fees = new Map(
    (sqlite.prepare('SELECT product_code, currency, grace_days, flat_fee_minor, percent_bps, max_fee_minor FROM fee_schedules').all() as {
      product_code: string; currency: string; grace_days: number; flat_fee_minor: number; percent_bps: number; max_fee_minor: number | null;
    }[]).map((f) => [`${f.product_code}#${f.currency}`, { graceDays: f.grace_days, flatFeeMinor: f.flat_fee_minor, percentBps: f.percent_bps, maxFeeMinor: f.max_fee_minor }]),
  );
  const threshold = sqlite.prepare(`SELECT value FROM app_meta WHERE key = 'non_accrual_dpd'`).pluck().get() as string | undefined;
  const rates = new Map(
    (sqlite.prepare(`SELECT substr(key, 16) AS currency, value FROM app_meta WHERE key LIKE 'reference_rate:%'`).all() as { currency: string; value: string }[]).map((r) => [r.currency, Number(r.value)]),
  );
  return {
    sla,
    referenceRate: (currency) => rates.get(currency) ?? DEFAULT_REFERENCE_RATES[currency] ?? 1,
    feeScheduleFor: (productCode, currency) => fees.get(`${productCode}#${currency}`) ?? null,
    nonAccrualThresholdDpd: threshold ? Number(threshold) : DEFAULT_NON_ACCRUAL_DPD,
    dunningStepsFor: (productCode) => steps.get(scheduleOf.get(productCode) ?? defaultSchedule ?? '') ?? steps.get(defaultSchedule ?? '') ?? [],
    preDelinquencyRules,
  };
}
