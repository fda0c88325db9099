/**
 * Resolves once `predicate` holds, polling on real timers; the deadline is measured on the
 * monotonic clock, so tests that hold `Date` still can wait too.
 */
export async function until(predicate: () => boolean, what = 'the condition', timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`not reached in ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
