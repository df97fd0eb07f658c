/**
 * A level-triggered wake-up: `notify()` before `wait()` is not lost, so a subscription that was reading when an
 * append committed reads again at once instead of sleeping a full poll interval.
 */
export class WakeSignal {
  private pending = false;
  private wakeUp: (() => void) | undefined;

  notify(): void {
    this.pending = true;
    this.wakeUp?.();
  }

  /** Forget notifications that arrived before the read that is about to start. */
  clear(): void {
    this.pending = false;
  }

  /** Resolves on the next notification (or at once if one is pending) or after `ms`. */
  wait(ms: number): Promise<void> {
    if (this.pending) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.wakeUp === done) this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
