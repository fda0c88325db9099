import { AppError } from './errors';

/**
 * Throttling of failed sign-ins (issue 14, item 6), per user and per connection (an Electron
 * window, a harness socket). Passwords are the only secret between a reachable sign-in and a
 * collector's access to borrowers, so guessing must get slower the more it fails. Pure: the clock
 * is injected, so the policy is tested without sleeping and the relay can apply the same rule.
 */

export interface ThrottlePolicy {
  /** Failures tolerated in a row before the first wait. */
  maxFailures: number;
  /** Quiet time after which failures are forgotten (counted from the last failure or the end of a wait). */
  forgetAfterMs: number;
  /** The wait after the `maxFailures`-th failure; each further failure doubles it. */
  firstWaitMs: number;
  /** The longest wait: a cap, since anyone can lock a user out by failing on purpose. */
  maxWaitMs: number;
}

const MINUTE = 60_000;

export const SIGN_IN_POLICY: ThrottlePolicy = { maxFailures: 5, forgetAfterMs: 15 * MINUTE, firstWaitMs: MINUTE, maxWaitMs: 60 * MINUTE };

interface FailureRecord {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

/** The wait after `failures` failures in a row: none below the threshold, then doubling to the cap. */
export function lockoutMs(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.maxFailures) return 0;
  return Math.min(policy.firstWaitMs * 2 ** (failures - policy.maxFailures), policy.maxWaitMs);
}

function forgotten(record: FailureRecord, now: number, policy: ThrottlePolicy): boolean {
  return now >= Math.max(record.lastFailureAt, record.lockedUntil) + policy.forgetAfterMs;
}

function afterFailure(record: FailureRecord | undefined, now: number, policy: ThrottlePolicy): FailureRecord {
  const failures = record && !forgotten(record, now, policy) ? record.failures + 1 : 1;
  return { failures, lastFailureAt: now, lockedUntil: now + lockoutMs(failures, policy) };
}

function refusal(waitMs: number): AppError {
  const minutes = Math.ceil(waitMs / MINUTE);
  // 'unauthenticated': the caller stays signed out, and the sign-in screen shows the message as it
  // shows a wrong password. No code of its own, so the relay's HTTP status table needs no new row.
  return new AppError('unauthenticated', `Too many failed sign-ins: wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again`);
}

/** Users whose records are swept once this many accumulate, so made-up user ids cannot grow memory without end. */
const SWEEP_ABOVE = 1000;

export interface SignInThrottle {
  /** Throws AppError when this user, or this connection, must wait; a refused attempt is not a failure. */
  check(userId: string, connection: object): void;
  failed(userId: string, connection: object): void;
  /** Forgets the user's failures; the connection's stay, so owning one account buys no extra guesses. */
  succeeded(userId: string): void;
}

export function createSignInThrottle(options: { now?: () => number; policy?: ThrottlePolicy } = {}): SignInThrottle {
  const now = options.now ?? Date.now;
  const policy = options.policy ?? SIGN_IN_POLICY;
  const users = new Map<string, FailureRecord>();
  // Keyed by the connection object itself, so a closed window's record goes with it.
  const connections = new WeakMap<object, FailureRecord>();
  return {
    check(userId, connection) {
      const at = now();
      const wait = Math.max(users.get(userId)?.lockedUntil ?? 0, connections.get(connection)?.lockedUntil ?? 0) - at;
      if (wait > 0) throw refusal(wait);
    },
    failed(userId, connection) {
      const at = now();
      if (users.size >= SWEEP_ABOVE) for (const [id, record] of users) if (forgotten(record, at, policy)) users.delete(id);
      users.set(userId, afterFailure(users.get(userId), at, policy));
      connections.set(connection, afterFailure(connections.get(connection), at, policy));
    },
    succeeded(userId) {
      users.delete(userId);
    },
  };
}
