/** Thrown by waits of a target loop that is stopping. */
export class LoopStopped extends Error {
  override readonly name = 'LoopStopped';
}

/** Sleeps `ms`, or rejects with LoopStopped as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new LoopStopped('stopping'));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new LoopStopped('stopping'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
