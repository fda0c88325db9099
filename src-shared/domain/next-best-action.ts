import type { NbaAction } from './vocabulary';

export interface NbaInput {
  dpd: number;
  doNotContact: boolean;
  activeDispute: boolean;
  bankruptcy: boolean;
  vulnerable: boolean;
  hardship: boolean;
  /** Whether any outbound contact was made in this delinquency episode. */
  contactedInEpisode: boolean;
  /** Promises with status `broken` (not partially kept) in this episode. */
  brokenPromisesInEpisode: number;
}

export interface NextBestAction {
  action: NbaAction;
  confidence: number;
}

/** Seed 003's next-best-action table as DESIGN §2 orders it; the first rule that matches wins. Null at DPD 0. */
export function nextBestAction(input: NbaInput): NextBestAction | null {
  const { dpd } = input;
  if (dpd <= 0) return null;
  if (input.doNotContact) return { action: 'hold_do_not_contact', confidence: 1.0 };
  if (input.activeDispute) return { action: 'hold_dispute', confidence: 1.0 };
  if (input.bankruptcy) return { action: 'hold_bankruptcy', confidence: 1.0 };
  if (input.vulnerable) return { action: 'hold_vulnerability_review', confidence: 0.95 };
  if (input.hardship) return { action: 'offer_hardship_plan', confidence: 0.9 };
  const twiceBroken = input.brokenPromisesInEpisode >= 2;
  if (dpd <= 7) return input.contactedInEpisode ? { action: 'send_sms_reminder', confidence: 0.8 } : { action: 'send_whatsapp_reminder', confidence: 0.85 };
  if (dpd <= 30) return twiceBroken ? { action: 'escalate_supervisor', confidence: 0.85 } : { action: 'call_now', confidence: 0.8 };
  if (dpd <= 60) return twiceBroken ? { action: 'escalate_field', confidence: 0.85 } : { action: 'call_now', confidence: 0.75 };
  if (dpd <= 90) return { action: 'send_demand_letter', confidence: 0.8 };
  return { action: 'escalate_legal', confidence: 0.9 };
}
