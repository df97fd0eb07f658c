// Where the runner's projections read the log from. By default a catch-up subscription on the event store;
// with HUB_BUS=kafka a consumer group on the topic the relay fills. Either way the projection keeps its own
// checkpoint and skips what it already applied, so the source may deliver an event again.
import type { EventStore, Position, RecordedEvent } from '../event-store.port';

/** What the worker hands a source when it starts following the log for one projection. */
export interface FollowOptions {
  /** The projection's checkpoint: the source need not deliver events at or before it (it may). */
  after: Position | undefined;
  /** Most events per `handle` call. */
  batchSize: number;
  /** Applies a batch in log order; the source moves on only after it resolved, and hands it again when it throws. */
  handle(events: RecordedEvent[]): Promise<void>;
  /** A batch failed or the source misbehaves. */
  onError(error: unknown): void;
}

/** A running feed of one projection. */
export interface ProjectionFeed {
  /** Stops after the batch in progress; idempotent. */
  stop(): Promise<void>;
}

/** Feeds the runner's projections: the event store's log (`log`) or a message bus (`bus`). */
export interface ProjectionSource {
  /** Shown in each projection's status (`source`). */
  readonly kind: 'log' | 'bus';
  /** Starts feeding projection `name`; resolves once the feed runs. */
  follow(name: string, options: FollowOptions): Promise<ProjectionFeed>;
}

/** The default source: a catch-up subscription on `store` from the projection's checkpoint. */
export function logProjectionSource(store: EventStore): ProjectionSource {
  return {
    kind: 'log',
    follow: async (_name, { after, batchSize, handle, onError }) => store.subscribe({ ...(after ? { after } : {}), batchSize, handle, onError }),
  };
}
