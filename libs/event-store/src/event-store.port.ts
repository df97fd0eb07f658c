// The event-store port: what every adapter (in-memory, SQLite, PostgreSQL, EventStoreDB) provides.
// Nothing above this port sees a driver type; adapters translate vendor errors into the errors below.

/** A JSON object as stored in event data and metadata. */
export type EventJson = { [key: string]: unknown };

/** Who and what caused an event: the audit trail (docs/architecture.md). */
export interface EventMetadata {
  tenant: string;
  /** Correlation id: the request id of the HTTP request that caused the event. */
  requestId?: string;
  /** Id of the command or event that caused this one. */
  causationId?: string;
  /** Token id of the caller (never the token itself). */
  actor?: string;
  clientAddress?: string;
  userAgent?: string;
  /** ISO-8601 time the command was decided. */
  time: string;
  [key: string]: unknown;
}

/**
 * An event to append. `id` (a UUID) makes a retried append idempotent: appending events whose ids are already
 * recorded, in the same order, where `expectedRevision` says they belong, returns the original result and
 * writes nothing (every adapter; EventStoreDB natively, the SQL adapters by looking the ids up).
 */
export interface NewEvent {
  id: string;
  type: string;
  schemaVersion: number;
  data: EventJson;
  metadata: EventMetadata;
}

/**
 * A global log position. Ordered by (commit, prepare): SQLite uses its sequence for both,
 * PostgreSQL (transaction id, sequence), EventStoreDB its own commit/prepare positions.
 */
export interface Position {
  commit: bigint;
  prepare: bigint;
}

/** An event as read back from the store. `revision` is 0-based within the stream. */
export interface RecordedEvent extends NewEvent {
  streamId: string;
  revision: number;
  position: Position;
  /** ISO-8601 time the store recorded the event. */
  recordedAt: string;
}

/** Expected stream state for optimistic concurrency: any, no stream yet, stream exists, or exact 0-based revision. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

/** One stream's part of an append. */
export interface AppendRequest {
  streamId: string;
  expectedRevision: ExpectedRevision;
  events: NewEvent[];
}

/**
 * A stream an append depends on without writing to it (a group member's stream while the member is added): the
 * append fails with StreamRevisionConflict, writing nothing, unless the stream is at `expectedRevision`.
 */
export interface StreamCondition {
  streamId: string;
  expectedRevision: ExpectedRevision;
}

/** The outcome of an append: the stream's new revision and the position of its last event. */
export interface AppendResult {
  streamId: string;
  nextExpectedRevision: number;
  position: Position;
}

/**
 * Options for reading one stream. Revisions are inclusive bounds: forwards reads fromRevision..toRevision
 * ascending, backwards reads fromRevision..toRevision descending (so toRevision is the lower bound there).
 */
export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Start here (inclusive); default the first event forwards, the last event backwards. */
  fromRevision?: number;
  /** Stop after this revision (inclusive) — forwards: "what it looked like at revision N". */
  toRevision?: number;
  maxCount?: number;
}

/** What a subscription's `accepts` sees of an event. */
export type EventIdentity = Pick<RecordedEvent, 'streamId' | 'type'>;

/** Options for reading the global log. */
export interface ReadAllOptions {
  /** Exclusive lower bound; omit to read from the beginning. */
  after?: Position;
  /** Page size; omit to read to the end of the log. */
  maxCount?: number;
  /** Only streams whose id starts with one of these prefixes (e.g. `acme/User/`). */
  streamPrefixes?: string[];
}

/** Catch-up subscription to the global log. Handlers run one batch at a time, in log order. */
export interface SubscribeOptions extends Omit<ReadAllOptions, 'maxCount'> {
  batchSize?: number;
  /**
   * Only the events this accepts are handed to `handle` (default: every event of `streamPrefixes`); the others are
   * passed over as if handled, and `handle` is not called with an empty batch. It sees an event's stream and type
   * only, so a store can pass over an event without decoding it: a subscriber that wants few of the events (one
   * event type, one kind of stream under every tenant) then costs little for the rest.
   */
  accepts?(event: EventIdentity): boolean;
  /** Handle a batch; the subscription advances only after it resolves. */
  handle(events: RecordedEvent[]): Promise<void> | void;
  /** Called when `handle` or a read fails; the subscription retries after a back-off. */
  onError?(error: unknown): void;
}

/** A running subscription. */
export interface Subscription {
  /** Position of the last event handled. */
  readonly position: Position | undefined;
  /**
   * Resolves once the subscription has handled every event up to and including `position` — also when the
   * event at `position` is not one it delivers (another stream prefix). Rejects with WaitForTimeout after
   * `timeoutMs` (default 5000) and with EventStoreUnavailable once the subscription is stopped.
   */
  waitFor(position: Position, timeoutMs?: number): Promise<void>;
  /** Stops reading; resolves after the batch in progress (if any) has been handled. Idempotent. */
  stop(): Promise<void>;
}

/** Named positions for consumers that keep their place outside a read model (e.g. outbound cursors). */
export interface CheckpointStore {
  load(subscriberId: string): Promise<Position | undefined>;
  store(subscriberId: string, position: Position): Promise<void>;
}

/** What an adapter can do; the write side picks its uniqueness strategy from `atomicMultiStreamAppend`. */
export interface EventStoreCapabilities {
  atomicMultiStreamAppend: boolean;
}

/** The event-store port. */
export interface EventStore {
  readonly capabilities: EventStoreCapabilities;
  /** Appends atomically to one stream; rejects with StreamRevisionConflict when `expectedRevision` does not hold. */
  appendToStream(streamId: string, expectedRevision: ExpectedRevision, events: NewEvent[]): Promise<AppendResult>;
  /**
   * Appends to several streams; all-or-nothing where `capabilities.atomicMultiStreamAppend`. Where atomic, every
   * condition is checked in the append's transaction, its stream locked as if appended to, so a concurrent append
   * to that stream is ordered wholly before or after this one; elsewhere conditions are checked before appending.
   */
  appendMulti(requests: AppendRequest[], conditions?: StreamCondition[]): Promise<AppendResult[]>;
  /** Events of one stream; a stream that does not exist reads as `[]`. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** A page of the global log in position order (system streams of the server excluded). */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribe(options: SubscribeOptions): Subscription;
  readonly checkpoints: CheckpointStore;
  /** Stops every subscription and releases connections or file handles; later calls reject. Idempotent. */
  close(): Promise<void>;
}
