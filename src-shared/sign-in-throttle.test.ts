import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { createSignInThrottle, lockoutMs, SIGN_IN_POLICY } from './sign-in-throttle';

const MINUTE = 60_000;

/** A throttle on a clock the test moves by hand: no sleeps. */
function throttled() {
  let now = Date.UTC(2026, 11, 1, 9, 0);
  const throttle = createSignInThrottle({ now: () => now });
  return { throttle, advance: (ms: number) => (now += ms) };
}

/** The refusal `check` throws, or null when the attempt may go ahead. */
function refusal(check: () => void): AppError | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

describe('the sign-in lockout after the fifth failure', () => {
  it.each([
    [4, 0],
    [5, 1 * MINUTE],
    [6, 2 * MINUTE],
    [7, 4 * MINUTE],
    [10, 32 * MINUTE],
    [11, 60 * MINUTE],
    [40, 60 * MINUTE],
  ])('after %i failures in a row waits %i ms', (failures, wait) => {
    expect(lockoutMs(failures, SIGN_IN_POLICY)).toBe(wait);
  });
});

describe('createSignInThrottle', () => {
  const window = {};

  it('lets four wrong passwords through and refuses the fifth user attempt for a minute', () => {
    const { throttle, advance } = throttled();
    for (let attempt = 0; attempt < 4; attempt++) {
      expect(refusal(() => throttle.check('user_ana', {}))).toBeNull();
      throttle.failed('user_ana', {});
      advance(MINUTE);
    }
    throttle.failed('user_ana', {});
    expect(refusal(() => throttle.check('user_ana', {}))).toMatchObject({ code: 'unauthenticated', message: expect.stringContaining('wait 1 minute') });
    advance(MINUTE - 1);
    expect(refusal(() => throttle.check('user_ana', {}))).not.toBeNull();
    advance(1);
    expect(refusal(() => throttle.check('user_ana', {}))).toBeNull();
  });

  it('doubles the wait with each further failure', () => {
    const { throttle, advance } = throttled();
    for (let attempt = 0; attempt < 5; attempt++) throttle.failed('user_ana', {});
    advance(MINUTE);
    throttle.failed('user_ana', {});
    expect(refusal(() => throttle.check('user_ana', {}))?.message).toContain('wait 2 minutes');
    advance(2 * MINUTE);
    throttle.failed('user_ana', {});
    advance(4 * MINUTE - 1);
    expect(refusal(() => throttle.check('user_ana', {}))).not.toBeNull();
    advance(1);
    expect(refusal(() => throttle.check('user_ana', {}))).toBeNull();
  });

  it('forgets failures after 15 quiet minutes, so occasional typos never lock anyone out', () => {
    const { throttle, advance } = throttled();
    for (let day = 0; day < 20; day++) {
      throttle.failed('user_ana', {});
      advance(15 * MINUTE);
    }
    expect(refusal(() => throttle.check('user_ana', {}))).toBeNull();
  });

  it('starts the count again after a successful sign-in', () => {
    const { throttle } = throttled();
    for (let attempt = 0; attempt < 4; attempt++) throttle.failed('user_ana', {});
    throttle.succeeded('user_ana');
    for (let attempt = 0; attempt < 4; attempt++) throttle.failed('user_ana', {});
    expect(refusal(() => throttle.check('user_ana', {}))).toBeNull();
  });

  it('locks one user without touching another', () => {
    const { throttle } = throttled();
    for (let attempt = 0; attempt < 5; attempt++) throttle.failed('user_ana', {});
    expect(refusal(() => throttle.check('user_ana', {}))).not.toBeNull();
    expect(refusal(() => throttle.check('user_ben', {}))).toBeNull();
  });

  it('locks a connection that guesses across many users, while other connections go on', () => {
    const { throttle } = throttled();
    for (let attempt = 0; attempt < 5; attempt++) throttle.failed(`user_${attempt}`, window);
    expect(refusal(() => throttle.check('user_new', window))).toMatchObject({ code: 'unauthenticated' });
    expect(refusal(() => throttle.check('user_new', {}))).toBeNull();
  });

  it('keeps the connection count through a success, so owning one account buys no more guesses', () => {
    const { throttle } = throttled();
    for (let attempt = 0; attempt < 4; attempt++) throttle.failed(`user_${attempt}`, window);
    throttle.succeeded('user_mine');
    throttle.failed('user_9', window);
    expect(refusal(() => throttle.check('user_mine', window))).not.toBeNull();
  });

  it('does not count refused attempts, so a lock ends on time however often it is tried', () => {
    const { throttle, advance } = throttled();
    for (let attempt = 0; attempt < 5; attempt++) throttle.failed('user_ana', {});
    for (let tries = 0; tries < 50; tries++) {
      expect(refusal(() => throttle.check('user_ana', {}))).not.toBeNull();
      advance(1000);
    }
    advance(10 * 1000);
    expect(refusal(() => throttle.check('user_ana', {}))).toBeNull();
  });
});
