import { addDays, type IsoDate } from '../dates';
import type { Stage } from '../domain/vocabulary';

export interface SlaConfig {
  firstContactHours: number;
  followUpHours: number;
}

export type SlaConfigs = Partial<Record<Stage, SlaConfig>>;

export interface SlaTimers {
  firstContactDueAt: string | null;
  nextFollowUpDueAt: string | null;
  breached: boolean;
}

const HOUR_MS = 3_600_000;

function plusHours(instant: string, hours: number): string {
  return new Date(Date.parse(instant) + hours * HOUR_MS).toISOString();
}

/**
 * SLA timers of a case for the stage it is in (seed 003): first contact is due a number of hours
 * after the case opened (midnight UTC of its opening day), each follow-up a number of hours after
 * the last outbound contact. The daily run judges them at the end of its as-of day, so the result
 * depends on the ledger and the date only.
 */
export function slaTimers(stage: Stage | null, configs: SlaConfigs, openedOn: IsoDate, lastOutboundContactAt: string | null, asOf: IsoDate): SlaTimers {
  const config = stage ? configs[stage] : undefined;
  if (!config) return { firstContactDueAt: null, nextFollowUpDueAt: null, breached: false };
  const endOfDay = `${addDays(asOf, 1)}T00:00:00.000Z`;
  const openedAt = `${openedOn}T00:00:00.000Z`;
  const contacted = lastOutboundContactAt !== null && lastOutboundContactAt >= openedAt;
  if (!contacted) {
    const firstContactDueAt = plusHours(openedAt, config.firstContactHours);
    return { firstContactDueAt, nextFollowUpDueAt: null, breached: firstContactDueAt < endOfDay };
  }
  const nextFollowUpDueAt = plusHours(lastOutboundContactAt, config.followUpHours);
  return { firstContactDueAt: null, nextFollowUpDueAt, breached: nextFollowUpDueAt < endOfDay };
}
