/**
 * Resolves once `condition` holds, checking every `intervalMs`; rejects with `what` after `timeoutMs`.
 * Bounded by time, not by turns of the event loop: work in libuv's thread pool (file opens, fsyncs) takes
 * as long as a loaded CI machine makes it take, however few turns pass meanwhile.
 */
export async function until(condition: () => boolean, what = 'condition', timeoutMs = 10_000, intervalMs = 2): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
