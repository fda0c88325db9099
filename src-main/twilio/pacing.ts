/** Time as the send queue sees it; tests pass a fake so pacing and backoff take no real seconds. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface SenderPacer {
  /** Runs `task` after every earlier task of this sender, no sooner than `intervalMs` after the last one started. */
  run<T>(sender: string, task: () => Promise<T>): Promise<T>;
}

/**
 * One queue per sender number. Twilio queues what a long-code number cannot send at once and
 * carriers filter bursts, so we hand it one message a second per sender and keep order.
 */
export function createSenderPacer(options: { intervalMs: number; clock: Clock }): SenderPacer {
  const tails = new Map<string, Promise<unknown>>();
  const lastStart = new Map<string, number>();
  return {
    run<T>(sender: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(sender) ?? Promise.resolve();
      const result = previous.then(async () => {
        const last = lastStart.get(sender);
        const wait = last === undefined ? 0 : last + options.intervalMs - options.clock.now();
        if (wait > 0) await options.clock.sleep(wait);
        lastStart.set(sender, options.clock.now());
        return task();
      });
      // A failed send must not stall the messages queued behind it.
      const tail = result.catch(() => undefined);
      tails.set(sender, tail);
      void tail.then(() => {
        if (tails.get(sender) === tail) tails.delete(sender);
      });
      return result;
    },
  };
}

/**
 * Retries `attempt` only while it fails with HTTP 429, at most `maxRetries` times, doubling the
 * wait from `baseDelayMs`. Anything else (a bad number, an opt-out) would fail the same way again.
 */
export async function retryOn429<T>(attempt: () => Promise<T>, options: { maxRetries: number; baseDelayMs: number; clock: Clock }): Promise<T> {
  for (let retry = 0; ; retry += 1) {
    try {
      return await attempt();
    } catch (error) {
      const status = (error as { status?: unknown } | null)?.status;
      if (status !== 429 || retry >= options.maxRetries) throw error;
      await options.clock.sleep(options.baseDelayMs * 2 ** retry);
    }
  }
}
