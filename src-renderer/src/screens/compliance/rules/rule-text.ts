import type { JurisdictionRule, RulePreset } from '../../../../../src-shared/compliance/rules';
import { CHANNEL_LABELS } from '../../../format/domain-labels';

/** What each preset adds on top of the configurable hours and caps (DESIGN §2). */
export const PRESET_LABELS: Record<RulePreset, string> = {
  caribbean: 'Caribbean (hours and caps only, counted across loans)',
  US: 'US: Regulation F (7 calls in 7 days, none within 7 days of a conversation)',
  'US-MA': 'Massachusetts: Regulation F and 2 contacts in 7 days',
  'US-NY-NYC': 'New York City: Regulation F and 3 contacts in 7 days',
};

export function hoursText(rule: Pick<JurisdictionRule, 'hoursStart' | 'hoursEnd'>): string {
  return rule.hoursStart === rule.hoursEnd ? 'Any time of day' : `${rule.hoursStart}–${rule.hoursEnd}`;
}

export function capsText(rule: Pick<JurisdictionRule, 'dailyCap' | 'weeklyCap'>): string {
  const parts = [rule.dailyCap === null ? null : `${rule.dailyCap}/day`, rule.weeklyCap === null ? null : `${rule.weeklyCap}/7 days`].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'No cap';
}

export function coolingOffText(minutes: number | null): string {
  if (minutes === null) return 'None';
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
}

export function channelsText(channels: readonly string[]): string {
  return channels.map((channel) => CHANNEL_LABELS[channel as keyof typeof CHANNEL_LABELS] ?? channel).join(', ');
}
