import { addDays, type IsoDate } from '../../src-shared/dates';
import { CHANNELS, SUB_STATUSES } from '../../src-shared/domain/vocabulary';
import { seedId as stableId } from './ids';
import { hashPassword } from '../session/passwords';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users';
import type { Inserts } from './statements';

/** A fixed salt keeps the demo users' rows byte-identical between runs (demo data only). */
const DEMO_SALT = Buffer.alloc(16, 7);
let demoHash: string | null = null;

/** The scrypt hash of the demo password, computed once per process. */
function demoPasswordHash(): string {
  demoHash ??= hashPassword(DEMO_PASSWORD, DEMO_SALT);
  return demoHash;
}

export const PRODUCTS = [
  { code: 'personal_loan', name: 'Personal loan', kind: 'personal' },
  { code: 'auto_loan', name: 'Auto loan', kind: 'auto' },
  { code: 'sme_loan', name: 'Small business loan', kind: 'small_business' },
] as const;
export type ProductCode = (typeof PRODUCTS)[number]['code'];

export const DEFAULT_DUNNING_SCHEDULE_ID = stableId('dunning_schedule', 'default');

/** Seed 000's ladder: SMS day 1, voice day 4, email day 8, escalation letter day 31. */
const DUNNING_LADDER = [
  { dpd: 1, channel: 'sms', template: 'sms_payment_default', escalate: 0 },
  { dpd: 4, channel: 'voice', template: 'voice_payment_default', escalate: 0 },
  { dpd: 8, channel: 'email', template: 'email_payment_default', escalate: 0 },
  { dpd: 31, channel: 'letter', template: 'letter_escalation', escalate: 1 },
] as const;

const CARIBBEAN_RULE = { preset: 'caribbean', start: '08:00', end: '20:00', daily: 3, weekly: 10, cooling: 240, counted: CHANNELS };
const COMPLIANCE_RULES = [
  ...['TT', 'JM', 'BB', 'GY'].map((jurisdiction) => ({ jurisdiction, ...CARIBBEAN_RULE })),
  { jurisdiction: 'US', preset: 'US', start: '08:00', end: '21:00', daily: null, weekly: null, cooling: null, counted: ['voice'] },
  { jurisdiction: 'US-MA', preset: 'US-MA', start: '08:00', end: '21:00', daily: null, weekly: null, cooling: null, counted: ['voice', 'sms', 'whatsapp'] },
  { jurisdiction: 'US-NY-NYC', preset: 'US-NY-NYC', start: '08:00', end: '21:00', daily: null, weekly: null, cooling: null, counted: CHANNELS },
] as const;

const SLA_CONFIGS = [
  ['early_1_30', 24, 72],
  ['mid_31_60', 12, 48],
  ['late_61_90', 8, 24],
  ['severe_90_plus', 4, 24],
] as const;

/**
 * Queues checked by priority (lower first). High balance covers DPD 1–90 only, so it never
 * competes with Legal & recovery at the same priority. Balances are minor units in the loan's
 * own currency. `agents` are indexes into the demo agents, in round-robin order.
 */
const QUEUES = [
  { name: 'Early stage', priority: 3, rule: { dpdMin: 1, dpdMax: 30, balanceMin: null }, agents: [0, 1, 2] },
  { name: 'Mid stage', priority: 2, rule: { dpdMin: 31, dpdMax: 60, balanceMin: null }, agents: [2, 3] },
  { name: 'Late stage', priority: 1, rule: { dpdMin: 61, dpdMax: 90, balanceMin: null }, agents: [3, 4] },
  { name: 'Legal & recovery', priority: 0, rule: { dpdMin: 91, dpdMax: null, balanceMin: null }, agents: [5] },
  { name: 'High balance', priority: 0, rule: { dpdMin: 1, dpdMax: 90, balanceMin: 1_000_000 }, agents: [4, 5] },
] as const;

const AGENCIES = [
  { name: 'Caribbean Recovery Partners Ltd', type: 'percentage', rate: 2500, phone: '+18686225000', email: 'placements@crp.example.com', address: '12 Queen\'s Park West, Port of Spain, Trinidad and Tobago' },
  { name: 'Atlantic Credit Solutions LLC', type: 'percentage', rate: 1800, phone: '+16175550100', email: 'intake@atlanticcredit.example.com', address: '100 Federal Street, Boston, MA 02110' },
] as const;

export interface OperationsSeed {
  userIds: string[];
  agentIds: string[];
}

/** Users, products, dunning, compliance, SLA, queues and agencies: the configuration of the demo. */
export function seedOperations(insert: Inserts, asOf: IsoDate): OperationsSeed {
  const hash = demoPasswordHash();
  const createdAt = `${addDays(asOf, -400)}T09:00:00.000Z`;
  const userIds: string[] = [];
  const agentIds: string[] = [];
  for (const user of DEMO_USERS) {
    const id = stableId('user', user.email);
    insert.users([id, user.name, user.email, user.role, hash, 1, createdAt]);
    userIds.push(id);
    if (user.role === 'agent') agentIds.push(id);
  }

  insert.dunning_schedules([DEFAULT_DUNNING_SCHEDULE_ID, 'Default ladder', 1]);
  const suppress = JSON.stringify(SUB_STATUSES);
  for (const step of DUNNING_LADDER) {
    const id = stableId('dunning_step', DEFAULT_DUNNING_SCHEDULE_ID, step.dpd, step.channel);
    insert.dunning_steps([id, DEFAULT_DUNNING_SCHEDULE_ID, step.dpd, step.channel, step.template, suppress, step.escalate]);
  }
  for (const product of PRODUCTS) insert.products([product.code, product.name, product.kind, DEFAULT_DUNNING_SCHEDULE_ID]);
  insert.pre_delinquency_rules([stableId('pre_delinquency_rule', 3, 'send_message'), 3, 'send_message', 'sms', 'sms_payment_reminder', 1]);
  insert.pre_delinquency_rules([stableId('pre_delinquency_rule', 1, 'create_task'), 1, 'create_task', null, null, 1]);

  for (const rule of COMPLIANCE_RULES) {
    insert.compliance_rules([rule.jurisdiction, rule.preset, rule.start, rule.end, rule.daily, rule.weekly, rule.cooling, JSON.stringify(rule.counted), 1]);
  }
  for (const [stage, firstContact, followUp] of SLA_CONFIGS) insert.sla_configs([stage, firstContact, followUp]);

  for (const queue of QUEUES) {
    const id = stableId('queue', queue.name);
    const members = queue.agents.map((index) => agentIds[index] as string);
    insert.queues([id, queue.name, queue.priority, members[0] ?? null, 1]);
    const { dpdMin, dpdMax, balanceMin } = queue.rule;
    insert.queue_rules([stableId('queue_rule', queue.name, 0), id, dpdMin, dpdMax, balanceMin, null, null, null]);
    members.forEach((userId, position) => insert.queue_members([id, userId, position]));
  }
  for (const agency of AGENCIES) {
    insert.collection_agencies([stableId('agency', agency.name), agency.name, agency.type, agency.rate, agency.phone, agency.email, agency.address, 1]);
  }
  return { userIds, agentIds };
}
