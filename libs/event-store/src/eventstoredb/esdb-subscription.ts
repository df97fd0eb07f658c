import type { Position, RecordedEvent, SubscribeOptions, Subscription } from '../event-store.port';
import { PositionWaiters } from '../internal/position-waiters';
import { acceptedEvents } from '../internal/read-rules';
import { WakeSignal } from '../internal/wake-signal';
import { comparePositions, maxPosition } from '../position';

/** A server-side filtered catch-up feed of the global log, already mapped to the port's events. */
export interface LiveFeed {
  onEvent(listener: (event: RecordedEvent) => void): void;
  onError(listener: (error: unknown) => void): void;
  pause(): void;
  resume(): void;
  close(): Promise<void>;
}

/** What the subscription needs from the store. */
export interface LiveFeedSource {
  /** Starts a feed after `from`; `onCheckpoint` reports how far the server has scanned (filtered events too). */
  open(from: Position | undefined, onCheckpoint: (position: Position) => void): LiveFeed;
  /** Whether the subscription could still have to deliver something at or before `to`: a matching event in
   *  (`from`, `to`], or `to` not yet written. */
  pendingUpTo(from: Position | undefined, to: Position): Promise<boolean>;
}

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5000;
const PROBE_INTERVAL_MS = 100;

/**
 * A subscription on EventStoreDB's own catch-up subscription. Events arrive as a stream; they are buffered
 * (the feed is paused when the buffer is two batches deep) and handed to `handle` in batches, in order. A
 * waitFor for a position the filter drops is answered by the server's checkpoints or, when the subscription
 * is idle, by asking the store whether anything matching is still due up to that position.
 */
export class EsdbSubscription implements Subscription {
  private readonly waiters: PositionWaiters;
  private readonly signal = new WakeSignal();
  private readonly buffer: RecordedEvent[] = [];
  private feed: LiveFeed | undefined;
  private lastHandled: Position | undefined;
  private lastQueued: Position | undefined;
  private checkpoint: Position | undefined;
  private draining: Promise<void> | undefined;
  private probing = false;
  private probeTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private retryMs = FIRST_RETRY_MS;

  constructor(
    private readonly source: LiveFeedSource,
    private readonly options: SubscribeOptions,
    private readonly onStopped: (subscription: EsdbSubscription) => void = () => undefined,
  ) {
    this.lastHandled = this.lastQueued = options.after;
    this.waiters = new PositionWaiters(options.after);
    this.open();
  }

  get position(): Position | undefined {
    return this.lastHandled;
  }

  waitFor(position: Position, timeoutMs?: number): Promise<void> {
    const reached = this.waiters.waitFor(position, timeoutMs);
    void this.probe();
    return reached;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.signal.notify();
    clearTimeout(this.probeTimer);
    const feed = this.feed;
    this.feed = undefined;
    await feed?.close().catch(() => undefined);
    await this.draining;
    this.waiters.close();
    this.onStopped(this);
  }

  private get batchSize(): number {
    return this.options.batchSize ?? 500;
  }

  private open(): void {
    const feed = this.source.open(this.lastHandled, (position) => this.onCheckpoint(position));
    feed.onEvent((event) => this.onEvent(feed, event));
    feed.onError((error) => this.onFeedError(feed, error));
    this.feed = feed;
  }

  private onEvent(feed: LiveFeed, event: RecordedEvent): void {
    if (this.stopped || feed !== this.feed) return;
    // After a resubscription the server may repeat what we already queued.
    if (this.lastQueued && comparePositions(event.position, this.lastQueued) <= 0) return;
    this.buffer.push(event);
    this.lastQueued = event.position;
    if (this.buffer.length >= 2 * this.batchSize) feed.pause();
    this.kick();
  }

  private onCheckpoint(position: Position): void {
    this.checkpoint = maxPosition(this.checkpoint, position);
    this.kick();
  }

  private onFeedError(feed: LiveFeed, error: unknown): void {
    if (this.stopped || feed !== this.feed) return;
    this.feed = undefined;
    this.report(error);
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    void feed.close().catch(() => undefined);
    // Resubscribe from the last handled event once the buffer is handled, so nothing is lost or repeated.
    void this.signal.wait(delay).then(async () => {
      await this.draining;
      if (!this.stopped) this.open();
    });
  }

  private kick(): void {
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
      void this.probe();
    });
  }

  private async drain(): Promise<void> {
    while (this.buffer.length > 0 && !this.stopped) {
      const batch = this.buffer.slice(0, this.batchSize);
      const accepted = acceptedEvents(batch, this.options);
      try {
        if (accepted.length > 0) await this.options.handle(accepted);
      } catch (error) {
        this.report(error);
        await this.signal.wait(this.retryMs);
        this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
        continue;
      }
      this.retryMs = FIRST_RETRY_MS;
      this.buffer.splice(0, batch.length);
      this.lastHandled = batch[batch.length - 1].position;
      this.waiters.advance(this.lastHandled);
      if (this.buffer.length < this.batchSize) this.feed?.resume();
    }
    // Every event before a checkpoint was delivered before it, and the buffer is empty: all of it is handled.
    if (this.buffer.length === 0 && !this.stopped) this.waiters.advance(this.checkpoint);
  }

  /** When idle, asks the store whether anything is still due up to the furthest awaited position. */
  private async probe(): Promise<void> {
    const target = this.waiters.furthestWaited();
    if (!target || this.probing || this.stopped || this.draining || this.buffer.length > 0) return;
    this.probing = true;
    let pending = true;
    try {
      pending = await this.source.pendingUpTo(this.waiters.handledThrough, target);
      if (!pending && !this.draining && this.buffer.length === 0) this.waiters.advance(target);
    } catch (error) {
      this.report(error);
    } finally {
      this.probing = false;
    }
    // Someone still waits for a position not written yet or filtered out: look again shortly.
    if (pending && !this.stopped && !this.probeTimer) {
      this.probeTimer = setTimeout(() => {
        this.probeTimer = undefined;
        void this.probe();
      }, PROBE_INTERVAL_MS);
    }
  }

  private report(error: unknown): void {
    try {
      this.options.onError?.(error);
    } catch {
      // Handlers never throw past the consumer (docs/development.md); a failing onError is ignored.
    }
  }
}
