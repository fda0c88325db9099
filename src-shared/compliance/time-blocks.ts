import type { Channel } from '../domain/vocabulary';
import { afterConversationBlock, coolingOffBlock, dateHistory, dayCapBlock, type CountScope, type DayCap, type TimeBlock } from './counting';
import { contactZones, insideWindow, minuteWindow, nextOpening, type EpochMs } from './local-time';
import { appliesRegulationF, countsAcrossLoans, presetRule, type JurisdictionRule } from './rules';
import type { CanContactInput, ClockWindow } from './types';

/** The blocks that waiting clears, evaluated at any instant for one intended contact. */
export type TimeBlockEvaluator = (at: EpochMs) => TimeBlock[];

/**
 * Outside hours unless the window holds in every zone (one zone when the borrower's is known).
 * With no zone to read the clock in, no instant can be shown to be inside: refused for good.
 */
function hoursBlock(window: ClockWindow, zones: readonly string[], at: EpochMs): TimeBlock | null {
  if (zones.length === 0) return { reason: 'outside_hours', clearsAt: null };
  const minutes = minuteWindow(window);
  if (zones.every((zone) => insideWindow(minutes, zone, at))) return null;
  // Each zone must have opened, so the latest of their next openings is the earliest candidate.
  const clearsAt = Math.max(...zones.map((zone) => nextOpening(minutes, zone, at)));
  return { reason: 'outside_hours', clearsAt };
}

/**
 * The per-jurisdiction limits on this channel (DESIGN §2). A limit refuses only the channels it
 * counts: Regulation F limits calls, so a text is never refused by the calls already made.
 */
function dayCaps(input: CanContactInput, rule: JurisdictionRule, counted: ReadonlySet<Channel>): { caps: DayCap[]; scope: CountScope } {
  const scope: CountScope = { channels: counted, loanId: countsAcrossLoans(rule.preset) ? null : input.loanId };
  const perLoan: CountScope = { channels: counted, loanId: input.loanId };
  const caps: DayCap[] = [];
  if (counted.has(input.channel)) {
    if (rule.dailyCap !== null) caps.push({ reason: 'daily_cap', days: 1, cap: rule.dailyCap, scope });
    if (rule.weeklyCap !== null) caps.push({ reason: 'weekly_cap', days: 7, cap: rule.weeklyCap, scope });
    if (rule.preset === 'US-MA') caps.push({ reason: 'ma_2_in_7', days: 7, cap: 2, scope: perLoan });
    if (rule.preset === 'US-NY-NYC') caps.push({ reason: 'nyc_3_in_7', days: 7, cap: 3, scope: perLoan });
  }
  if (appliesRegulationF(rule.preset) && input.channel === 'voice') {
    caps.push({ reason: 'reg_f_7_in_7', days: 7, cap: 7, scope: { channels: new Set(['voice']), loanId: input.loanId } });
  }
  return { caps, scope };
}

/**
 * Builds the evaluator once (rule, zones, dated history) so that stepping towards
 * `nextAllowedAt` only re-reads the clock. Preferred hours narrow automated contact only: an
 * agent may call outside them, within the legal hours.
 */
export function timeBlocks(input: CanContactInput): TimeBlockEvaluator {
  // Hours, caps and cooling-off govern when a borrower is reached; a letter reaches them whenever the post does.
  if (input.channel === 'letter') return () => [];
  const { borrower } = input;
  const rule = input.rule ?? presetRule(borrower.jurisdiction);
  const { hourZones, dayZone } = contactZones(borrower.timezone, borrower.jurisdiction);
  const hours: ClockWindow = { start: rule.hoursStart, end: rule.hoursEnd };
  const preferred = !input.manual && borrower.preferredHours ? borrower.preferredHours : null;
  const counted = new Set(rule.countedChannels);
  const { caps, scope } = dayCaps(input, rule, counted);
  const cooling = rule.coolingOffMinutes !== null && counted.has(input.channel) ? rule.coolingOffMinutes : null;
  const regF = appliesRegulationF(rule.preset) && input.channel === 'voice';
  const history = dayZone ? dateHistory(input.history, dayZone) : [];

  return (at) => {
    const blocks = [hoursBlock(hours, hourZones, at), preferred ? hoursBlock(preferred, hourZones, at) : null];
    // Without a zone there are no local days to count in; outside_hours already refuses for good.
    if (dayZone) {
      for (const cap of caps) blocks.push(dayCapBlock(cap, history, dayZone, at));
      if (cooling !== null) blocks.push(coolingOffBlock(cooling, scope, history, at));
      if (regF) blocks.push(afterConversationBlock(input.loanId, history, dayZone, at));
    }
    return blocks.filter((block): block is TimeBlock => block !== null);
  };
}
