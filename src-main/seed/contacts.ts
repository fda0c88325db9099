import { addDays, epochDay, fromEpochDay } from '../../src-shared/dates';
import { seedId as stableId } from './ids';
import type { LoanPlan } from './loans';
import type { BorrowerPlan, SeedContext } from './people';

type Channel = 'voice' | 'sms' | 'whatsapp' | 'email';

/**
 * A UTC time between 16:30 and 23:00: 08:00–19:00 local in every zone of the portfolio
 * (Pacific standard time to Atlantic), inside every seeded contact window.
 */
function contactInstant(ctx: SeedContext, day: number): string {
  const minutes = ctx.rng.int(16 * 60 + 30, 23 * 60);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  const ss = String(ctx.rng.int(0, 59)).padStart(2, '0');
  return `${fromEpochDay(day)}T${hh}:${mm}:${ss}.000Z`;
}

function channelWeights(borrower: BorrowerPlan): [Channel, number][] {
  const us = borrower.place.country === 'US';
  const textable = borrower.phones.some((phone) => phone.textable);
  const weights: [Channel, number][] = [['voice', us ? 50 : 35]];
  if (textable) weights.push(['sms', us ? 35 : 25]);
  if (textable && !us) weights.push(['whatsapp', 30]);
  if (borrower.email) weights.push(['email', us ? 15 : 10]);
  return weights;
}

/**
 * Outbound contact history of a delinquent loan over the last 30 days (never before it fell
 * behind): one attempt every 4–6 days, at most one a day per borrower, and no call within
 * 7 days after a conversation, so the history itself keeps every seeded rule. Holds (do not
 * contact, dispute, bankruptcy, a legal representative) get no history. Returns the count.
 */
export function writeContactHistory(ctx: SeedContext, borrower: BorrowerPlan, loanId: string, plan: LoanPlan, usedDays: Set<number>, represented: boolean): number {
  if (plan.dpd < 1 || borrower.doNotContact || represented || plan.subStatus === 'bankruptcy' || plan.subStatus === 'dispute') return 0;
  const { rng, insert, asOf } = ctx;
  const today = epochDay(asOf);
  const weights = channelWeights(borrower);
  let lastConversation = -Infinity;
  let count = 0;
  for (let day = today - Math.min(plan.dpd, 30) + rng.int(0, 2); day < today; day += rng.int(4, 6)) {
    if (usedDays.has(day)) continue;
    let channel = rng.weighted(weights);
    if (channel === 'voice' && day - lastConversation <= 6) {
      const alternatives = weights.filter(([candidate]) => candidate !== 'voice');
      if (alternatives.length === 0) continue;
      channel = rng.weighted(alternatives);
    }
    const outcome = channel === 'voice' ? rng.weighted([['attempt', 45], ['voicemail', 35], ['conversation', 20]] as const) : 'delivered';
    if (outcome === 'conversation') lastConversation = day;
    usedDays.add(day);
    insert.contact_attempts([stableId('contact_attempt', loanId, count), borrower.id, loanId, channel, 'outbound', outcome, contactInstant(ctx, day), 'tape', 0, null]);
    count += 1;
  }
  return count;
}

/** Seed 004's collection strategies for some loans past 30 DPD, assigned to an agent. */
export function writeStrategy(ctx: SeedContext, loanId: string, plan: LoanPlan, agentIds: readonly string[]): boolean {
  const { rng, insert, asOf } = ctx;
  if (plan.dpd <= 30 || !rng.chance(0.4)) return false;
  const [type, level, frequency] = plan.dpd > 90 ? (['LEGAL', 1, 'DAILY'] as const) : plan.dpd > 60 ? (['HARD_COLLECTION', 2, 'WEEKLY'] as const) : (['SOFT_COLLECTION', 3, 'BIWEEKLY'] as const);
  const createdOn = addDays(asOf, -rng.int(1, Math.min(20, plan.dpd - 30)));
  insert.strategies([stableId('strategy', loanId, 0), loanId, type, level, frequency, addDays(asOf, rng.int(1, 7)), rng.pick(agentIds), `${createdOn}T14:00:00.000Z`]);
  return true;
}
