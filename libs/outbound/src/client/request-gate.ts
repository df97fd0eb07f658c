// Paces one target's calls: at most `ratePerSecond` starts per second, and none while the target has asked
// us to wait (429 with Retry-After suspends every call to it, as Entra's engine does).

/** Paces the calls of one target. */
export class RequestGate {
  private nextStart = 0;
  private pausedUntil = 0;

  constructor(
    private readonly ratePerSecond: number | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when the next call may start; each caller reserves its own slot, so concurrent callers queue. */
  async enter(): Promise<void> {
    const now = this.now();
    const slot = Math.max(now, this.nextStart);
    if (this.ratePerSecond) this.nextStart = slot + 1000 / this.ratePerSecond;
    if (slot > now) await sleep(slot - now);
    while (this.pausedUntil > this.now()) await sleep(this.pausedUntil - this.now());
  }

  /** Holds every call for `ms` (the target's Retry-After). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
