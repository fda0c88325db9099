import { z } from 'zod';
import type { IsoDate } from '../../src-shared/dates';
import type { LedgerData, WebhookEventType } from '../db/schema';

/** An event before it has an id, a version and a time: what one row change means to a lender. */
export interface DerivedEvent {
  type: WebhookEventType;
  data: Record<string, unknown>;
}

/** The tables whose changes can mean an event, by the event types each can produce. */
export const EVENT_TABLES: Readonly<Record<string, readonly WebhookEventType[]>> = {
  cases: ['delinquency.changed', 'case.opened', 'case.closed'],
  promises: ['promise.kept', 'promise.broken'],
  settlement_offers: ['settlement.accepted'],
  contact_attempts: ['contact.blocked'],
};

// Rows are desktop SQLite rows as the ledger stored them; a field that is missing or of another
// type reads as null rather than failing the write that carries it.
const text = z.string().nullable().catch(null);
const count = z.number().nullable().catch(null);

const caseRow = z.object({
  id: text, loan_id: text, account_number: text, status: text, close_reason: text, bucket: text, stage: text, dpd: count,
  amount_past_due_minor: count, balance_minor: count, currency: text, opened_on: text, closed_on: text,
});
const promiseRow = z.object({ id: text, case_id: text, loan_id: text, status: text, amount_minor: count, due_on: text, status_changed_on: text });
const offerRow = z.object({
  id: text, case_id: text, status: text, type: text, amount_minor: count, balance_minor: count, discount_pct: count, installments: count,
  expires_on: text, history: z.unknown(),
});
const attemptRow = z.object({
  id: text, borrower_id: text, loan_id: text, channel: text, direction: text, source: text, at: text, blocked: z.unknown(), blocked_reasons: z.unknown(),
});

/** Open, in progress, on hold and legal: the statuses the desktop's `cases.active` counts. */
const ACTIVE_CASE_STATUSES: ReadonlySet<string> = new Set(['open', 'in_progress', 'on_hold', 'legal']);
/** Cured and paid cases are `closed` with that reason; settled and written-off ones have their own status. */
const CLOSED_CASE_STATUSES: ReadonlySet<string> = new Set(['closed', 'settled', 'written_off']);

/** SQLite keeps JSON columns as text; a pushed row may carry them parsed. */
function jsonValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}

function caseFacts(row: z.infer<typeof caseRow>) {
  return { caseId: row.id, loanId: row.loan_id, accountNumber: row.account_number, currency: row.currency };
}

function caseEvents(before: z.infer<typeof caseRow> | null, after: z.infer<typeof caseRow>, asOf: IsoDate): DerivedEvent[] {
  const events: DerivedEvent[] = [];
  const status = after.status ?? '';
  if (before === null && ACTIVE_CASE_STATUSES.has(status)) {
    events.push({
      type: 'case.opened',
      data: { ...caseFacts(after), status, bucket: after.bucket, stage: after.stage, dpd: after.dpd, amountPastDueMinor: after.amount_past_due_minor, balanceMinor: after.balance_minor, openedOn: after.opened_on },
    });
  }
  if (before !== null && before.bucket !== after.bucket && after.bucket !== null) {
    events.push({
      type: 'delinquency.changed',
      data: { ...caseFacts(after), previousBucket: before.bucket, bucket: after.bucket, dpd: after.dpd, amountPastDueMinor: after.amount_past_due_minor, balanceMinor: after.balance_minor, asOf },
    });
  }
  if (before !== null && !CLOSED_CASE_STATUSES.has(before.status ?? '') && CLOSED_CASE_STATUSES.has(status)) {
    events.push({
      type: 'case.closed',
      data: { ...caseFacts(after), previousStatus: before.status, status, closeReason: after.close_reason, closedOn: after.closed_on, balanceMinor: after.balance_minor },
    });
  }
  return events;
}

const PROMISE_OUTCOMES: Readonly<Record<string, WebhookEventType>> = { kept: 'promise.kept', broken: 'promise.broken' };

function promiseEvents(before: z.infer<typeof promiseRow> | null, after: z.infer<typeof promiseRow>): DerivedEvent[] {
  const type = PROMISE_OUTCOMES[after.status ?? ''];
  if (before === null || type === undefined || before.status === after.status) return [];
  return [
    {
      type,
      data: { promiseId: after.id, caseId: after.case_id, loanId: after.loan_id, previousStatus: before.status, status: after.status, amountMinor: after.amount_minor, dueOn: after.due_on, statusChangedOn: after.status_changed_on },
    },
  ];
}

/** When the offer was accepted, from its lifecycle history (newest acceptance wins). */
function acceptedAt(history: unknown): string | null {
  const steps = z.array(z.object({ status: z.string(), at: z.string() }).loose()).safeParse(jsonValue(history));
  if (!steps.success) return null;
  return steps.data.filter((step) => step.status === 'accepted').at(-1)?.at ?? null;
}

function offerEvents(before: z.infer<typeof offerRow> | null, after: z.infer<typeof offerRow>): DerivedEvent[] {
  if (before === null || before.status === 'accepted' || after.status !== 'accepted') return [];
  return [
    {
      type: 'settlement.accepted',
      data: {
        settlementOfferId: after.id, caseId: after.case_id, offerType: after.type, amountMinor: after.amount_minor, balanceMinor: after.balance_minor,
        discountPct: after.discount_pct, installments: after.installments, expiresOn: after.expires_on, acceptedAt: acceptedAt(after.history),
      },
    },
  ];
}

function attemptEvents(before: z.infer<typeof attemptRow> | null, after: z.infer<typeof attemptRow>): DerivedEvent[] {
  if (before !== null || (after.blocked !== 1 && after.blocked !== true)) return [];
  const reasons = z.array(z.string()).catch([]).parse(jsonValue(after.blocked_reasons));
  return [
    {
      type: 'contact.blocked',
      data: { contactAttemptId: after.id, borrowerId: after.borrower_id, loanId: after.loan_id, channel: after.channel, direction: after.direction, source: after.source, at: after.at, reasons },
    },
  ];
}

function changeOf<T extends z.ZodType>(schema: T, before: LedgerData | null, after: LedgerData): [z.infer<T> | null, z.infer<T>] {
  return [before === null ? null : schema.parse(before), schema.parse(after)];
}

/**
 * What a change of one ledger row means to a lender's systems. `before` is null for a new row (or
 * one coming back from a tombstone), `after` null for a deletion, which means nothing. Only moves
 * count: a row written as it was, or first written already kept, closed or accepted (a bootstrap
 * of an existing book), is no event, except that a new active case is `case.opened` and a new
 * blocked contact attempt is `contact.blocked`. Payloads carry ids, amounts in minor units of the
 * case's currency, dates and codes; never a message's text or a borrower's name.
 */
export function deriveEvents(tbl: string, before: LedgerData | null, after: LedgerData | null, asOf: IsoDate): DerivedEvent[] {
  if (after === null) return [];
  if (tbl === 'cases') return caseEvents(...changeOf(caseRow, before, after), asOf);
  if (tbl === 'promises') return promiseEvents(...changeOf(promiseRow, before, after));
  if (tbl === 'settlement_offers') return offerEvents(...changeOf(offerRow, before, after));
  if (tbl === 'contact_attempts') return attemptEvents(...changeOf(attemptRow, before, after));
  return [];
}
