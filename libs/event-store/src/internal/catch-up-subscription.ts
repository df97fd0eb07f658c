import type { EventIdentity, Position, RecordedEvent, SubscribeOptions, Subscription } from '../event-store.port';
import { comparePositions, maxPosition } from '../position';
import { PositionWaiters } from './position-waiters';
import { acceptedEvents, delivers } from './read-rules';
import { WakeSignal } from './wake-signal';

/** One page of the global log and how far the read has looked (past events a prefix filter dropped). */
export interface LogPage {
  events: RecordedEvent[];
  /** Everything up to here has been examined; absent = up to the last event of the page. */
  scannedTo?: Position;
}

/**
 * The events of one commit this process made, handed to its subscriptions in commit order: a subscription that has
 * read everything before them takes them from here instead of reading them back from the log.
 */
export interface CommittedPage {
  /** The position just before the commit's first event (undefined: the log was empty). */
  after: Position | undefined;
  /** The commit's last position. */
  last: Position;
  /** Fresh copies of the commit's events in log order (each subscription gets its own): those `keep` keeps, decoded
   * only once kept. */
  events(keep: (event: EventIdentity) => boolean): RecordedEvent[];
}

/** What a store gives the generic catch-up loop. */
export interface CatchUpSource {
  readPage(after: Position | undefined, limit: number, prefixes: string[] | undefined): Promise<LogPage>;
  /** Registers a listener called after each commit this process learns of (with its events when it made it);
   * returns the unregister function. */
  onAppend(listener: (position?: Position, committed?: CommittedPage) => void): () => void;
  /** How often to look for appends nobody told us about (another process, a lost notification). */
  pollIntervalMs: number;
}

const DEFAULT_BATCH_SIZE = 500;
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5000;
const FIRST_CHASE_MS = 2;
/**
 * The longest wait between reads while a notified position is not yet visible. PostgreSQL shows an append only
 * once every older transaction of the cluster has ended, and most of those never notify (the read model's and the
 * audit index's own writes, other databases). A chase that doubled up to the poll interval (1 s) made a writer
 * waiting to read its own write wait up to a second: PATCH p99 1.08 s and half the throughput under 32 concurrent
 * writers (docs/performance-history.md, round 8). While a position stays hidden (a long transaction elsewhere) each
 * subscription reads the log this often.
 */
export const MAX_CHASE_MS = 25;
/** Commits kept for a subscription that is busy; past this it reads them back from the log instead. */
const MAX_COMMITTED_PAGES = 256;

/**
 * A catch-up subscription over any store that can read its log in pages: reads from `after`, hands each page
 * to `handle` (retrying the same page after a back-off when it throws), then waits for an append
 * notification or the poll interval.
 */
export class CatchUpSubscription implements Subscription {
  private readonly waiters: PositionWaiters;
  private readonly signal = new WakeSignal();
  private readonly unlisten: () => void;
  private readonly loop: Promise<void>;
  private committed: CommittedPage[] = [];
  private lastHandled: Position | undefined;
  private knownHead: Position | undefined;
  private stopped = false;

  constructor(
    private readonly source: CatchUpSource,
    private readonly options: SubscribeOptions,
    private readonly onStopped: (subscription: CatchUpSubscription) => void = () => undefined,
  ) {
    this.lastHandled = options.after;
    this.waiters = new PositionWaiters(options.after);
    this.unlisten = source.onAppend((position, committed) => this.heard(position, committed));
    this.loop = this.run();
  }

  get position(): Position | undefined {
    return this.lastHandled;
  }

  waitFor(position: Position, timeoutMs?: number): Promise<void> {
    if (!this.waiters.hasReached(position)) this.heard(position);
    return this.waiters.waitFor(position, timeoutMs);
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.unlisten();
      this.signal.notify();
    }
    await this.loop;
    this.waiters.close();
    this.onStopped(this);
  }

  private heard(position: Position | undefined, committed?: CommittedPage): void {
    // A position already handled brings nothing to read (PostgreSQL: this process's own NOTIFY, heard back after the
    // append's local wake-up has been handled); waking for it would cost a read of the log.
    if (!committed && position !== undefined && this.waiters.hasReached(position)) return;
    if (committed) {
      if (this.committed.length >= MAX_COMMITTED_PAGES) this.committed = [];
      this.committed.push(committed);
    }
    this.knownHead = maxPosition(this.knownHead, position);
    this.signal.notify();
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? DEFAULT_BATCH_SIZE;
    let retryMs = FIRST_RETRY_MS;
    let chaseMs = FIRST_CHASE_MS;
    while (!this.stopped) {
      this.signal.clear();
      try {
        const full = await this.step(batchSize);
        retryMs = FIRST_RETRY_MS;
        if (full) continue;
      } catch (error) {
        this.reportError(error);
        await this.signal.wait(retryMs);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
        continue;
      }
      // A notified position we cannot see yet (PostgreSQL: an older transaction still open) is chased quickly.
      const behind = this.knownHead !== undefined && !this.waiters.hasReached(this.knownHead);
      chaseMs = behind ? Math.min(chaseMs * 2, MAX_CHASE_MS, this.source.pollIntervalMs) : FIRST_CHASE_MS;
      await this.signal.wait(behind ? chaseMs : this.source.pollIntervalMs);
    }
  }

  /** Reads and handles one page; true when the page was full (more is probably waiting). */
  private async step(batchSize: number): Promise<boolean> {
    // Commits handed over hold only the events this subscription delivers (takeCommitted); a page read from the log
    // is filtered by `accepts` here.
    const committed = this.takeCommitted(batchSize);
    const page = committed ?? (await this.source.readPage(this.waiters.handledThrough, batchSize, this.options.streamPrefixes));
    if (this.stopped) return false;
    const last = page.events.at(-1);
    if (last) {
      const accepted = committed ? page.events : acceptedEvents(page.events, this.options);
      if (accepted.length > 0) await this.options.handle(accepted);
      this.lastHandled = last.position;
    }
    this.waiters.advance(maxPosition(page.scannedTo, last?.position));
    return page.events.length >= batchSize;
  }

  /**
   * The commits handed over that follow on exactly from what was handled, as one page of at most `batchSize` events
   * (a subscription that was busy takes what queued meanwhile at once); undefined when none follows (the log is read).
   */
  private takeCommitted(batchSize: number): LogPage | undefined {
    const through = this.waiters.handledThrough;
    while (this.committed.length > 0 && through !== undefined && comparePositions(this.committed[0].last, through) <= 0) this.committed.shift();
    const events: RecordedEvent[] = [];
    let last = through;
    let taken = 0;
    for (let next = this.committed[0]; next !== undefined; next = this.committed[0]) {
      const follows = next.after === undefined ? last === undefined : last !== undefined && comparePositions(next.after, last) === 0;
      const fresh = follows ? next.events((event) => delivers(this.options, event)) : [];
      if (!follows || events.length + fresh.length > batchSize) break;
      this.committed.shift();
      events.push(...fresh);
      last = next.last;
      taken++;
    }
    if (taken === 0) {
      // Nothing follows on from here (a gap, or a commit larger than a batch): read the log instead.
      this.committed = [];
      return undefined;
    }
    return { events, scannedTo: last };
  }

  private reportError(error: unknown): void {
    try {
      this.options.onError?.(error);
    } catch {
      // An onError that throws must not kill the subscription: handlers never throw past the consumer.
    }
  }
}
