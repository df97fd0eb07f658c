import { StreamRevisionConflict } from '../event-store.errors';
import type { AppendRequest, ExpectedRevision, NewEvent, StreamCondition } from '../event-store.port';

/** Revision of a stream that has no event yet. */
export const NO_STREAM_REVISION = -1;

/** Rejects appends the port does not define: empty stream ids, empty batches, non-integer revisions. */
export function validateAppend(streamId: string, expected: ExpectedRevision, events: NewEvent[]): void {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('streamId must be a non-empty string');
  if (!Array.isArray(events) || events.length === 0) throw new TypeError(`append to ${streamId}: no events`);
  if (typeof expected === 'number' && (!Number.isSafeInteger(expected) || expected < 0)) {
    throw new TypeError(`append to ${streamId}: expected revision must be a 0-based integer, got ${expected}`);
  }
}

/** Throws StreamRevisionConflict unless the stream's last revision (`-1` = no stream) satisfies `expected`. */
export function assertExpectedRevision(streamId: string, expected: ExpectedRevision, current: number): void {
  const exists = current > NO_STREAM_REVISION;
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && !exists) ||
    (expected === 'stream_exists' && exists) ||
    expected === current;
  if (!ok) throw new StreamRevisionConflict(streamId, expected, exists ? current : 'no_stream');
}

/**
 * Whether events already recorded from `firstRevision` on can be the original of a retried append with this
 * expectation (EventStoreDB's idempotency rule: the ids sit exactly where the expectation puts them).
 */
export function couldBeRetry(expected: ExpectedRevision, firstRevision: number): boolean {
  if (expected === 'no_stream') return firstRevision === 0;
  if (typeof expected === 'number') return firstRevision === expected + 1;
  return true;
}

/** True when the recorded ids (from the retry's first revision on) are exactly the ids being appended. */
export function sameIds(events: NewEvent[], recordedIds: string[]): boolean {
  return recordedIds.length === events.length && events.every((event, i) => event.id === recordedIds[i]);
}

/** Throws unless the requests name each stream once (one expectation per stream per append). */
export function assertDistinctStreams(streamIds: string[]): void {
  const seen = new Set<string>();
  for (const id of streamIds) {
    if (seen.has(id)) throw new TypeError(`appendMulti: stream ${id} appears twice`);
    seen.add(id);
  }
}

/** Validates an appendMulti call: each request, and every stream (appended to or a condition) named once. */
export function validateAppendMulti(requests: AppendRequest[], conditions: StreamCondition[]): void {
  requests.forEach((r) => validateAppend(r.streamId, r.expectedRevision, r.events));
  assertDistinctStreams([...requests.map((r) => r.streamId), ...conditions.map((c) => c.streamId)]);
  if (conditions.length > 0 && requests.length === 0) throw new TypeError('appendMulti: conditions without an append');
}

/** What to do with one stream's part of an append: write from `firstRevision`, or answer a retry. */
export type AppendDecision = { kind: 'append'; firstRevision: number } | { kind: 'retry'; lastRevision: number };

/** What an adapter knows about the stream before deciding (read inside its write transaction). */
export interface StreamState {
  /** Last revision, `-1` when the stream has no event. */
  current: number;
  /** Revision of the first appended event's id if the stream already holds it. */
  retryFrom: number | undefined;
  /** Ids recorded from `from` on (at most `count`). */
  idsFrom(from: number, count: number): string[];
}

/** Decides an append from the stream's state: idempotent retry, conflict (throws) or a fresh write. */
export function decideAppend(
  streamId: string,
  expected: ExpectedRevision,
  events: NewEvent[],
  state: StreamState,
): AppendDecision {
  const { current, retryFrom } = state;
  if (retryFrom !== undefined && couldBeRetry(expected, retryFrom)) {
    if (sameIds(events, state.idsFrom(retryFrom, events.length))) {
      return { kind: 'retry', lastRevision: retryFrom + events.length - 1 };
    }
    throw new StreamRevisionConflict(streamId, expected, current);
  }
  assertExpectedRevision(streamId, expected, current);
  return { kind: 'append', firstRevision: current + 1 };
}
