import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../db/schema';

export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Deliveries carry account numbers and are signed with a shared secret, so they go over TLS;
 * plain http is allowed only to this machine (a receiver under development, the tests).
 */
const receiverUrl = z
  .url({ protocol: /^https?$/, error: 'must be an https:// URL', abort: true })
  .max(2000)
  .refine((url) => {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || LOOPBACK_HOSTS.has(parsed.hostname);
  }, 'must be https:// (plain http only to localhost)')
  .refine((url) => new URL(url).username === '' && new URL(url).password === '', 'must not carry credentials; receivers verify the signature instead');

const eventTypes = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { error: `must be among ${WEBHOOK_EVENT_TYPES.join(', ')}` }))
  .min(1, `name at least one of ${WEBHOOK_EVENT_TYPES.join(', ')}`)
  .transform((types) => [...new Set(types)]);

/** A new subscription, from the CLI or the HTTP API. */
export const SubscriptionInput = z.object({ url: receiverUrl, events: eventTypes });
export type SubscriptionInput = z.infer<typeof SubscriptionInput>;

/** `a,b , c` as the CLI takes a list. */
export function splitList(list: string): string[] {
  return list.split(',').map((item) => item.trim()).filter((item) => item !== '');
}
