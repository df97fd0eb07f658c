import { EventStoreUnavailable, WaitForTimeout } from '../event-store.errors';
import type { Position } from '../event-store.port';
import { comparePositions } from '../position';

/** Default `Subscription.waitFor` timeout. */
export const DEFAULT_WAIT_TIMEOUT_MS = 5000;

interface Waiter {
  position: Position;
  resolve(): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * The `waitFor` bookkeeping of a subscription: callers wait for a log position; the subscription reports how
 * far it has read and handled (`advance`), including events it skipped because of a stream-prefix filter.
 */
export class PositionWaiters {
  private reached: Position | undefined;
  private readonly waiters = new Set<Waiter>();
  private closedWith: Error | undefined;

  constructor(start?: Position) {
    this.reached = start;
  }

  /** Everything up to and including this position has been handled or skipped. */
  get handledThrough(): Position | undefined {
    return this.reached;
  }

  hasReached(position: Position): boolean {
    return this.reached !== undefined && comparePositions(this.reached, position) >= 0;
  }

  waitFor(position: Position, timeoutMs = DEFAULT_WAIT_TIMEOUT_MS): Promise<void> {
    if (this.hasReached(position)) return Promise.resolve();
    if (this.closedWith) return Promise.reject(this.closedWith);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        position,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new WaitForTimeout(position, timeoutMs));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** The furthest position someone is waiting for, if any. */
  furthestWaited(): Position | undefined {
    let furthest: Position | undefined;
    for (const waiter of this.waiters) {
      if (!furthest || comparePositions(waiter.position, furthest) > 0) furthest = waiter.position;
    }
    return furthest;
  }

  advance(to: Position | undefined): void {
    if (!to || this.hasReached(to)) return;
    this.reached = to;
    for (const waiter of this.waiters) {
      if (!this.hasReached(waiter.position)) continue;
      clearTimeout(waiter.timer);
      this.waiters.delete(waiter);
      waiter.resolve();
    }
  }

  /** Rejects every pending and future waiter (the subscription stopped). */
  close(reason = 'subscription stopped'): void {
    this.closedWith = new EventStoreUnavailable(reason);
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(this.closedWith);
    }
    this.waiters.clear();
  }
}
