/**
 * Resolves once `condition` holds (a rejected check counts as not yet), checking every `intervalMs`; rejects
 * naming `what` after `timeoutMs`. Bounded by time, not by turns of the event loop: work in libuv's thread pool
 * (file opens, fsyncs) or another process's start-up takes as long as a loaded CI machine makes it take.
 */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what = 'condition',
  timeoutMs = 10_000,
  intervalMs = 2,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await Promise.resolve().then(condition).catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
