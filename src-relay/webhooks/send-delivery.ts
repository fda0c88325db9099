import { RELAY_VERSION } from '../relay-version';
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
  /** Null when no answer came (refused, reset, timed out). */
  httpStatus: number | null;
  /** The network error that stood for an answer, as a short code or message. */
  error: string | null;
  durationMs: number;
  delivered: boolean;
}

/** What the receiver gets; `id` stays the same across retries and replays, for it to de-duplicate on. */
export function deliveryBody(delivery: OutgoingDelivery): string {
  return JSON.stringify({ id: delivery.eventId, type: delivery.type, occurredAt: delivery.occurredAt.toISOString(), ledgerVersion: delivery.ledgerVersion, data: delivery.payload });
}

function networkError(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) return signal.reason instanceof Error && signal.reason.name === 'TimeoutError' ? 'timeout' : 'relay stopping';
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  const text = cause?.code ?? (error instanceof Error ? error.message : String(error));
  return text.slice(0, 200);
}

/**
 * POSTs the event, signed afresh for this attempt. Only a 2xx is delivered: a redirect is not
 * followed (the receiver's URL is the one an admin registered), and the answer's body is not kept.
 */
export async function sendDelivery(delivery: OutgoingDelivery, options: { timeoutMs: number; stopping: AbortSignal }): Promise<AttemptOutcome> {
  const body = deliveryBody(delivery);
  const timestamp = Math.floor(Date.now() / 1000);
  const attemptedAt = new Date();
  const started = performance.now();
  const signal = AbortSignal.any([AbortSignal.timeout(options.timeoutMs), options.stopping]);
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      redirect: 'manual',
      signal,
      headers: {
        'content-type': 'application/json',
        'user-agent': `Recourse-Relay/${RELAY_VERSION}`,
        'x-recourse-event-id': delivery.eventId,
        'x-recourse-delivery-id': delivery.deliveryId,
        'x-recourse-timestamp': String(timestamp),
        'x-recourse-signature': signatureOf(delivery.secret, timestamp, body),
      },
      body,
    });
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    return { attemptedAt, httpStatus: response.status, error: null, durationMs: elapsed(), delivered: ok };
  } catch (error) {
    return { attemptedAt, httpStatus: null, error: networkError(error, signal), durationMs: elapsed(), delivered: false };
  }
}
