import { CHANNELS, type Channel } from '../domain/vocabulary';

/**
 * Which statutory rules apply on top of a jurisdiction's configurable hours and caps (DESIGN §2):
 * `caribbean` has only the configurable ones (seed 003); `US` adds Regulation F; `US-MA` and
 * `US-NY-NYC` add their own 7-day limits on top of `US`.
 */
export const RULE_PRESETS = ['caribbean', 'US', 'US-MA', 'US-NY-NYC'] as const;
export type RulePreset = (typeof RULE_PRESETS)[number];

export interface JurisdictionRule {
  jurisdiction: string;
  preset: RulePreset;
  /** `HH:MM` local, inclusive. */
  hoursStart: string;
  /** `HH:MM` local, exclusive (`24:00` allowed); equal to the start means the whole day. */
  hoursEnd: string;
  dailyCap: number | null;
  weeklyCap: number | null;
  coolingOffMinutes: number | null;
  /**
   * The channels the caps count (and so the channels the caps refuse). For `US-MA` and
   * `US-NY-NYC` they are also what their 7-day limit counts; Regulation F always counts calls.
   */
  countedChannels: Channel[];
}

/** Seed 003's caps count contacts with the borrower on every loan; the US rules count per debt. */
export function countsAcrossLoans(preset: RulePreset): boolean {
  return preset === 'caribbean';
}

export function appliesRegulationF(preset: RulePreset): boolean {
  return preset !== 'caribbean';
}

const US_HOURS = { hoursStart: '08:00', hoursEnd: '21:00', dailyCap: null, weeklyCap: null, coolingOffMinutes: null };

/**
 * The rule a jurisdiction gets when none is stored: the seeded TT/JM/BB/GY values, the US presets,
 * and `US` for any other `US-XX`. A code we know nothing about gets the seed 003 values, the
 * strictest hours and caps we ship, rather than no limits at all.
 */
export function presetRule(jurisdiction: string): JurisdictionRule {
  if (jurisdiction === 'US-MA') return { jurisdiction, preset: 'US-MA', ...US_HOURS, countedChannels: ['voice', 'sms', 'whatsapp'] };
  if (jurisdiction === 'US-NY-NYC') return { jurisdiction, preset: 'US-NY-NYC', ...US_HOURS, countedChannels: [...CHANNELS] };
  if (jurisdiction === 'US' || jurisdiction.startsWith('US-')) return { jurisdiction, preset: 'US', ...US_HOURS, countedChannels: ['voice'] };
  return {
    jurisdiction,
    preset: 'caribbean',
    hoursStart: '08:00',
    hoursEnd: '20:00',
    dailyCap: 3,
    weeklyCap: 10,
    coolingOffMinutes: 240,
    countedChannels: [...CHANNELS],
  };
}
