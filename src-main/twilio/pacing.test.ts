import { describe, expect, it } from 'vitest';
import { createSenderPacer, retryOn429, type Clock } from './pacing';

function fakeClock(): Clock {
  let now = 0;
  return { now: () => now, sleep: async (ms) => void (now += ms) };
}

describe('createSenderPacer', () => {
  it('starts one sender’s tasks in order, at least the interval apart, and leaves other senders alone', async () => {
    const clock = fakeClock();
    const pacer = createSenderPacer({ intervalMs: 1000, clock });
    const starts: [string, number][] = [];
    const task = (label: string) => async () => void starts.push([label, clock.now()]);
    await Promise.all([pacer.run('+1A', task('a1')), pacer.run('+1A', task('a2')), pacer.run('+1B', task('b1')), pacer.run('+1A', task('a3'))]);
    expect(starts).toEqual([['a1', 0], ['b1', 0], ['a2', 1000], ['a3', 2000]]);
  });

  it('does not wait once the interval has already passed, and a failed task does not stall the queue', async () => {
    const clock = fakeClock();
    const pacer = createSenderPacer({ intervalMs: 1000, clock });
    await expect(pacer.run('+1A', async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await clock.sleep(5000);
    const start = clock.now();
    expect(await pacer.run('+1A', async () => clock.now())).toBe(start);
  });
});

describe('retryOn429', () => {
  const rateLimited = Object.assign(new Error('Too Many Requests'), { status: 429 });

  it('does not retry other failures', async () => {
    let attempts = 0;
    const invalid = Object.assign(new Error('invalid'), { status: 400 });
    await expect(retryOn429(async () => Promise.reject((attempts += 1, invalid)), { maxRetries: 3, baseDelayMs: 1000, clock: fakeClock() })).rejects.toBe(invalid);
    expect(attempts).toBe(1);
  });

  it('retries 429 with doubling waits until it succeeds', async () => {
    const clock = fakeClock();
    let attempts = 0;
    const value = await retryOn429(async () => ((attempts += 1) < 3 ? Promise.reject(rateLimited) : 'ok'), { maxRetries: 3, baseDelayMs: 500, clock });
    expect([value, attempts, clock.now()]).toEqual(['ok', 3, 1500]);
  });
});
