import { describe, expect, it } from 'vitest';
import { nextBestAction, type NbaInput } from './next-best-action';

const base: NbaInput = { dpd: 10, doNotContact: false, activeDispute: false, bankruptcy: false, vulnerable: false, hardship: false, contactedInEpisode: false, brokenPromisesInEpisode: 0 };

describe('next-best action (seed 003, DESIGN §2 order)', () => {
  it.each([
    ['DNC flag', { doNotContact: true, activeDispute: true }, 'hold_do_not_contact', 1.0],
    ['active dispute', { activeDispute: true, bankruptcy: true }, 'hold_dispute', 1.0],
    ['bankruptcy', { bankruptcy: true, vulnerable: true }, 'hold_bankruptcy', 1.0],
    ['vulnerability flag', { vulnerable: true, hardship: true }, 'hold_vulnerability_review', 0.95],
    ['hardship flag', { hardship: true, dpd: 95 }, 'offer_hardship_plan', 0.9],
    ['DPD 1, no contact', { dpd: 1 }, 'send_whatsapp_reminder', 0.85],
    ['DPD 7, no contact', { dpd: 7 }, 'send_whatsapp_reminder', 0.85],
    ['DPD 7, contacted', { dpd: 7, contactedInEpisode: true }, 'send_sms_reminder', 0.8],
    ['DPD 7, 2 broken PTP', { dpd: 7, brokenPromisesInEpisode: 2 }, 'send_whatsapp_reminder', 0.85],
    ['DPD 8', { dpd: 8 }, 'call_now', 0.8],
    ['DPD 30, 1 broken PTP', { dpd: 30, brokenPromisesInEpisode: 1 }, 'call_now', 0.8],
    ['DPD 30, 2 broken PTP', { dpd: 30, brokenPromisesInEpisode: 2 }, 'escalate_supervisor', 0.85],
    ['DPD 31', { dpd: 31 }, 'call_now', 0.75],
    ['DPD 60, 2 broken PTP', { dpd: 60, brokenPromisesInEpisode: 2 }, 'escalate_field', 0.85],
    ['DPD 61', { dpd: 61, brokenPromisesInEpisode: 5 }, 'send_demand_letter', 0.8],
    ['DPD 90', { dpd: 90 }, 'send_demand_letter', 0.8],
    ['DPD 91', { dpd: 91 }, 'escalate_legal', 0.9],
  ] as const)('%s → %s (%d)', (_label, patch, action, confidence) => {
    expect(nextBestAction({ ...base, ...patch })).toEqual({ action, confidence });
  });

  it('has no action at DPD 0, even with a hold flag', () => {
    expect(nextBestAction({ ...base, dpd: 0, doNotContact: true })).toBeNull();
  });
});
