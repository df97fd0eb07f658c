import { EventStoreUnavailable } from '../event-store.errors';
import type {
  AppendRequest,
  AppendResult,
  CheckpointStore,
  EventStore,
  ExpectedRevision,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamCondition,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { assertExpectedRevision, validateAppend, validateAppendMulti } from '../internal/append-rules';
import { readAllLimit, revisionRange } from '../internal/read-rules';
import { EsdbCheckpoints } from './esdb-checkpoints';
import { BACKWARDS, END, EventStoreDBClient, FORWARDS, StreamNotFoundError } from './esdb-client';
import { EsdbLog } from './esdb-log';
import {
  fromClientEvent,
  isOwnEvent,
  toClientExpectedRevision,
  toEventData,
  translateClientError,
  type ClientRecordedEvent,
} from './esdb-mapping';
import { EsdbSubscription } from './esdb-subscription';

/** Options of `openEventStoreDbEventStore`. */
export interface EventStoreDbOptions {
  /** `esdb://host:2113?tls=false` style connection string (EVENTSTORE_URL). */
  connectionString: string;
  /** Stream-name prefix of checkpoint streams; `$`-streams need a user allowed to write system streams. */
  checkpointStreamPrefix?: string;
}

/**
 * EventStoreDB (KurrentDB) as the event store: a stream per resource, `$all` as the global log, the server's
 * catch-up subscriptions with a stream-prefix filter, and its native optimistic concurrency and idempotency.
 *
 * appendMulti is NOT atomic here (capabilities.atomicMultiStreamAppend = false): EventStoreDB has no
 * multi-stream transaction, so the requests are appended one after the other, in order. Failure modes: if
 * request k fails (conflict, unavailable), requests 0..k-1 stay appended and k+1.. are not attempted; the
 * error is the one of request k. If the connection drops mid-way, the caller cannot know which requests
 * landed; retrying with the same event ids is safe (idempotent). The write side compensates: it orders the
 * requests so that an orphan earlier append is harmless (e.g. a userName reservation before the user event,
 * released again when the user append fails).
 */
export class EventStoreDbEventStore implements EventStore {
  readonly capabilities = { atomicMultiStreamAppend: false };
  readonly checkpoints: CheckpointStore;
  private readonly log: EsdbLog;
  private readonly subscriptions = new Set<EsdbSubscription>();
  private closed = false;

  constructor(
    private readonly client: EventStoreDBClient,
    checkpointStreamPrefix: string,
  ) {
    this.log = new EsdbLog(client);
    const checkpoints = new EsdbCheckpoints(client, checkpointStreamPrefix);
    this.checkpoints = {
      load: (id) => this.call(() => checkpoints.load(id)),
      store: (id, position) => this.call(() => checkpoints.store(id, position)),
    };
  }

  async appendToStream(streamId: string, expectedRevision: ExpectedRevision, events: NewEvent[]): Promise<AppendResult> {
    validateAppend(streamId, expectedRevision, events);
    const result = await this.call(
      () =>
        this.client.appendToStream(streamId, events.map(toEventData), {
          expectedRevision: toClientExpectedRevision(expectedRevision),
        }),
      streamId,
      expectedRevision,
    );
    const revision = Number(result.nextExpectedRevision);
    const position = result.position ?? (await this.positionOf(streamId, revision));
    return { streamId, nextExpectedRevision: revision, position: { commit: position.commit, prepare: position.prepare } };
  }

  async appendMulti(requests: AppendRequest[], conditions: StreamCondition[] = []): Promise<AppendResult[]> {
    validateAppendMulti(requests, conditions);
    // No transaction spans streams here: a condition is checked before the first append and may change after.
    for (const c of conditions) {
      const [last] = await this.readStream(c.streamId, { direction: 'backwards', maxCount: 1 });
      assertExpectedRevision(c.streamId, c.expectedRevision, last ? last.revision : -1);
    }
    const results: AppendResult[] = [];
    for (const r of requests) results.push(await this.appendToStream(r.streamId, r.expectedRevision, r.events));
    return results;
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const { low, high, backwards, limit } = revisionRange(options);
    const unboundedHigh = high === Number.MAX_SAFE_INTEGER;
    const span = unboundedHigh ? limit : Math.min(limit, high - low + 1);
    if (span <= 0) return [];
    const start = backwards ? (unboundedHigh ? END : BigInt(high)) : BigInt(low);
    return this.call(async () => {
      const events: RecordedEvent[] = [];
      const read = this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: start,
        maxCount: span,
      });
      try {
        for await (const resolved of read) {
          const event = resolved.event as ClientRecordedEvent | undefined;
          if (!event) continue;
          const revision = Number(event.revision);
          if (revision < low || revision > high) break;
          if (isOwnEvent(event)) events.push(fromClientEvent(event));
          if (events.length >= limit) break;
        }
      } catch (error) {
        if (error instanceof StreamNotFoundError) return [];
        throw error;
      }
      return events;
    }, streamId);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = readAllLimit(options.maxCount);
    return this.call(() => this.log.read(options.after, limit, options.streamPrefixes));
  }

  subscribe(options: SubscribeOptions): Subscription {
    if (this.closed) throw new EventStoreUnavailable('event store is closed');
    const source = {
      open: (from: Position | undefined, onCheckpoint: (position: Position) => void) =>
        this.log.subscribe(from, options.streamPrefixes, onCheckpoint),
      pendingUpTo: (from: Position | undefined, to: Position) => this.log.pendingUpTo(from, to, options.streamPrefixes),
    };
    const subscription = new EsdbSubscription(source, options, (s) => this.subscriptions.delete(s));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  private async positionOf(streamId: string, revision: number): Promise<Position> {
    const [event] = await this.readStream(streamId, { fromRevision: revision, toRevision: revision });
    if (!event) throw new EventStoreUnavailable(`EventStoreDB: ${streamId}@${revision} not readable after append`);
    return event.position;
  }

  /** Runs a client call: refuses once closed, translates client errors into port errors. */
  private async call<T>(work: () => Promise<T>, streamId?: string, expected?: ExpectedRevision): Promise<T> {
    if (this.closed) throw new EventStoreUnavailable('event store is closed');
    try {
      return await work();
    } catch (error) {
      throw translateClientError(error, streamId, expected);
    }
  }
}

/** Opens an EventStoreDB-backed event store and checks that the server answers. */
export async function openEventStoreDbEventStore(options: EventStoreDbOptions): Promise<EventStore> {
  const client = EventStoreDBClient.connectionString(options.connectionString);
  try {
    await new EsdbLog(client).head();
  } catch (error) {
    await client.dispose().catch(() => undefined);
    throw translateClientError(error);
  }
  return new EventStoreDbEventStore(client, options.checkpointStreamPrefix ?? '$scim-hub-checkpoint-');
}
