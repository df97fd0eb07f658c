import type { EventIdentity, Position, ReadStreamOptions, RecordedEvent, SubscribeOptions } from '../event-store.port';
import { comparePositions } from '../position';

/** Inclusive revision bounds (`low` ≤ `high`), read order and page size of a `readStream` call. */
export interface RevisionRange {
  low: number;
  high: number;
  backwards: boolean;
  limit: number;
}

const UNBOUNDED = Number.MAX_SAFE_INTEGER;

function checkCount(name: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
    throw new TypeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

/** Turns read options into bounds: backwards reads from `fromRevision` down to `toRevision` (port doc). */
export function revisionRange(options: ReadStreamOptions = {}): RevisionRange {
  checkCount('fromRevision', options.fromRevision);
  checkCount('toRevision', options.toRevision);
  checkCount('maxCount', options.maxCount);
  const backwards = options.direction === 'backwards';
  const limit = options.maxCount ?? UNBOUNDED;
  if (backwards) return { low: options.toRevision ?? 0, high: options.fromRevision ?? UNBOUNDED, backwards, limit };
  return { low: options.fromRevision ?? 0, high: options.toRevision ?? UNBOUNDED, backwards, limit };
}

/** Whether a stream id starts with one of the prefixes (no prefixes = every stream). */
export function matchesPrefixes(streamId: string, prefixes: readonly string[] | undefined): boolean {
  return !prefixes || prefixes.length === 0 || prefixes.some((prefix) => streamId.startsWith(prefix));
}

/** Whether a subscription delivers an event of this stream and type: its stream prefixes and its `accepts`. */
export function delivers(options: Pick<SubscribeOptions, 'streamPrefixes' | 'accepts'>, event: EventIdentity): boolean {
  return matchesPrefixes(event.streamId, options.streamPrefixes) && (options.accepts?.(event) ?? true);
}

/** The events of a page a subscription hands to its handler (those its `accepts` takes). */
export function acceptedEvents(events: RecordedEvent[], options: Pick<SubscribeOptions, 'accepts'>): RecordedEvent[] {
  const { accepts } = options;
  return accepts ? events.filter((event) => accepts(event)) : events;
}

/** Index of the first item strictly after `after` in a list sorted by position. */
export function firstIndexAfter<T extends { position: Position }>(sorted: readonly T[], after: Position | undefined): number {
  if (!after) return 0;
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (comparePositions(sorted[mid].position, after) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Validates a readAll `maxCount`; none means "to the end of the log" (port doc). */
export function readAllLimit(maxCount: number | undefined): number {
  checkCount('maxCount', maxCount);
  return maxCount ?? UNBOUNDED;
}
