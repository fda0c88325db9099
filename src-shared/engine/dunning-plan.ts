import { epochDay, fromEpochDay, type IsoDate } from '../dates';
import type { InstallmentDue, PaymentMade } from '../domain/allocation';
import type { Channel, SubStatus } from '../domain/vocabulary';

export interface DunningStep {
  id: string;
  dpdTrigger: number;
  channel: Channel;
  templateName: string;
  suppressDuring: readonly SubStatus[];
  /** The step also escalates the case to a supervisor (seed 000's day-31 escalation). */
  escalate: boolean;
}

export interface DunningDecision {
  stepId: string;
  /** planned: to send (compliance may still defer it); suppressed: recorded, never sent; superseded: a later step fired instead. */
  status: 'planned' | 'suppressed' | 'superseded';
  reason: string | null;
  escalate: boolean;
}

export interface DunningFacts {
  steps: readonly DunningStep[];
  dpd: number;
  /** Steps already decided in this episode: each fires at most once per episode. */
  decidedStepIds: ReadonlySet<string>;
  subStatus: SubStatus | null;
  doNotContact: boolean;
  /** An accepted settlement plan whose promises are being kept suppresses dunning (DESIGN §2). */
  planBeingKept: boolean;
}

/**
 * The dunning steps a day decides (seeds 000, 002): every step whose trigger the DPD has reached
 * and that has not been decided in this episode is due; when several are (a day was skipped, or
 * DPD jumped), only the latest fires and the earlier ones are recorded as superseded.
 */
export function planDunning(facts: DunningFacts): DunningDecision[] {
  const due = facts.steps.filter((step) => step.dpdTrigger <= facts.dpd && !facts.decidedStepIds.has(step.id));
  if (due.length === 0 || facts.dpd <= 0) return [];
  const latest = due.reduce((a, b) => (b.dpdTrigger > a.dpdTrigger || (b.dpdTrigger === a.dpdTrigger && b.id > a.id) ? b : a));
  const reason = facts.doNotContact
    ? 'do_not_contact'
    : facts.subStatus && latest.suppressDuring.includes(facts.subStatus)
      ? facts.subStatus
      : facts.planBeingKept
        ? 'settlement_plan'
        : null;
  return due.map((step) =>
    step === latest
      ? { stepId: step.id, status: reason ? 'suppressed' : 'planned', reason, escalate: step.escalate }
      : { stepId: step.id, status: 'superseded', reason: `superseded by ${latest.id}`, escalate: false },
  );
}

export interface PreDelinquencyRule {
  id: string;
  daysBefore: number;
  action: 'send_message' | 'create_task';
}

/**
 * Seed 002's pre-delinquency reminders: a rule fires `daysBefore` an installment's due date, once
 * per installment, while the installment is not yet covered by payments. A skipped day still
 * fires it on the next run before the due date.
 */
export function preDelinquencyDue(input: {
  rules: readonly PreDelinquencyRule[];
  installments: readonly InstallmentDue[];
  payments: readonly PaymentMade[];
  asOf: IsoDate;
  firedKeys: ReadonlySet<string>;
}): { ruleId: string; seq: number; dueOn: IsoDate; action: PreDelinquencyRule['action'] }[] {
  const asOfDay = epochDay(input.asOf);
  let paid = 0;
  for (const payment of input.payments) if (payment.paidDay <= asOfDay) paid += payment.amountMinor;
  const fired: ReturnType<typeof preDelinquencyDue> = [];
  let cumulativeDue = 0;
  for (const installment of input.installments) {
    cumulativeDue += installment.principalMinor + installment.interestMinor + installment.feesMinor;
    if (installment.dueDay <= asOfDay || cumulativeDue <= paid) continue;
    for (const rule of input.rules) {
      const inWindow = installment.dueDay - rule.daysBefore <= asOfDay;
      if (inWindow && !input.firedKeys.has(preDelinquencyKey(rule.id, installment.seq))) {
        fired.push({ ruleId: rule.id, seq: installment.seq, dueOn: fromEpochDay(installment.dueDay), action: rule.action });
      }
    }
  }
  return fired;
}

export function preDelinquencyKey(ruleId: string, seq: number): string {
  return `${ruleId}#${seq}`;
}
