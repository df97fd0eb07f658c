import type { Position, RecordedEvent } from '../event-store.port';
import { comparePositions, maxPosition } from '../position';
import type { LogPage } from './catch-up-subscription';
import { firstIndexAfter, matchesPrefixes } from './read-rules';

/** Reads a page of the log after a position (all streams when `prefixes` is undefined). */
export type ReadLogPage = (after: Position | undefined, limit: number, prefixes: string[] | undefined) => Promise<LogPage>;

/** Events read per tail read; the tail keeps at most four such pages (see LogTail). */
export const TAIL_PAGE_SIZE = 256;
const TAIL_CAPACITY = 4 * TAIL_PAGE_SIZE;

/**
 * The head of the log, read once for all of a process's subscriptions.
 *
 * Subscriptions that have caught up (the projector and the audit index, most of the time) each used to read the log
 * after every append they were told of, from their own position: two reads per append, one of them usually empty
 * because the other had just seen the same events. The tail reads the head of the log for all of them, one read at
 * a time (a subscription asking while a read is in flight joins it), and keeps the most recent events: a
 * subscription at any position inside them is served without a read. A subscription further behind (catching up
 * from a checkpoint) reads the log itself, as before.
 *
 * What the tail keeps is every event of every stream in (`from`, `head`]: tail reads are unfiltered and each page is
 * complete up to where it says it has scanned, so a page served from it is the page the log would have given.
 */
export class LogTail {
  private recent: RecordedEvent[] = [];
  /** Whether `from` and `head` are known; `undefined` positions mean "before the first event". */
  private started = false;
  private from: Position | undefined;
  private head: Position | undefined;
  /** Whether the last tail read was full: more may be waiting right behind `head`. */
  private more = false;
  /** The newest append this process has heard of, and whether it heard of appends it has no position for. */
  private heardOf: Position | undefined;
  private heardUnknown = false;
  private reading: Promise<void> | undefined;

  constructor(private readonly readLog: ReadLogPage) {}

  /** An append committed (`undefined`: appends may have been missed, e.g. while the listener reconnected). */
  heard(position: Position | undefined): void {
    if (position === undefined) this.heardUnknown = true;
    else this.heardOf = maxPosition(this.heardOf, position);
  }

  /** A page after `after`, like `readLog`'s: from the tail when it reaches there, else read from the log. */
  async readPage(after: Position | undefined, limit: number, prefixes: string[] | undefined): Promise<LogPage> {
    const events: RecordedEvent[] = [];
    let cursor = after;
    let advanced = !this.started || !isBefore(cursor, this.head);
    if (advanced) await this.advance(cursor);
    for (;;) {
      // Behind what the tail keeps (or trimmed past the cursor meanwhile): the rest comes from the log itself.
      if (isBefore(cursor, this.from)) return this.withRest(events, await this.readLog(cursor, limit - events.length, prefixes));
      for (let i = firstIndexAfter(this.recent, cursor); i < this.recent.length; i++) {
        const event = this.recent[i];
        if (!matchesPrefixes(event.streamId, prefixes)) continue;
        events.push(event);
        if (events.length >= limit) return { events };
      }
      cursor = maxPosition(this.head, cursor);
      // Read on when the last tail read was full, or (once: it may still be hidden) when an append beyond it was heard of.
      const stale = !advanced && (this.heardUnknown || isBefore(this.head, this.heardOf));
      if (!this.more && !stale) return { events, scannedTo: cursor };
      advanced = true;
      await this.advance(cursor);
    }
  }

  private withRest(events: RecordedEvent[], rest: LogPage): LogPage {
    return events.length === 0 ? rest : { events: [...events, ...rest.events], scannedTo: rest.scannedTo };
  }

  /** Reads the log after `head` (one read at a time: a caller arriving while one is in flight waits for it). */
  private advance(after: Position | undefined): Promise<void> {
    if (!this.reading) {
      // The tail follows the furthest reader: one ahead of a tail that is still working through a backlog (it started
      // with a reader catching up) moves it to itself; the reader left behind reads the log itself.
      if (this.started && this.more && isBefore(this.head, after)) this.restartAt(after);
      this.reading = this.readTail(after).finally(() => (this.reading = undefined));
    }
    return this.reading;
  }

  private restartAt(position: Position | undefined): void {
    this.recent = [];
    this.from = position;
    this.head = position;
  }

  private async readTail(after: Position | undefined): Promise<void> {
    // The first read starts where its caller is; later ones where the tail is.
    const start = this.started ? this.head : after;
    const heardUnknown = this.heardUnknown;
    this.heardUnknown = false;
    let page: LogPage;
    try {
      page = await this.readLog(start, TAIL_PAGE_SIZE, undefined);
    } catch (error) {
      this.heardUnknown ||= heardUnknown;
      throw error;
    }
    if (!this.started) {
      this.started = true;
      this.from = start;
    }
    this.recent.push(...page.events);
    this.head = maxPosition(start, maxPosition(page.scannedTo, page.events.at(-1)?.position));
    this.more = page.events.length >= TAIL_PAGE_SIZE;
    const excess = this.recent.length - TAIL_CAPACITY;
    if (excess > 0) {
      this.from = this.recent[excess - 1].position;
      this.recent = this.recent.slice(excess);
    }
  }
}

/** a < b, where `undefined` is before every position. */
function isBefore(a: Position | undefined, b: Position | undefined): boolean {
  if (b === undefined) return false;
  return a === undefined || comparePositions(a, b) < 0;
}
