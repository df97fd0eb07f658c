import type { ExpectedRevision, Position } from './event-store.port';

/** The stream was not at the expected revision (optimistic concurrency conflict); `actual` is what the store saw. */
export class StreamRevisionConflict extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'StreamRevisionConflict';
  }
}

/** The store could not be reached or failed in a way the caller cannot fix; safe to retry later. */
export class EventStoreUnavailable extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'EventStoreUnavailable';
  }
}

/** `Subscription.waitFor` gave up: the subscription had not handled `position` within the timeout. */
export class WaitForTimeout extends Error {
  constructor(
    readonly position: Position,
    readonly timeoutMs: number,
  ) {
    super(`subscription did not reach ${position.commit}:${position.prepare} within ${timeoutMs} ms`);
    this.name = 'WaitForTimeout';
  }
}
