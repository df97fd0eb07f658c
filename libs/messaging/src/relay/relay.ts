// The relay: publishes the event store's global log to the bus in log order, at least once. Its position is a
// checkpoint in the store's CheckpointStore, stored only after the bus acknowledged the batch, so a relay
// that dies re-publishes at most the batch it had in flight; consumers deduplicate by event id.
import type { EventStore, Position, Subscription } from '@scim-hub/event-store';
import type { BusPublisher } from '../bus.port';
import type { RelayLease } from './relay-lease';

/** What the relay needs. */
export interface RelayOptions {
  store: EventStore;
  publisher: BusPublisher;
  lease: RelayLease;
  /** Name of the relay's checkpoint, one per destination (e.g. `relay:<topic>`). */
  checkpointName: string;
  /** Events per published batch (default 500): also the most a crash can publish twice. */
  batchSize?: number;
  /** A publish or checkpoint failed; the same batch is retried after a back-off. */
  onError?(error: unknown): void;
  /** The lease is held and publishing starts from `from` (undefined: the start of the log). */
  onActive?(from: Position | undefined): void;
  /** A batch was acknowledged and checkpointed. */
  onPublished?(count: number, to: Position): void;
  /** The lease was lost; the relay has stopped publishing and its process should exit. */
  onLeaseLost?(error: Error): void;
}

/** A running relay. */
export interface Relay {
  /** Resolves once the lease is held and the subscription runs (for tests and start-up logs). */
  readonly active: Promise<void>;
  /** Position of the last acknowledged event. */
  readonly position: Position | undefined;
  /** Stops publishing (after the batch in flight) and releases the lease. Idempotent. */
  stop(): Promise<void>;
}

class RunningRelay implements Relay {
  readonly active: Promise<void>;
  private subscription: Subscription | undefined;
  private stopped = false;

  constructor(private readonly options: RelayOptions) {
    options.lease.onLost((error) => {
      void this.stop();
      options.onLeaseLost?.(error);
    });
    this.active = this.start();
  }

  get position(): Position | undefined {
    return this.subscription?.position;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.stop();
    await this.options.lease.release();
  }

  private async start(): Promise<void> {
    const { store, publisher, checkpointName, lease } = this.options;
    try {
      await lease.acquire();
    } catch (error) {
      if (this.stopped) return; // stopped while standing by: nothing to report
      throw error;
    }
    if (this.stopped) return;
    const after = await store.checkpoints.load(checkpointName);
    this.options.onActive?.(after);
    this.subscription = store.subscribe({
      after,
      batchSize: this.options.batchSize ?? 500,
      handle: async (events) => {
        const last = events.at(-1);
        if (!last) return;
        await publisher.publish(events);
        await store.checkpoints.store(checkpointName, last.position);
        this.options.onPublished?.(events.length, last.position);
      },
      onError: this.options.onError,
    });
  }
}

/** Starts a relay: waits for the lease, then publishes from its checkpoint on. */
export function startRelay(options: RelayOptions): Relay {
  return new RunningRelay(options);
}
