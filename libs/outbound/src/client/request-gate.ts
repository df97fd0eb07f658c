// Paces one target's calls: at most `ratePerSecond` starts per second, and none while the target has asked
// us to wait (429 with Retry-After suspends every call to it, as Entra's engine does).
import { sleep } from '../delivery/abortable-sleep';

/** Paces the calls of one target. */
export class RequestGate {
  private nextStart = 0;
  private pausedUntil = 0;

  constructor(
    private readonly ratePerSecond: number | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Resolves when the next call may start; each caller reserves its own slot, so concurrent callers queue.
   * Rejects with LoopStopped once `signal` aborts (a stopping engine does not wait out a Retry-After).
   */
  async enter(signal: AbortSignal = NEVER): Promise<void> {
    const now = this.now();
    const slot = Math.max(now, this.nextStart);
    if (this.ratePerSecond) this.nextStart = slot + 1000 / this.ratePerSecond;
    if (slot > now) await sleep(slot - now, signal);
    while (this.pausedUntil > this.now()) await sleep(this.pausedUntil - this.now(), signal);
  }

  /** Holds every call for `ms` (the target's Retry-After). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }
}

const NEVER = new AbortController().signal;
