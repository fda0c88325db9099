import { RELAY_VERSION } from '../relay-version';
import { pinnedPost } from './pinned-post';
import { checkReceiver, ReceiverRefused, type ResolveHost } from './receiver-address';
import { signatureOf } from './signing';

/** One delivery as sent: the event it carries and where, with what secret. */
export interface OutgoingDelivery {
  deliveryId: string;
  eventId: string;
  type: string;
  occurredAt: Date;
  ledgerVersion: number;
  payload: Record<string, unknown>;
  url: string;
  secret: string;
}

export interface AttemptOutcome {
  attemptedAt: Date;
  /** Null when no answer came (refused, reset, timed out) or the receiver's address was refused. */
  httpStatus: number | null;
  /** What stood for an answer: `NO_ANSWER`, a refused address and why, or the relay stopping. */
  error: string | null;
  durationMs: number;
  delivered: boolean;
}

/** What the receiver gets; `id` stays the same across retries and replays, for it to de-duplicate on. */
export function deliveryBody(delivery: OutgoingDelivery): string {
  return JSON.stringify({ id: delivery.eventId, type: delivery.type, occurredAt: delivery.occurredAt.toISOString(), ledgerVersion: delivery.ledgerVersion, data: delivery.payload });
}

/**
 * Every network failure reads the same: told apart (refused, reset, timed out), the deliveries log
 * would show an admin which ports answer on hosts the relay can reach.
 */
export const NO_ANSWER = 'no answer from the receiver';

function failure(error: unknown, signal: AbortSignal): string {
  if (error instanceof ReceiverRefused) return `refused before connecting: ${error.reason}`;
  if (signal.aborted && !(signal.reason instanceof Error && signal.reason.name === 'TimeoutError')) return 'relay stopping';
  return NO_ANSWER;
}

/**
 * POSTs the event, signed afresh for this attempt, to an address checked now (a name may have been
 * rebound since it was added) and pinned for the connection. Only a 2xx is delivered: a redirect
 * is not followed (the receiver's URL is the one an admin registered), and the answer's body is not kept.
 */
export async function sendDelivery(delivery: OutgoingDelivery, options: { timeoutMs: number; stopping: AbortSignal; resolveHost: ResolveHost }): Promise<AttemptOutcome> {
  const body = deliveryBody(delivery);
  const timestamp = Math.floor(Date.now() / 1000);
  const attemptedAt = new Date();
  const started = performance.now();
  const signal = AbortSignal.any([AbortSignal.timeout(options.timeoutMs), options.stopping]);
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const addresses = await checkReceiver(delivery.url, options.resolveHost);
    const status = await pinnedPost(
      new URL(delivery.url),
      addresses,
      {
        'content-type': 'application/json',
        'user-agent': `Recourse-Relay/${RELAY_VERSION}`,
        'x-recourse-event-id': delivery.eventId,
        'x-recourse-delivery-id': delivery.deliveryId,
        'x-recourse-timestamp': String(timestamp),
        'x-recourse-signature': signatureOf(delivery.secret, timestamp, body),
      },
      body,
      signal,
    );
    return { attemptedAt, httpStatus: status, error: null, durationMs: elapsed(), delivered: status >= 200 && status < 300 };
  } catch (error) {
    return { attemptedAt, httpStatus: null, error: failure(error, signal), durationMs: elapsed(), delivered: false };
  }
}
