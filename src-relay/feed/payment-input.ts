import { z } from 'zod';
import { parseIsoDate, type IsoDate } from '../../src-shared/dates';
import { FeedRejected } from './feed-rejected';

/** The most payments one request may carry; a core-banking system sends more in several. */
export const MAX_PAYMENTS_PER_REQUEST = 1000;

/** One payment as the core-banking system reports it; money in integer minor units. */
export const PaymentInput = z
  .object({
    accountNumber: z.string().trim().min(1, 'is required').max(64),
    amountMinor: z.number({ error: 'must be a whole number of minor units' }).int('must be a whole number of minor units').positive('must be positive').max(Number.MAX_SAFE_INTEGER),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter uppercase currency code (ISO 4217)'),
    paidOn: z
      .string()
      .refine((text) => parseIsoDate(text) !== null, 'must be a date written YYYY-MM-DD')
      .transform((text) => text as IsoDate),
    reference: z.string().trim().min(1, 'is required').max(100),
  })
  .strict();
export type PaymentInput = z.infer<typeof PaymentInput>;

const PaymentsBody = z.union([z.array(z.unknown()).min(1).max(MAX_PAYMENTS_PER_REQUEST), z.record(z.string(), z.unknown())]);

/**
 * One payment or an array of them, every row checked: a bad batch answers every problem as
 * `payments[3].amountMinor: must be positive` (a single payment is `payments[0]`).
 */
export function parsePayments(body: unknown): PaymentInput[] {
  const shape = PaymentsBody.safeParse(body);
  if (!shape.success) throw new FeedRejected('payments', [`payments: must be a payment object or an array of 1 to ${MAX_PAYMENTS_PER_REQUEST} of them`]);
  const rows = Array.isArray(shape.data) ? shape.data : [shape.data];
  const errors: string[] = [];
  const payments: PaymentInput[] = [];
  rows.forEach((row, index) => {
    const parsed = PaymentInput.safeParse(row);
    if (parsed.success) payments.push(parsed.data);
    else for (const issue of parsed.error.issues) errors.push(`payments[${index}]${issue.path.map((part) => `.${String(part)}`).join('')}: ${issue.message}`);
  });
  if (errors.length > 0) throw new FeedRejected('payments', errors);
  return payments;
}
