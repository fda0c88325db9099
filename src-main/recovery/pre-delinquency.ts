import { randomUUID } from 'node:crypto';
import type { ContactChannel } from '../../src-shared/compliance/types';
import type { Channel } from '../../src-shared/domain/vocabulary';
import { checkContact } from '../compliance/contact-facts';
import type { Store } from '../store/open-store';
import { runCommand, SYSTEM_ACTOR } from '../store/run-command';
import { DeliveryFailure, type AuditEvent, type ChannelSender, type Delivery } from './action-sender';
import { recordTextOptOut } from '../compliance/text-opt-outs';
import { contactPartyOf, insertContactAttempt } from './recovery-records';

export type PreDelinquencyCounts = Record<'sent' | 'deferred' | 'blocked' | 'failed' | 'skipped', number>;

interface DueReminder {
  id: string;
  loan_id: string;
  installment_seq: number;
  channel: Channel;
  template_name: string | null;
  due_on: string;
  amount_due_minor: number;
}

/**
 * Seed 002's pre-delinquency reminders: a message a set number of days before an installment
 * falls due, to a borrower who may have no case at all (so no recovery action either: the
 * reminder is its `dunning_events` row, and SMS and WhatsApp land in the borrower's thread).
 * Automated contact through the same gate and senders as dunning; "not now" defers it to the
 * next allowed moment (`next_attempt_at`), a hard block or a carrier refusal fails it with why.
 */
export async function dispatchPreDelinquency(context: {
  store: Store;
  senders: Readonly<Record<Channel, ChannelSender>>;
  now(): Date;
  /** The relay's claim on the reminder's key, so one desktop sends it. */
  claimed(key: string): Promise<boolean>;
}): Promise<PreDelinquencyCounts> {
  const { store, senders, now } = context;
  const { sqlite } = store;
  const due = sqlite
    .prepare(`SELECT e.id, e.loan_id, e.installment_seq, r.channel, r.template_name, i.due_on,
        i.principal_due_minor + i.interest_due_minor + i.fees_due_minor AS amount_due_minor
      FROM dunning_events e JOIN pre_delinquency_rules r ON r.id = e.step_id JOIN installments i ON i.loan_id = e.loan_id AND i.seq = e.installment_seq
      WHERE e.kind = 'pre_delinquency' AND r.action = 'send_message' AND r.channel IS NOT NULL
        AND (e.status = 'planned' OR (e.status = 'deferred' AND e.next_attempt_at <= @now)) ORDER BY e.planned_on, e.id`)
    .all({ now: now().toISOString() }) as DueReminder[];
  const counts: PreDelinquencyCounts = { sent: 0, deferred: 0, blocked: 0, failed: 0, skipped: 0 };
  const settle = (reminder: DueReminder, outcome: keyof PreDelinquencyCounts, fields: { reason?: string; nextAttemptAt?: string; payload: Record<string, unknown> }, write: (at: string) => AuditEvent[]) => {
    runCommand(store, SYSTEM_ACTOR, 'preDelinquency.send', { eventId: reminder.id, outcome }, () => {
      // Dated by the dispatch's clock, as recovery actions are, so deferrals never depend on the wall clock.
      const audit = write(now().toISOString());
      const status = outcome === 'blocked' ? 'failed' : outcome;
      sqlite.prepare('UPDATE dunning_events SET status = ?, reason = ?, next_attempt_at = ? WHERE id = ?').run(status, fields.reason ?? null, fields.nextAttemptAt ?? null, reminder.id);
      return { value: null, audit: [...audit, { type: 'dunning.pre_delinquency', entityType: 'dunning_event', entityId: reminder.id, payload: { outcome, channel: reminder.channel, ...fields.payload } }] };
    });
    counts[outcome] += 1;
  };

  for (const reminder of due) {
    const atDate = now();
    const at = atDate.toISOString();
    const party = contactPartyOf(sqlite, { loanId: reminder.loan_id });
    const attempt = { borrowerId: party.borrowerId, loanId: party.loanId, channel: reminder.channel, at };
    const decision = checkContact(sqlite, { loanId: reminder.loan_id, channel: reminder.channel as ContactChannel, at, manual: false });
    if (!decision.allowed) {
      const reason = decision.reasons.join(', ');
      const blocked = (writeAt: string) => {
        insertContactAttempt(sqlite, { ...attempt, id: randomUUID(), at: writeAt, outcome: 'attempt', blockedReasons: decision.reasons });
        return [];
      };
      if (decision.nextAllowedAt !== null) settle(reminder, 'deferred', { reason, nextAttemptAt: decision.nextAllowedAt, payload: { reasons: decision.reasons } }, blocked);
      else settle(reminder, 'blocked', { reason, payload: { reasons: decision.reasons } }, blocked);
      continue;
    }
    if (!(await context.claimed(reminder.id))) {
      counts.skipped += 1;
      continue;
    }
    const variables = { ...party.variables, amount_due: reminder.amount_due_minor, due_date: reminder.due_on };
    let delivery: Delivery;
    try {
      delivery = await senders[reminder.channel].deliver({ channel: reminder.channel, templateName: reminder.template_name, content: null, actionId: null, actorId: null }, { ...party, variables }, atDate);
    } catch (error) {
      if (!(error instanceof DeliveryFailure)) throw error;
      settle(reminder, 'failed', { reason: error.reason, payload: { code: error.code } }, (writeAt) => {
        insertContactAttempt(sqlite, { ...attempt, id: randomUUID(), outcome: 'failed' });
        if (error.revokeConsentOf !== null) recordTextOptOut(sqlite, party.borrowerId, error.revokeConsentOf, writeAt, { via: 'carrier', word: null, reference: reminder.id });
        return [];
      });
      continue;
    }
    settle(reminder, 'sent', { payload: delivery.audit }, (writeAt) => {
      insertContactAttempt(sqlite, { ...attempt, id: randomUUID(), outcome: 'attempt' });
      return delivery.write?.(writeAt) ?? [];
    });
  }
  return counts;
}
