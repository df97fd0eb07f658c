import type {
  AppendRequest,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamCondition,
  SubscribeOptions,
  Subscription,
} from '@scim-hub/event-store';
import type { Histogram } from 'prom-client';

/** Wraps an EventStore so that every append records `event_store_append_duration_seconds{store}`. */
export class TimedEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly appendDuration: Histogram<'store'>,
    private readonly storeName: string,
  ) {}

  get capabilities() {
    return this.inner.capabilities;
  }

  get checkpoints() {
    return this.inner.checkpoints;
  }

  appendToStream(streamId: string, expectedRevision: ExpectedRevision, events: NewEvent[]): Promise<AppendResult> {
    return this.timed(() => this.inner.appendToStream(streamId, expectedRevision, events));
  }

  appendMulti(requests: AppendRequest[], conditions?: StreamCondition[]): Promise<AppendResult[]> {
    return this.timed(() => this.inner.appendMulti(requests, conditions));
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId, options);
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.inner.readAll(options);
  }

  subscribe(options: SubscribeOptions): Subscription {
    return this.inner.subscribe(options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  // Failed appends (conflicts) are timed too: they cost the same round trip.
  private async timed<T>(append: () => Promise<T>): Promise<T> {
    const end = this.appendDuration.startTimer({ store: this.storeName });
    try {
      return await append();
    } finally {
      end();
    }
  }
}
