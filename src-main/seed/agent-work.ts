import type Database from 'better-sqlite3';
import { Temporal } from 'temporal-polyfill';
import { contactZones, insideWindow, minuteWindow } from '../../src-shared/compliance/local-time';
import { addDays, epochDay, type IsoDate } from '../../src-shared/dates';
import { contactOfActivity } from '../../src-shared/domain/contact-outcome';
import type { ActivityOutcome } from '../../src-shared/domain/vocabulary';
import { DEMO_USERS } from './demo-users';
import { seedId as stableId } from './ids';
import { Rng } from './random';

/** Agents call between 09:00 and 17:00 in the borrower's zone: inside every seeded contact window. */
const WORKING_HOURS = minuteWindow({ start: '09:00', end: '17:00' });
/** How far down their queue an agent looks for someone to call. */
const QUEUE_DEPTH = 200;

export interface AgentWorkTotals {
  calls: number;
  promises: number;
}

interface Candidate {
  caseId: string;
  loanId: string;
  borrowerId: string;
  pastDue: number;
  timezone: string | null;
  jurisdiction: string;
  /** The label of the phone the agent dials, or null when the borrower has no active phone. */
  phoneLabel: string | null;
}

const NOTES: Readonly<Record<ActivityOutcome, readonly string[]>> = {
  PTP: ['Borrower agreed to pay; confirmed the date and amount.', 'Promised to pay after payday.', 'Will pay by transfer; reminded of the grace days.'],
  NO_ANSWER: ['No answer.', 'Rang out, no voicemail.'],
  LEFT_MESSAGE: ['Left a message asking for a call back.', 'Voicemail left with the callback number.'],
  WRONG_NUMBER: ['Person who answered does not know the borrower.'],
  REFUSED: ['Borrower refused to commit to a payment.', 'Says they cannot pay this month; asked us to call later.'],
  PAID: ['Borrower says the payment was made; will check it posted.'],
  PARTIAL_PAYMENT: [],
  DISPUTE: [],
  OTHER: [],
};

/**
 * The local time of a call on `day` in the borrower's zone, as a UTC instant on that same UTC
 * day (so that day's daily run sees it), inside working hours in every zone the gate would read
 * for this borrower (DESIGN §2: an unknown zone must hold in all of the jurisdiction's). Null
 * when the draw misses, and the agent moves on.
 */
function callInstant(rng: Rng, day: IsoDate, timezone: string | null, jurisdiction: string): string | null {
  const { hourZones, dayZone } = contactZones(timezone, jurisdiction);
  if (dayZone === null) return null;
  const minutes = rng.int(9 * 60, 17 * 60 - 1);
  const local = Temporal.PlainDate.from(day).toPlainDateTime(new Temporal.PlainTime(Math.floor(minutes / 60), minutes % 60, rng.int(0, 59)));
  const at = local.toZonedDateTime(dayZone).epochMilliseconds;
  const iso = new Date(at).toISOString();
  return iso.startsWith(day) && hourZones.every((zone) => insideWindow(WORKING_HOURS, zone, at)) ? iso : null;
}

/**
 * What the call came to. The tape knows whether the borrower pays in the coming two weeks, and a
 * borrower about to pay answers more often and promises more readily; one who just paid says so.
 */
function outcomeOf(rng: Rng, justPaid: boolean, paysSoon: boolean): ActivityOutcome {
  if (!rng.chance(justPaid || paysSoon ? 0.55 : 0.3)) return rng.weighted([['NO_ANSWER', 55], ['LEFT_MESSAGE', 38], ['WRONG_NUMBER', 7]] as const);
  if (justPaid) return 'PAID';
  return rng.weighted(paysSoon ? ([['PTP', 80], ['REFUSED', 20]] as const) : ([['PTP', 25], ['REFUSED', 75]] as const));
}

/**
 * A month of collection work for the demo: on each working day (Mon–Fri) every demo agent calls
 * some of their assigned active cases whose next-best action is `call_now` (DPD 8–60; earlier
 * cases get reminders, later ones letters and legal, holds nobody), highest priority first, and
 * logs each call as `activities.log` would: the activity, the contact attempt compliance counts
 * (its outcome from `contactOfActivity`), the pending promise of a PTP, and the case moved from
 * open to in progress. The daily runs judge the promises. No audit events or outbox entries:
 * like the tape's own history this is the store's starting point, not commands (and audit ids
 * are random, while the seed replays byte for byte).
 *
 * Contact limits, per borrower across all their loans, as known on the day of the call (the
 * tape's later history is not): no legal representative (the next-best action already holds the
 * other hard blocks), an active phone, no pending promise, no contact yet that day, at most one
 * other call in the 6 days before (so at most 2 calls in 7 days, well inside Regulation F's 7),
 * and no conversation in those 6 days (Regulation F's 7-day block after a conversation).
 */
export function prepareAgentWork(sqlite: Database.Database, seed: number): (day: IsoDate) => AgentWorkTotals {
  const agentIds = DEMO_USERS.filter((user) => user.role === 'agent').map((user) => stableId('user', user.email));
  const queue = sqlite.prepare(`SELECT c.id AS caseId, c.loan_id AS loanId, b.id AS borrowerId, c.amount_past_due_minor AS pastDue, b.timezone, b.jurisdiction,
        (SELECT p.label FROM phones p WHERE p.borrower_id = b.id AND p.is_active = 1 ORDER BY p.is_primary DESC, p.id LIMIT 1) AS phoneLabel
      FROM cases c JOIN loans l ON l.id = c.loan_id JOIN borrowers b ON b.id = l.borrower_id
      WHERE c.assigned_agent_id = @agentId AND c.active = 1 AND c.status <> 'on_hold' AND coalesce(c.nba_override_action, c.nba_action) = 'call_now'
        AND NOT EXISTS (SELECT 1 FROM legal_representatives r WHERE r.borrower_id = b.id AND r.active_from <= @day AND (r.active_to IS NULL OR r.active_to >= @day))
        AND NOT EXISTS (SELECT 1 FROM promises p WHERE p.loan_id = c.loan_id AND p.status = 'pending')
      ORDER BY c.priority_score DESC, c.id LIMIT ${QUEUE_DEPTH}`);
  const recentContacts = sqlite.prepare(`SELECT count(*) FILTER (WHERE direction = 'outbound' AND channel = 'voice') AS calls, count(*) FILTER (WHERE outcome = 'conversation') AS conversations,
        count(*) FILTER (WHERE at >= @day) AS today
      FROM contact_attempts WHERE borrower_id = @borrowerId AND blocked = 0 AND at >= @since AND at < @until`);
  const paymentBetween = sqlite.prepare('SELECT paid_on FROM payments WHERE loan_id = ? AND paid_on >= ? AND paid_on <= ? ORDER BY paid_on LIMIT 1').pluck();
  const insertActivity = sqlite.prepare(`INSERT INTO activities (id, case_id, loan_id, type, direction, contact_method, outcome, notes, produced_promise, performed_by, at)
    VALUES (?, ?, ?, 'CALL', 'outbound', ?, ?, ?, ?, ?, ?)`);
  const insertContact = sqlite.prepare(`INSERT INTO contact_attempts (id, borrower_id, loan_id, channel, direction, outcome, at, source) VALUES (?, ?, ?, ?, ?, ?, ?, 'activity')`);
  const insertPromise = sqlite.prepare(`INSERT INTO promises (id, case_id, loan_id, created_on, due_on, amount_minor, grace_days, status, created_by) VALUES (?, ?, ?, ?, ?, ?, 3, 'pending', ?)`);
  const startWork = sqlite.prepare(`UPDATE cases SET status = 'in_progress' WHERE id = ? AND status = 'open'`);

  const mayCall = (c: Candidate, day: IsoDate): boolean => {
    const seen = recentContacts.get({ borrowerId: c.borrowerId, day, since: addDays(day, -6), until: addDays(day, 1) }) as { calls: number; conversations: number; today: number };
    return seen.today === 0 && seen.calls <= 1 && seen.conversations === 0;
  };

  const call = (rng: Rng, agentId: string, c: Candidate, phoneLabel: string, day: IsoDate, at: string, totals: AgentWorkTotals): void => {
    const paysOn = paymentBetween.get(c.loanId, addDays(day, 1), addDays(day, 14)) as IsoDate | undefined;
    const justPaid = paymentBetween.get(c.loanId, addDays(day, -2), day) !== undefined;
    const outcome = outcomeOf(rng, justPaid, paysOn !== undefined);
    const activityId = stableId('activity', 'agent_work', agentId, at, c.caseId);
    const promiseId = outcome === 'PTP' ? stableId('promise', 'activity', activityId) : null;
    const contact = contactOfActivity({ type: 'CALL', direction: 'outbound', outcome })!;
    insertActivity.run(activityId, c.caseId, c.loanId, phoneLabel[0]!.toUpperCase() + phoneLabel.slice(1), outcome, rng.pick(NOTES[outcome]), promiseId ? 1 : 0, agentId, at);
    insertContact.run(stableId('contact_attempt', 'activity', activityId), c.borrowerId, c.loanId, contact.channel, contact.direction, contact.outcome, at);
    startWork.run(c.caseId);
    totals.calls += 1;
    if (promiseId) {
      // Around the amount past due, in whole units; due a few days to two weeks out, near the payment when one is coming.
      const share = rng.weighted([[1, 50], [0.75, 25], [0.5, 25]] as const);
      const amount = Math.max(100, Math.round((c.pastDue * share) / 100) * 100);
      const wanted = paysOn ? addDays(paysOn, rng.int(0, 2)) : addDays(day, rng.int(3, 14));
      const dueOn = wanted < addDays(day, 3) ? addDays(day, 3) : wanted > addDays(day, 14) ? addDays(day, 14) : wanted;
      insertPromise.run(promiseId, c.caseId, c.loanId, day, dueOn, amount, agentId);
      totals.promises += 1;
    }
  };

  const workDay = (day: IsoDate): AgentWorkTotals => {
    const totals: AgentWorkTotals = { calls: 0, promises: 0 };
    // ISO weekdays: 6 and 7 are Saturday and Sunday.
    if (Temporal.PlainDate.from(day).dayOfWeek >= 6) return totals;
    const rng = new Rng((seed ^ Math.imul(epochDay(day), 0x9e37_79b1)) >>> 0);
    for (const agentId of agentIds) {
      let quota = rng.int(8, 30);
      for (const c of queue.all({ agentId, day }) as Candidate[]) {
        if (quota === 0) break;
        const phoneLabel = c.phoneLabel;
        if (phoneLabel === null || !mayCall(c, day)) continue;
        const at = callInstant(rng, day, c.timezone, c.jurisdiction);
        if (at === null) continue;
        call(rng, agentId, c, phoneLabel, day, at, totals);
        quota -= 1;
      }
    }
    return totals;
  };
  return (day) => sqlite.transaction(() => workDay(day))();
}
