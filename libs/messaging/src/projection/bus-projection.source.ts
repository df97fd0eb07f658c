// The projection runner's source on the bus (HUB_BUS=kafka): each projection consumes the topic in its own
// consumer group, `projection-<name>`, and the runner keeps everything else (leases, status, poisoned events,
// rebuild and replay). The relay publishes the log as stored (user data sealed), so batches are opened first.
import { comparePositions, type RecordedEvent } from '@scim-hub/event-store';
import type { ProjectionSource } from '@scim-hub/event-store/projections';
import { fromEnvelope } from '../bus-envelope';
import type { MessageBus } from '../bus.port';

/** Consumer group of the runner's projection `name` (e.g. `projection-scim`, `projection-audit`). */
export function projectionGroup(name: string): string {
  return `projection-${name}`;
}

/** Options of the bus-backed projection source. */
export interface BusProjectionSourceOptions {
  bus: MessageBus;
  /** Turns events as the bus carries them into events as the store reads them (opens sealed user data). */
  open?(events: RecordedEvent[]): Promise<RecordedEvent[]>;
}

/**
 * Feeds each projection from its consumer group. A projection has one checkpoint for the whole log, so it
 * needs the log's order: the consumer refuses a topic with more than one partition (docs/kafka.md). Events at
 * or before the checkpoint the feed started from are dropped before they are opened; the projection skips any
 * other duplicate itself, in the transaction of its checkpoint.
 */
export function busProjectionSource({ bus, open }: BusProjectionSourceOptions): ProjectionSource {
  return {
    kind: 'bus',
    follow: async (name, { after, batchSize, handle, onError }) =>
      bus.consume({
        group: projectionGroup(name),
        requireLogOrder: true,
        maxBatchSize: batchSize,
        onError,
        handle: async (batch) => {
          const fresh = batch.map(fromEnvelope).filter((event) => !after || comparePositions(event.position, after) > 0);
          if (fresh.length > 0) await handle(open ? await open(fresh) : fresh);
        },
      }),
  };
}
