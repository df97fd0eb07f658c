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
import { assertExpectedRevision, decideAppend, validateAppendMulti, type AppendDecision } from '../internal/append-rules';
import { CatchUpSubscription, type LogPage } from '../internal/catch-up-subscription';
import { firstIndexAfter, matchesPrefixes, readAllLimit, revisionRange } from '../internal/read-rules';

/** Options of the in-memory store. */
export interface InMemoryEventStoreOptions {
  /** Safety-net poll of subscriptions; appends wake them at once anyway. */
  pollIntervalMs?: number;
}

/**
 * An event store in process memory: the reference behaviour of the port for unit tests. Every append is
 * synchronous inside one call, so multi-stream appends are atomic and concurrent callers are serialized.
 */
export class InMemoryEventStore implements EventStore {
  readonly capabilities = { atomicMultiStreamAppend: true };
  readonly checkpoints: CheckpointStore;
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly listeners = new Set<(position?: Position) => void>();
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly positions = new Map<string, Position>();
  private closed = false;

  constructor(private readonly options: InMemoryEventStoreOptions = {}) {
    this.checkpoints = {
      load: async (id) => {
        this.assertOpen();
        const position = this.positions.get(id);
        return position && { ...position };
      },
      store: async (id, position) => {
        this.assertOpen();
        this.positions.set(id, { ...position });
      },
    };
  }

  async appendToStream(streamId: string, expectedRevision: ExpectedRevision, events: NewEvent[]): Promise<AppendResult> {
    const [result] = await this.appendMulti([{ streamId, expectedRevision, events }]);
    return result;
  }

  async appendMulti(requests: AppendRequest[], conditions: StreamCondition[] = []): Promise<AppendResult[]> {
    this.assertOpen();
    validateAppendMulti(requests, conditions);
    if (requests.length === 0) return [];
    for (const c of conditions) assertExpectedRevision(c.streamId, c.expectedRevision, (this.streams.get(c.streamId)?.length ?? 0) - 1);
    // Decide every stream before writing any: a conflict anywhere leaves the log untouched (atomic).
    const decisions = requests.map((r) => decideAppend(r.streamId, r.expectedRevision, r.events, this.stateOf(r)));
    const results = requests.map((r, i) => this.apply(r, decisions[i]));
    const head = this.log.at(-1)?.position;
    for (const listener of this.listeners) listener(head);
    return results;
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const { low, high, backwards, limit } = revisionRange(options);
    const selected = (this.streams.get(streamId) ?? []).filter((e) => e.revision >= low && e.revision <= high);
    if (backwards) selected.reverse();
    return selected.slice(0, limit).map(copy);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.scan(options.after, readAllLimit(options.maxCount), options.streamPrefixes).events;
  }

  subscribe(options: SubscribeOptions): Subscription {
    this.assertOpen();
    const source = {
      readPage: async (after: Position | undefined, limit: number, prefixes: string[] | undefined) =>
        this.scan(after, limit, prefixes),
      onAppend: (listener: (position?: Position) => void) => {
        this.listeners.add(listener);
        return () => void this.listeners.delete(listener);
      },
      pollIntervalMs: this.options.pollIntervalMs ?? 1000,
    };
    const subscription = new CatchUpSubscription(source, options, (s) => this.subscriptions.delete(s));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailable('event store is closed');
  }

  private stateOf(request: AppendRequest) {
    const events = this.streams.get(request.streamId) ?? [];
    const firstId = request.events[0].id;
    const found = events.findIndex((e) => e.id === firstId);
    return {
      current: events.length - 1,
      retryFrom: found < 0 ? undefined : found,
      idsFrom: (from: number, count: number) => events.slice(from, from + count).map((e) => e.id),
    };
  }

  private apply(request: AppendRequest, decision: AppendDecision): AppendResult {
    const stream = this.streams.get(request.streamId) ?? [];
    if (decision.kind === 'retry') {
      const last = stream[decision.lastRevision];
      return { streamId: request.streamId, nextExpectedRevision: last.revision, position: { ...last.position } };
    }
    const recordedAt = new Date().toISOString();
    request.events.forEach((event, i) => {
      const sequence = BigInt(this.log.length + 1);
      const recorded: RecordedEvent = {
        ...copyNew(event),
        streamId: request.streamId,
        revision: decision.firstRevision + i,
        position: { commit: sequence, prepare: sequence },
        recordedAt,
      };
      stream.push(recorded);
      this.log.push(recorded);
    });
    this.streams.set(request.streamId, stream);
    const last = stream[stream.length - 1];
    return { streamId: request.streamId, nextExpectedRevision: last.revision, position: { ...last.position } };
  }

  private scan(after: Position | undefined, limit: number, prefixes: string[] | undefined): LogPage {
    const events: RecordedEvent[] = [];
    for (let i = firstIndexAfter(this.log, after); i < this.log.length && events.length < limit; i++) {
      if (matchesPrefixes(this.log[i].streamId, prefixes)) events.push(copy(this.log[i]));
    }
    const scannedTo = events.length >= limit ? events.at(-1)?.position : this.log.at(-1)?.position;
    return { events, scannedTo };
  }
}

function copyNew(event: NewEvent): NewEvent {
  const { id, type, schemaVersion, data, metadata } = structuredClone(event);
  return { id, type, schemaVersion, data, metadata };
}

function copy(event: RecordedEvent): RecordedEvent {
  return structuredClone(event);
}

/** Creates an empty in-memory event store (unit tests, examples). */
export function createInMemoryEventStore(options?: InMemoryEventStoreOptions): EventStore {
  return new InMemoryEventStore(options);
}
