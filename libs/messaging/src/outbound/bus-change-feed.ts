// An outbound target's change feed on the bus (HUB_BUS=kafka): the consumer group `outbound-<targetId>`. It
// first catches up from the store's log (the source of truth: an initial sync or a reset cursor needs events
// the group has long committed, or the topic no longer holds), then follows the group, dropping everything at
// or before what it handed last. Matches the outbound engine's `changeFeed` option by shape.
import { comparePositions, maxPosition, type EventStore, type Position, type RecordedEvent } from '@scim-hub/event-store';
import { fromEnvelope } from '../bus-envelope';
import type { BusConsumer, MessageBus } from '../bus.port';

const RETRY_MS = 1000;

/** Consumer group of outbound target `targetId`. */
export function outboundGroup(targetId: string): string {
  return `outbound-${targetId}`;
}

/** What the outbound engine hands a change feed (its ChangeFeedOptions). */
export interface ChangeFeedRequest {
  targetId: string;
  after: Position | undefined;
  batchSize: number;
  streamPrefixes: string[];
  handle(events: RecordedEvent[]): Promise<void>;
  onError(error: unknown): void;
}

/** Options of the bus change feed. */
export interface BusChangeFeedOptions {
  bus: MessageBus;
  /** The event store, read for the catch-up before the group is joined. */
  store: EventStore;
}

/** The outbound engine's `changeFeed` on the bus: one consumer group per target. */
export function busChangeFeed({ bus, store }: BusChangeFeedOptions): (request: ChangeFeedRequest) => { stop(): Promise<void> } {
  return (request) => new BusChangeFeed(bus, store, request);
}

class BusChangeFeed {
  private handled: Position | undefined;
  private consumer: BusConsumer | undefined;
  private stopped = false;
  private readonly running: Promise<void>;

  constructor(
    private readonly bus: MessageBus,
    private readonly store: EventStore,
    private readonly request: ChangeFeedRequest,
  ) {
    this.handled = request.after;
    this.running = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
    await this.consumer?.stop();
  }

  // Runs in the background, so that a long initial sync does not hold up the engine's start.
  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.catchUp();
        if (!this.stopped) this.consumer = await this.join();
        return;
      } catch (error) {
        if (!this.stopped) this.request.onError(error);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS).unref());
      }
    }
  }

  private async catchUp(): Promise<void> {
    const { batchSize, streamPrefixes } = this.request;
    while (!this.stopped) {
      const page = await this.store.readAll({ ...(this.handled ? { after: this.handled } : {}), maxCount: batchSize, streamPrefixes });
      if (page.length === 0) return;
      await this.request.handle(page);
      this.handled = page.at(-1)?.position;
    }
  }

  // The cursor is one log position, so the group needs the log's order (one partition, docs/kafka.md).
  private join(): Promise<BusConsumer> {
    const { targetId, batchSize, streamPrefixes, handle, onError } = this.request;
    return this.bus.consume({
      group: outboundGroup(targetId),
      requireLogOrder: true,
      maxBatchSize: batchSize,
      onError,
      handle: async (batch) => {
        const events = batch.map(fromEnvelope);
        const fresh = events.filter((e) => this.isNew(e) && streamPrefixes.some((prefix) => e.streamId.startsWith(prefix)));
        if (fresh.length > 0) await handle(fresh);
        this.handled = maxPosition(this.handled, events.at(-1)?.position);
      },
    });
  }

  private isNew(event: RecordedEvent): boolean {
    return !this.handled || comparePositions(event.position, this.handled) > 0;
  }
}
