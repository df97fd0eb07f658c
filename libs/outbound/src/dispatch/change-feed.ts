// Where a target's loop learns which resources changed: by default a catch-up subscription on the tenant's
// streams; with HUB_BUS=kafka a consumer group on the topic (busChangeFeed in @scim-hub/messaging). The loop
// folds each touched resource from the event store anyway, so a feed only says which streams moved and up to
// which position; the target's cursor (in its delivery state) and idempotent deliveries make a repeat harmless.
import type { EventStore, Position, RecordedEvent } from '@scim-hub/event-store';

/** What a target's loop asks of its change feed. */
export interface ChangeFeedOptions {
  targetId: string;
  /** The target's cursor: events at or before it were delivered (undefined: the initial sync, from the start). */
  after: Position | undefined;
  batchSize: number;
  /** Only events of streams starting with one of these (the target's tenant's users and groups). */
  streamPrefixes: string[];
  /** Delivers a batch and moves the cursor; the feed moves on only after it resolved. */
  handle(events: RecordedEvent[]): Promise<void>;
  onError(error: unknown): void;
}

/** A running change feed. */
export interface ChangeFeedRun {
  /** Stops after the batch in progress. */
  stop(): Promise<void>;
}

/** Starts a target's change feed. */
export type ChangeFeed = (options: ChangeFeedOptions) => ChangeFeedRun;

/** The default change feed: a catch-up subscription on `store` from the target's cursor. */
export function logChangeFeed(store: EventStore): ChangeFeed {
  return ({ after, batchSize, streamPrefixes, handle, onError }) => store.subscribe({ after, batchSize, streamPrefixes, handle, onError });
}
