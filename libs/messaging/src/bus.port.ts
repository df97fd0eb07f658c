// The messaging port: how identity events reach projections and outbound dispatchers. Two adapters: the
// log-backed bus (a catch-up subscription on the event store, the embedded default) and Kafka (scale-out).
// Delivery is at-least-once: a batch is committed only after its handler resolved, so a consumer that dies
// before that gets it again (in the same group); consumers make their effects exactly-once by event id.
import type { RecordedEvent } from '@scim-hub/event-store';
import type { BusEnvelope } from './bus-envelope';

/** Writes events to the bus (Kafka: the relay's producer). */
export interface BusPublisher {
  /** Resolves once the bus has durably accepted every event (Kafka: acks from all in-sync replicas). */
  publish(events: readonly RecordedEvent[]): Promise<void>;
  close(): Promise<void>;
}

/** How one consumer of a group reads the bus. */
export interface ConsumeOptions {
  /**
   * Consumer group: every group sees every event once it commits; the members of one group share the
   * work (Kafka: by partition; log-backed: one active member, the others stand by).
   */
  group: string;
  /**
   * Handles a batch. Events of one stream arrive in revision order, in the same or later batches. The batch is
   * committed only when this resolves; when it throws, the same batch is handed again after a back-off.
   */
  handle(batch: BusEnvelope[]): Promise<void>;
  /** Called when `handle` fails (before the retry) or the bus misbehaves. */
  onError?(error: unknown): void;
  /** Most events per `handle` call (default 500). */
  maxBatchSize?: number;
  /**
   * The consumer needs the whole log's order, not only per stream (a projection with one global checkpoint,
   * such as the SCIM read model). The log-backed bus always keeps it; Kafka keeps it only on a topic with one
   * partition, and refuses to start on a larger one instead of skipping events.
   */
  requireLogOrder?: boolean;
}

/** One running member of a consumer group. */
export interface BusConsumer {
  /** Leaves the group: waits for the batch in progress; an uncommitted batch goes to another member. Idempotent. */
  stop(): Promise<void>;
}

/** A message bus: where consumers join groups. */
export interface MessageBus {
  /** `log` or `kafka` (HUB_BUS). */
  readonly kind: 'log' | 'kafka';
  /** Joins `options.group` and starts handing batches to `options.handle`; resolves once it runs. */
  consume(options: ConsumeOptions): Promise<BusConsumer>;
  /** Stops every consumer this bus started and releases connections. */
  close(): Promise<void>;
}
